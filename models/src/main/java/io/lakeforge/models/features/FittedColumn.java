package io.lakeforge.models.features;

import java.util.List;

/**
 * One source column of a tabular feature spec with what was fitted for it on the train split.
 *
 * <p>Numeric columns ({@code kind = numeric}) give one feature: the value (or {@code fill} when it
 * is missing) through {@code transform}: {@code standardize} {@code (x - center) / scale}, {@code
 * minmax} {@code (x - center) / scale} with center the minimum and scale the range, {@code log1p}
 * {@code log(1 + max(x, 0))}, {@code none} {@code x}. A scale of 0 gives 0.
 *
 * <p>Categorical columns ({@code kind = categorical}) use {@code categories} (train-split values by
 * frequency, then name, at most {@code max-categories}): {@code one-hot} gives one feature per
 * category plus, when {@code other} is true, a last one for every other value (an unseen value sets
 * it; without it an unseen value is all zeros); {@code index} gives one feature, the category's
 * position, or {@code categories.size()} for any other value.
 *
 * @param name the source field
 * @param kind {@code numeric} or {@code categorical}
 * @param transform {@code standardize | minmax | log1p | none | one-hot | index}
 * @param impute how a missing value is filled ({@code mean | median | most-frequent | constant}),
 *     or null when the field cannot be missing
 * @param fill the numeric fill value (numeric columns with impute)
 * @param fillCategory the category a missing value becomes (categorical columns with impute)
 * @param center subtracted before scaling (numeric)
 * @param scale divided by after centering (numeric); 0 gives 0
 * @param categories the fitted categories in feature order (categorical)
 * @param other whether one-hot has the {@code other} slot
 */
public record FittedColumn(
    String name,
    String kind,
    String transform,
    String impute,
    Double fill,
    String fillCategory,
    double center,
    double scale,
    List<String> categories,
    boolean other) {

  public static final String NUMERIC = "numeric";
  public static final String CATEGORICAL = "categorical";
  public static final List<String> NUMERIC_TRANSFORMS =
      List.of("standardize", "minmax", "none", "log1p");
  public static final List<String> CATEGORICAL_TRANSFORMS = List.of("one-hot", "index");
  public static final List<String> IMPUTES = List.of("mean", "median", "most-frequent");

  public FittedColumn {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  /** How many features the column gives. */
  public int width() {
    if (CATEGORICAL.equals(kind) && "one-hot".equals(transform)) {
      return categories.size() + (other ? 1 : 0);
    }
    return 1;
  }

  /** The names of the column's features, e.g. {@code island=Biscoe}, {@code island=other}. */
  public List<String> featureNames() {
    if (CATEGORICAL.equals(kind) && "one-hot".equals(transform)) {
      List<String> names = new java.util.ArrayList<>();
      categories.forEach(c -> names.add(name + "=" + c));
      if (other) {
        names.add(name + "=other");
      }
      return names;
    }
    return List.of(name);
  }
}
