package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-column means and sample standard deviations of an array column that are bit-identical on any
 * cluster and in local mode. Spark's aggregates (and MLlib's {@code Summarizer}) add rows in the
 * order they arrive and merge partial results in shuffle-fetch order, both of which vary between
 * runs, so the statistics (and every model trained on features scaled by them) differed in their
 * last bits between a local and a cluster run. Here rows are hash-partitioned by a unique stable
 * key, sorted within each partition, and the partitions' moments are merged on the driver in
 * partition order.
 */
final class StableMoments {
  /** Fixed, not taken from the configuration, so that every deployment sums the same way. */
  static final int PARTITIONS = 16;

  record Moments(long count, double[] mean, double[] std) {}

  private StableMoments() {}

  /**
   * The moments of {@code values} (an array of doubles per row) over rows ordered by {@code key}.
   */
  static Moments of(Dataset<Row> rows, Column key, Column values) {
    Dataset<Row> canonical =
        rows.select(key.as("k"), values.as("v"))
            .repartition(PARTITIONS, col("k"))
            .sortWithinPartitions("k");
    Function2<Integer, java.util.Iterator<Row>, java.util.Iterator<double[]>> perPartition =
        (index, it) -> {
          double[] acc = null;
          long n = 0;
          while (it.hasNext()) {
            List<Double> v = it.next().getList(1);
            int d = v.size();
            if (acc == null) {
              acc = new double[2 * d];
            }
            n++;
            // Welford: stable for data far from zero, unlike sums of squares.
            for (int j = 0; j < d; j++) {
              double x = v.get(j);
              double delta = x - acc[j];
              acc[j] += delta / n;
              acc[d + j] += delta * (x - acc[j]);
            }
          }
          if (acc == null) {
            return Collections.emptyIterator();
          }
          double[] out = new double[2 + acc.length];
          out[0] = index;
          out[1] = n;
          System.arraycopy(acc, 0, out, 2, acc.length);
          return List.of(out).iterator();
        };
    List<double[]> parts =
        new ArrayList<>(canonical.javaRDD().mapPartitionsWithIndex(perPartition, false).collect());
    parts.sort(Comparator.comparingDouble(p -> p[0]));
    return merge(parts);
  }

  /** Chan's pairwise combination, in the order given. */
  static Moments merge(List<double[]> parts) {
    if (parts.isEmpty()) {
      return new Moments(0, new double[0], new double[0]);
    }
    int d = (parts.get(0).length - 2) / 2;
    double[] mean = new double[d];
    double[] m2 = new double[d];
    double n = 0;
    for (double[] p : parts) {
      double nb = p[1];
      double total = n + nb;
      for (int j = 0; j < d; j++) {
        double delta = p[2 + j] - mean[j];
        mean[j] += delta * nb / total;
        m2[j] += p[2 + d + j] + delta * delta * n * nb / total;
      }
      n = total;
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = n > 1 ? Math.sqrt(m2[j] / (n - 1)) : 0;
    }
    return new Moments((long) n, mean, std);
  }
}
