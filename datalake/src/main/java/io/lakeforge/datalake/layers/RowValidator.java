package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.lakeforge.datalake.readers.SourceReader;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema enforcement and the validation rules of a dataset spec, as Spark column expressions: each
 * raw field is converted to its declared type ({@code try_cast}, or JSON parsing for arrays read as
 * text) and every failing rule adds a reason such as {@code range(label): expected 0..9}.
 */
final class RowValidator {
  static final String TYPED_PREFIX = "__typed_";
  static final String REASON = "_reason";

  private RowValidator() {}

  /** Adds one typed column per field and a {@code _reason} column (null when the row is valid). */
  static Dataset<Row> check(Dataset<Row> raw, DatasetSpec spec) {
    StructType rawSchema = raw.schema();
    Dataset<Row> df = raw;
    List<Column> conditions = new ArrayList<>();
    for (FieldSpec f : spec.schema()) {
      String typed = TYPED_PREFIX + f.name();
      DataType rawType = rawSchema.apply(f.name()).dataType();
      df = df.withColumn(typed, convert(f.name(), rawType, f));
      Column rawCol = col(quoted(f.name()));
      // An empty text field (CSV) is a missing value, not a badly typed one.
      Column present =
          rawType.equals(DataTypes.StringType)
              ? rawCol.isNotNull().and(org.apache.spark.sql.functions.trim(rawCol).notEqual(""))
              : rawCol.isNotNull();
      Column t = col(typed);
      conditions.add(
          when(present.and(t.isNull()), lit("type(" + f.name() + "): value is not " + f.type())));
      if (!f.nullable()) {
        conditions.add(
            when(
                org.apache.spark.sql.functions.not(present),
                lit("not_null(" + f.name() + "): value is missing")));
      }
      if (f.isArray()) {
        if (f.length() > 0) {
          conditions.add(
              when(
                  t.isNotNull().and(size(t).notEqual(f.length())),
                  concat_ws(
                      "",
                      lit("length(" + f.name() + "): has "),
                      size(t).cast("string"),
                      lit(" values, expected " + f.length()))));
        }
        if (!f.nullable()) {
          conditions.add(
              when(
                  t.isNotNull().and(expr("exists(`" + typed + "`, x -> x IS NULL)")),
                  lit("not_null(" + f.name() + "): has a null element")));
        }
        if (f.type().equals("array<double>")) {
          nonFinite(conditions, f, t);
        }
        String outOfRange = rangeCondition("x", f);
        if (outOfRange != null) {
          conditions.add(
              when(
                  t.isNotNull().and(expr("exists(`" + typed + "`, x -> " + outOfRange + ")")),
                  lit("range(" + f.name() + "): a value is outside " + f.rangeText())));
        }
      } else if (f.isVector()) {
        nonFinite(conditions, f, arrayOf(t));
        if (f.length() > 0) {
          Column len = size(arrayOf(t));
          conditions.add(
              when(
                  t.isNotNull().and(len.notEqual(f.length())),
                  concat_ws(
                      "",
                      lit("length(" + f.name() + "): has "),
                      len.cast("string"),
                      lit(" values, expected " + f.length()))));
        }
      } else if (f.isNumeric()) {
        if (f.type().equals("double") && !f.allowNonFinite()) {
          conditions.add(
              when(
                  t.isNotNull().and(notFinite(t)),
                  concat_ws(
                      "",
                      lit("non_finite(" + f.name() + "): "),
                      t.cast("string"),
                      lit(" is not a finite number"))));
        }
        String outOfRange = rangeCondition("`" + typed + "`", f);
        if (outOfRange != null) {
          conditions.add(
              when(
                  t.isNotNull().and(expr(outOfRange)),
                  concat_ws(
                      "",
                      lit("range(" + f.name() + "): "),
                      t.cast("string"),
                      lit(" is outside " + f.rangeText()))));
        }
      }
    }
    Column rules = concat_ws("; ", conditions.toArray(new Column[0]));
    // A row that could not be parsed breaks every rule as a consequence: its parse error is the
    // one reason worth reading.
    Column reason =
        when(
                col(SourceReader.PARSE_ERROR_COL).isNotNull(),
                concat_ws("", lit("parse: "), col(SourceReader.PARSE_ERROR_COL)))
            .when(rules.equalTo(""), lit(null))
            .otherwise(rules);
    return df.withColumn(REASON, reason);
  }

  /** The typed payload columns, named as in the spec. */
  static List<Column> typedFields(DatasetSpec spec) {
    List<Column> out = new ArrayList<>();
    for (FieldSpec f : spec.schema()) {
      out.add(col(TYPED_PREFIX + f.name()).as(f.name()));
    }
    return out;
  }

  /**
   * Adds the rule that an array's (or vector's) elements are finite, naming the first element that
   * is not, unless the field allows it.
   */
  private static void nonFinite(List<Column> conditions, FieldSpec f, Column array) {
    if (f.allowNonFinite()) {
      return;
    }
    Column first =
        org.apache.spark.sql.functions.array_position(
            org.apache.spark.sql.functions.transform(array, RowValidator::notFinite), true);
    conditions.add(
        when(
            array.isNotNull().and(first.gt(0)),
            concat_ws(
                "",
                lit("non_finite(" + f.name() + "): element "),
                first.cast("string"),
                lit(" is NaN or infinite"))));
  }

  /**
   * A vector column as {@code array<double>}, null for a null vector (Spark's vector_to_array fails
   * on null, which a row that could not be parsed has).
   */
  static Column arrayOf(Column vector) {
    return when(
        vector.isNotNull(), org.apache.spark.ml.functions.vector_to_array(vector, "float64"));
  }

  /** {@code x} is NaN or infinite. */
  private static Column notFinite(Column x) {
    return org.apache
        .spark
        .sql
        .functions
        .isnan(x)
        .or(x.equalTo(lit(Double.POSITIVE_INFINITY)))
        .or(x.equalTo(lit(Double.NEGATIVE_INFINITY)));
  }

  private static String rangeCondition(String ref, FieldSpec f) {
    if (f.min() == null && f.max() == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (f.min() != null) {
      parts.add(ref + " < " + f.min());
    }
    if (f.max() != null) {
      parts.add(ref + " > " + f.max());
    }
    String range = "(" + String.join(" OR ", parts) + ")";
    // NaN compares greater than every number in Spark SQL; whether it may appear is the
    // non-finite rule's business, not the range's.
    return f.isFloatingPoint() ? "(NOT isnan(" + ref + ") AND " + range + ")" : range;
  }

  private static Column convert(String name, DataType rawType, FieldSpec f) {
    DataType target = f.sparkType();
    Column raw = col(quoted(name));
    if (rawType.equals(target) || f.isVector()) {
      return raw;
    }
    if (f.isArray() && rawType.equals(DataTypes.StringType)) {
      return from_json(raw, target, Map.of("mode", "PERMISSIVE"));
    }
    if (rawType.equals(DataTypes.StringType)) {
      return expr("try_cast(trim(" + quoted(name) + ") AS " + target.sql() + ")");
    }
    return expr("try_cast(" + quoted(name) + " AS " + target.sql() + ")");
  }

  static String quoted(String name) {
    return "`" + name + "`";
  }

  /** True if the raw schema field can be hashed as JSON (vectors cannot). */
  static boolean isVectorField(StructField f) {
    return f.dataType() instanceof org.apache.spark.ml.linalg.VectorUDT;
  }
}
