package io.lakeforge.datalake.spec;

import java.util.List;

/**
 * How a dataset's curated rows become a feature vector: one array/vector field, a list of numeric
 * columns with one scaling ({@code divide} by a constant, {@code standardize} with statistics
 * fitted on the train split, or {@code none}), or per-column {@code transforms} (numeric
 * transforms, categorical encodings, imputation); and the label field (may be null; a string label
 * is indexed).
 */
public record FeatureSpec(
    String vectorField,
    List<String> columns,
    String scaling,
    double divisor,
    String label,
    List<ColumnSpec> transforms)
    implements java.io.Serializable {
  public static final List<String> SCALINGS = List.of("divide", "standardize", "none");

  public FeatureSpec {
    columns = List.copyOf(columns);
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
  }

  /** A spec without per-column transforms. */
  public FeatureSpec(
      String vectorField, List<String> columns, String scaling, double divisor, String label) {
    this(vectorField, columns, scaling, divisor, label, List.of());
  }
}
