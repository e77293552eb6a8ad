package io.lakeforge.algorithms.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, Double> out = new LinkedHashMap<>();
    Row totals = scored.agg(sum(pow(col(distanceCol), lit(2))), count(lit(1))).first();
    long n = totals.getLong(1);
    if (n == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    double ssd = totals.isNullAt(0) ? 0.0 : totals.getDouble(0);
    out.put("msd", ssd / n);
    out.put("ssd", ssd);
    out.put("rows", (double) n);
    if (labelCol != null) {
      LabelChecks.requireClassIndices(
          scored,
          labelCol,
          "validation",
          LabelChecks.MAX_CLASS_INDEX,
          "an integer class index >= 0 and below "
              + LabelChecks.MAX_CLASS_INDEX
              + " to compare clusters with labels");
      List<Row> cells =
          scored.groupBy(col(clusterCol), col(labelCol).cast("int")).count().collectAsList();
      int maxLabel = 0;
      for (Row r : cells) {
        if (!r.isNullAt(1)) {
          maxLabel = Math.max(maxLabel, r.getInt(1));
        }
      }
      long[][] table = new long[k][maxLabel + 1];
      for (Row r : cells) {
        if (!r.isNullAt(1) && r.getInt(1) >= 0) {
          table[r.getInt(0)][r.getInt(1)] += r.getLong(2);
        }
      }
      out.putAll(ClusteringMetrics.fromContingency(table).asMap());
    }
    return out;
  }
}
