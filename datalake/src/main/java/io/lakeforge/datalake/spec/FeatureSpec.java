package io.lakeforge.datalake.spec;

import java.util.List;

/**
 * How a dataset's curated rows become a feature vector: either one array/vector field or a list of
 * numeric columns, a scaling ({@code divide} by a constant, {@code standardize} with statistics
 * fitted on the curated table, or {@code none}), and the label field (may be null).
 */
public record FeatureSpec(String vectorField, List<String> columns, String scaling,
    double divisor, String label) implements java.io.Serializable {
  public static final List<String> SCALINGS = List.of("divide", "standardize", "none");
}
