package io.lakeforge.models.features;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lakeforge.models.ModelJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset's feature spec with its fitted statistics: everything needed to turn a curated row into
 * exactly the features a model was trained on. Stored as JSON on the features table's commit, next
 * to the table, and in every model's {@code model.json}.
 *
 * <p>Three shapes: one array/vector field ({@code vector_field}, {@code scaling} divide /
 * standardize / none); a list of numeric {@code columns} with one {@code scaling}; or per-column
 * {@code transforms} (numeric transforms, categorical encodings, imputation). {@code
 * label_classes}, when present, maps a string label's index (the features table's {@code label})
 * back to the original string; it is null for numeric labels. {@link FeatureVectorizer} applies any
 * of them to one record.
 */
public record FittedFeatureSpec(
    String dataset,
    String vectorField,
    List<String> columns,
    String scaling,
    double divisor,
    double[] means,
    double[] stds,
    String label,
    int dim,
    double validationFraction,
    long splitSeed,
    List<FittedColumn> transforms,
    List<String> labelClasses) {

  public FittedFeatureSpec {
    columns = columns == null ? List.of() : List.copyOf(columns);
    transforms = transforms == null || transforms.isEmpty() ? null : List.copyOf(transforms);
    labelClasses = labelClasses == null ? null : List.copyOf(labelClasses);
  }

  /** A spec without per-column transforms and with a numeric (or no) label. */
  public FittedFeatureSpec(
      String dataset,
      String vectorField,
      List<String> columns,
      String scaling,
      double divisor,
      double[] means,
      double[] stds,
      String label,
      int dim,
      double validationFraction,
      long splitSeed) {
    this(
        dataset,
        vectorField,
        columns,
        scaling,
        divisor,
        means,
        stds,
        label,
        dim,
        validationFraction,
        splitSeed,
        null,
        null);
  }

  /** The label's index for its original string, or null when the label is not one of them. */
  public Integer labelIndex(String value) {
    if (labelClasses == null || value == null) {
      return null;
    }
    int i = labelClasses.indexOf(value);
    return i < 0 ? null : i;
  }

  /** The original string of a label index; the index itself when the label was numeric. */
  public String labelName(int index) {
    return labelClasses != null && index >= 0 && index < labelClasses.size()
        ? labelClasses.get(index)
        : String.valueOf(index);
  }

  /** A name per feature: the column (or {@code column=category}), or the position. */
  public List<String> featureNames() {
    List<String> names = new java.util.ArrayList<>();
    if (transforms != null) {
      transforms.forEach(t -> names.addAll(t.featureNames()));
    } else if (vectorField == null && columns.size() == dim) {
      names.addAll(columns);
    } else {
      for (int j = 0; j < dim; j++) {
        names.add(String.valueOf(j));
      }
    }
    return names;
  }

  /** The spec as plain JSON values (snake_case keys), for commit metadata and lineage. */
  public Map<String, Object> toMap() {
    return ModelJson.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
  }

  public static FittedFeatureSpec fromMap(Map<String, Object> m) {
    return ModelJson.MAPPER.convertValue(m, FittedFeatureSpec.class);
  }

  /** Two specs are the same transform when all their fields agree (arrays by content). */
  public boolean sameTransformAs(FittedFeatureSpec o) {
    return o != null
        && Objects.equals(dataset, o.dataset)
        && Objects.equals(vectorField, o.vectorField)
        && columns.equals(o.columns)
        && Objects.equals(scaling, o.scaling)
        && divisor == o.divisor
        && Arrays.equals(means, o.means)
        && Arrays.equals(stds, o.stds)
        && Objects.equals(label, o.label)
        && dim == o.dim
        && validationFraction == o.validationFraction
        && splitSeed == o.splitSeed
        && Objects.equals(transforms, o.transforms)
        && Objects.equals(labelClasses, o.labelClasses);
  }
}
