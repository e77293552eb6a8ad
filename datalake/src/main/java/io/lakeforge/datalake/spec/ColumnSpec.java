package io.lakeforge.datalake.spec;

/**
 * One entry of {@code features.columns} written as an object: the field, its transform (numeric
 * {@code standardize | minmax | none | log1p}, categorical {@code one-hot | index}), the one-hot
 * cap and {@code other} bucket, and how a missing value is imputed ({@code mean | median |
 * most-frequent}, or {@code constant} with {@code constant} holding the value; null for none).
 */
public record ColumnSpec(
    String name, String transform, int maxCategories, boolean other, String impute, String constant)
    implements java.io.Serializable {
  public static final int DEFAULT_MAX_CATEGORIES = 20;

  public boolean categorical() {
    return transform.equals("one-hot") || transform.equals("index");
  }
}
