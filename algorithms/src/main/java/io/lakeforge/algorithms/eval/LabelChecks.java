package io.lakeforge.algorithms.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.lakeforge.algorithms.options.InvalidOptionException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks labels before anything is sized by them: a confusion matrix or a contingency table has one
 * row per class index, so a label of 2,000,000,000 must be an error, not an allocation.
 */
public final class LabelChecks {
  /** The largest class index evaluation tables are ever sized by. */
  public static final int MAX_CLASS_INDEX = 100_000;

  private LabelChecks() {}

  /**
   * Fails unless every label of {@code rows} is an integer in {@code [0, limit)}; the message names
   * the {@code split}, the first bad label, how many rows have one, and {@code expected}.
   */
  public static void requireClassIndices(
      Dataset<Row> rows, String labelCol, String split, int limit, String expected) {
    Column y = col(labelCol).cast("double");
    Column bad = invalid(y, limit);
    Row r =
        rows.agg(count(when(bad, lit(1))), min(when(bad, y)), max(when(bad, y)), count(lit(1)))
            .first();
    requireNoInvalid(
        r.getLong(0),
        r.isNullAt(1) ? null : r.getDouble(1),
        r.isNullAt(2) ? null : r.getDouble(2),
        r.getLong(3),
        split,
        expected);
  }

  /** True where a label (as a double) is not an integer class index in {@code [0, limit)}. */
  public static Column invalid(Column labelAsDouble, int limit) {
    Column y = labelAsDouble;
    return y.isNull().or(y.lt(0)).or(y.geq(limit)).or(y.notEqual(floor(y)));
  }

  /**
   * Fails when {@code badRows > 0}, naming the first bad label (the smallest when negative, else
   * the largest; null when only nulls were bad), as {@link #requireClassIndices} does; for callers
   * that count the bad labels within a pass of their own.
   */
  public static void requireNoInvalid(
      long badRows, Double badMin, Double badMax, long rows, String split, String expected) {
    if (badRows > 0) {
      String example = badMin == null ? "null" : format(badMin < 0 ? badMin : badMax);
      throw new InvalidOptionException(
          String.format(
              "label %s in the %s split is not valid: "
                  + "expected %s (%d of %d %s rows have such labels)",
              example, split, expected, badRows, rows, split));
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
