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
    Column bad = y.isNull().or(y.lt(0)).or(y.geq(limit)).or(y.notEqual(floor(y)));
    Row r =
        rows.agg(count(when(bad, lit(1))), min(when(bad, y)), max(when(bad, y)), count(lit(1)))
            .first();
    long badRows = r.getLong(0);
    if (badRows > 0) {
      String example =
          r.isNullAt(1) ? "null" : format(r.getDouble(1) < 0 ? r.getDouble(1) : r.getDouble(2));
      throw new InvalidOptionException(
          String.format(
              "label %s in the %s split is not valid: "
                  + "expected %s (%d of %d %s rows have such labels)",
              example, split, expected, badRows, r.getLong(3), split));
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
