package io.lakeforge.algorithms.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Metrics of a scored clustering: msd (mean squared distance to the assigned center) and ssd (their
 * sum), and, when a label column is given, NMI, purity and Hungarian-matched cluster accuracy.
 */
public final class ClusteringEvaluator {
  private ClusteringEvaluator() {}

  /**
   * @param scored rows with an int cluster column and a Euclidean distance column
   * @param labelCol integer labels, or null when there are none
   */
  public static Map<String, Double> evaluate(
      Dataset<Row> scored, String clusterCol, String distanceCol, String labelCol, int k) {
    Column d2 = pow(col(distanceCol), lit(2));
    if (labelCol == null) {
      Row totals = scored.agg(sum(d2), count(lit(1))).first();
      return distances(totals.isNullAt(0) ? 0.0 : totals.getDouble(0), totals.getLong(1));
    }
    // One pass over the scored rows (scoring is not cached): a contingency cell per (cluster,
    // valid label), and one cell per cluster for the invalid labels, which only need counting.
    Column y = col(labelCol).cast("double");
    Column bad = LabelChecks.invalid(y, LabelChecks.MAX_CLASS_INDEX);
    List<Row> cells =
        scored
            .groupBy(col(clusterCol), when(bad, lit(-1)).otherwise(y.cast("int")).as("class"))
            .agg(sum(d2), count(lit(1)), min(when(bad, y)), max(when(bad, y)), count(when(bad, 1)))
            .collectAsList();
    double ssd = 0;
    long n = 0;
    long badRows = 0;
    Double badMin = null;
    Double badMax = null;
    int maxLabel = 0;
    for (Row r : cells) {
      ssd += r.isNullAt(2) ? 0.0 : r.getDouble(2);
      n += r.getLong(3);
      badRows += r.getLong(6);
      if (!r.isNullAt(4)) {
        badMin = badMin == null ? r.getDouble(4) : Math.min(badMin, r.getDouble(4));
        badMax = badMax == null ? r.getDouble(5) : Math.max(badMax, r.getDouble(5));
      }
      maxLabel = Math.max(maxLabel, r.getInt(1));
    }
    Map<String, Double> out = distances(ssd, n);
    LabelChecks.requireNoInvalid(
        badRows,
        badMin,
        badMax,
        n,
        "validation",
        "an integer class index >= 0 and below "
            + LabelChecks.MAX_CLASS_INDEX
            + " to compare clusters with labels");
    long[][] table = new long[k][maxLabel + 1];
    for (Row r : cells) {
      table[r.getInt(0)][r.getInt(1)] += r.getLong(3);
    }
    out.putAll(ClusteringMetrics.fromContingency(table).asMap());
    return out;
  }

  private static Map<String, Double> distances(double ssd, long n) {
    if (n == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("msd", ssd / n);
    out.put("ssd", ssd);
    out.put("rows", (double) n);
    return out;
  }
}
