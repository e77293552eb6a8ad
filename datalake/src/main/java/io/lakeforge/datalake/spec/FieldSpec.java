package io.lakeforge.datalake.spec;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One field of a dataset's curated schema: its name, type ({@code int | long | double | string |
 * array<int> | array<double> | vector}), an optional fixed length for arrays and vectors, an
 * optional value range, whether nulls are allowed, and whether {@code NaN} and infinities are (they
 * are quarantined unless {@code allow-non-finite = true}).
 */
public record FieldSpec(
    String name,
    String type,
    int length,
    Double min,
    Double max,
    boolean nullable,
    boolean allowNonFinite)
    implements java.io.Serializable {

  /** A field whose floating-point values must be finite. */
  public FieldSpec(String name, String type, int length, Double min, Double max, boolean nullable) {
    this(name, type, length, min, max, nullable, false);
  }

  /** True for types whose values can be {@code NaN} or infinite. */
  public boolean isFloatingPoint() {
    return type.equals("double") || type.equals("array<double>") || type.equals("vector");
  }

  public static final java.util.List<String> TYPES =
      java.util.List.of("int", "long", "double", "string", "array<int>", "array<double>", "vector");

  public boolean isArray() {
    return type.startsWith("array<");
  }

  public boolean isVector() {
    return type.equals("vector");
  }

  public boolean isNumeric() {
    return type.equals("int") || type.equals("long") || type.equals("double");
  }

  public DataType sparkType() {
    return switch (type) {
      case "int" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "double" -> DataTypes.DoubleType;
      case "string" -> DataTypes.StringType;
      case "array<int>" -> DataTypes.createArrayType(DataTypes.IntegerType, true);
      case "array<double>" -> DataTypes.createArrayType(DataTypes.DoubleType, true);
      case "vector" -> SQLDataTypes.VectorType();
      default -> throw new IllegalStateException("unknown type " + type);
    };
  }

  /** Human-readable form of the range rule, e.g. {@code 0..255}. */
  public String rangeText() {
    return fmt(min) + ".." + fmt(max);
  }

  private static String fmt(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
  }
}
