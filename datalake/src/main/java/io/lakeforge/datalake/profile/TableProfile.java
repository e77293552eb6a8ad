package io.lakeforge.datalake.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * What a user looks at before writing a feature spec: per column the count of values, nulls,
 * distinct values, and min / max / mean for numbers or the most frequent values for text and small
 * integer sets. Lineage columns ({@code _*}) are left out. One Spark job for the counts, one per
 * categorical column for its top values.
 *
 * @param table the table profiled
 * @param version its Delta version
 * @param rows the row count
 * @param columns one entry per column, in schema order
 */
public record TableProfile(String table, long version, long rows, List<ColumnProfile> columns) {

  /** Distinct integer values up to this many are shown as categories, like text. */
  static final int SMALL_INT_SET = 20;

  /**
   * One column's profile; fields that do not apply to its type are null.
   *
   * @param numericText for a text column, how many of its values parse as numbers (a raw CSV column
   *     that should be declared as a number)
   * @param top the most frequent values with their counts, most frequent first
   */
  public record ColumnProfile(
      String name,
      String type,
      long count,
      long nulls,
      Long distinct,
      Double min,
      Double max,
      Double mean,
      Long numericText,
      Integer minLength,
      Integer maxLength,
      List<Map.Entry<String, Long>> top) {}

  /** Profiles {@code df}, showing up to {@code topN} values of each categorical column. */
  public static TableProfile of(Dataset<Row> df, String table, long version, int topN) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.name().startsWith("_")) {
        fields.add(f);
      }
    }
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    for (StructField f : fields) {
      Column c = col("`" + f.name() + "`");
      boolean arrayLike =
          f.dataType() instanceof ArrayType
              || f.dataType() instanceof org.apache.spark.ml.linalg.VectorUDT;
      aggs.add(count(c));
      aggs.add(arrayLike ? lit(null).cast("long") : countDistinct(c));
      if (f.dataType() instanceof NumericType) {
        Column x = c.cast(DataTypes.DoubleType);
        aggs.add(org.apache.spark.sql.functions.min(x));
        aggs.add(org.apache.spark.sql.functions.max(x));
        aggs.add(org.apache.spark.sql.functions.avg(x));
      } else if (f.dataType().equals(DataTypes.StringType)) {
        aggs.add(
            count(org.apache.spark.sql.functions.expr("try_cast(`" + f.name() + "` AS DOUBLE)")));
        aggs.add(org.apache.spark.sql.functions.min(org.apache.spark.sql.functions.length(c)));
        aggs.add(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.length(c)));
      } else if (f.dataType() instanceof ArrayType) {
        aggs.add(org.apache.spark.sql.functions.min(org.apache.spark.sql.functions.size(c)));
        aggs.add(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.size(c)));
      }
    }
    Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long rows = r.getLong(0);
    int i = 1;
    List<ColumnProfile> out = new ArrayList<>();
    for (StructField f : fields) {
      long n = r.getLong(i++);
      Long distinct = r.isNullAt(i) ? null : r.getLong(i);
      i++;
      Double min = null;
      Double max = null;
      Double mean = null;
      Long numericText = null;
      Integer minLen = null;
      Integer maxLen = null;
      List<Map.Entry<String, Long>> top = List.of();
      Column c = col("`" + f.name() + "`");
      if (f.dataType() instanceof NumericType) {
        min = r.isNullAt(i) ? null : r.getDouble(i);
        max = r.isNullAt(i + 1) ? null : r.getDouble(i + 1);
        mean = r.isNullAt(i + 2) ? null : r.getDouble(i + 2);
        i += 3;
        boolean integral =
            f.dataType().equals(DataTypes.IntegerType) || f.dataType().equals(DataTypes.LongType);
        if (integral && distinct != null && distinct <= SMALL_INT_SET) {
          top = top(df, c, topN);
        }
      } else if (f.dataType().equals(DataTypes.StringType)) {
        numericText = r.getLong(i);
        minLen = r.isNullAt(i + 1) ? null : r.getInt(i + 1);
        maxLen = r.isNullAt(i + 2) ? null : r.getInt(i + 2);
        i += 3;
        top = top(df, c, topN);
      } else if (f.dataType() instanceof ArrayType) {
        minLen = r.isNullAt(i) ? null : r.getInt(i);
        maxLen = r.isNullAt(i + 1) ? null : r.getInt(i + 1);
        i += 2;
      }
      out.add(
          new ColumnProfile(
              f.name(),
              f.dataType().simpleString(),
              n,
              rows - n,
              distinct,
              min,
              max,
              mean,
              numericText,
              minLen,
              maxLen,
              top));
    }
    return new TableProfile(table, version, rows, out);
  }

  private static List<Map.Entry<String, Long>> top(Dataset<Row> df, Column c, int n) {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    for (Row r :
        df.where(c.isNotNull())
            .groupBy(c.cast("string").as("v"))
            .count()
            .orderBy(col("count").desc(), col("v"))
            .limit(n)
            .collectAsList()) {
      out.add(Map.entry(r.getString(0), r.getLong(1)));
    }
    return out;
  }

  /** The profile as aligned text, one line per column. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("table:   " + table);
    lines.add("version: " + version);
    lines.add("rows:    " + rows);
    int w = Math.max(6, columns.stream().mapToInt(c -> c.name().length()).max().orElse(6));
    lines.add(
        String.format(
            "%-" + w + "s  %-13s %8s %7s %8s  %s",
            "column",
            "type",
            "count",
            "nulls",
            "distinct",
            "summary"));
    for (ColumnProfile c : columns) {
      lines.add(
          String.format(
              "%-" + w + "s  %-13s %8d %7d %8s  %s",
              c.name(),
              shorten(c.type()),
              c.count(),
              c.nulls(),
              c.distinct() == null ? "-" : c.distinct(),
              summary(c)));
    }
    return lines;
  }

  /** min / max / mean, lengths and the top values, as one phrase. */
  public static String summary(ColumnProfile c) {
    List<String> parts = new ArrayList<>();
    if (c.min() != null) {
      parts.add(
          "min " + number(c.min()) + ", max " + number(c.max()) + ", mean " + number(c.mean()));
    }
    if (c.numericText() != null && c.count() > 0 && c.numericText() == c.count()) {
      parts.add("every value is a number (declare it int or double)");
    }
    if (c.minLength() != null && c.numericText() == null) {
      parts.add("length " + c.minLength() + ".." + c.maxLength());
    }
    if (!c.top().isEmpty()) {
      List<String> top = new ArrayList<>();
      c.top().forEach(e -> top.add(e.getKey() + " (" + e.getValue() + ")"));
      parts.add("top: " + String.join(", ", top));
    }
    return String.join("; ", parts);
  }

  private static String shorten(String type) {
    return type.length() > 13 ? type.substring(0, 12) + "…" : type;
  }

  static String number(Double d) {
    if (d == null) {
      return "-";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf(d.longValue());
    }
    return String.format("%.4g", d);
  }
}
