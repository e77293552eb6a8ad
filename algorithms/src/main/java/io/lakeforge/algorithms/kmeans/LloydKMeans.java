package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.TrainingListener;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.OrderedSum;
import io.lakeforge.models.linalg.Centers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Distributed full-batch Lloyd: each iteration is one pass over the cached blocks that returns
 * per-cluster sums and counts per partition (a k × dim result, never the rows), summed in a fixed
 * order on the driver.
 */
final class LloydKMeans {
  private static final Logger LOG = LoggerFactory.getLogger(LloydKMeans.class);

  private LloydKMeans() {}

  /** Result of the iterations: final centers and the cost of each pass. */
  record Outcome(Centers centers, List<Double> costs) {}

  /** Iterates from {@code init}; {@code listener} (may be null) hears each pass's cost. */
  static Outcome run(
      JavaSparkContext sc,
      BlockedInput input,
      Centers init,
      int maxIter,
      double tol,
      TrainingListener listener) {
    Centers centers = init;
    List<Double> costs = new ArrayList<>();
    int k = init.k;
    int dim = init.dim;
    // Identifies this run's distance bounds in the cached blocks; never affects a result.
    long runId = System.nanoTime() ^ (31L * System.identityHashCode(input));
    double[] moves = null;
    for (int it = 1; it <= maxIter; it++) {
      sc.setJobDescription("kmeans lloyd: iteration " + it + " of at most " + maxIter);
      long t0 = System.nanoTime();
      Centers current = centers;
      double[] lastMoves = moves;
      int iteration = it;
      JavaRDD<Tuple2<Integer, ClusterStats>> partials =
          input
              .blocks()
              .mapPartitionsWithIndex(
                  (p, blocks) ->
                      Collections.singletonList(
                              new Tuple2<>(
                                  p, ClusterStats.of(blocks, current, lastMoves, runId, iteration)))
                          .iterator(),
                  true);
      ClusterStats total = OrderedSum.sum(partials, input.numPartitions());
      costs.add(total.cost);
      double[] next = centers.values.clone();
      moves = new double[k];
      double maxMove = 0;
      for (int c = 0; c < k; c++) {
        long n = total.counts[c];
        if (n == 0) {
          continue; // an empty cluster keeps its center
        }
        double move = 0;
        for (int j = 0; j < dim; j++) {
          double v = total.sums[c * dim + j] / n;
          double d = v - next[c * dim + j];
          move += d * d;
          next[c * dim + j] = v;
        }
        moves[c] = Math.sqrt(move);
        maxMove = Math.max(maxMove, moves[c]);
      }
      centers = new Centers(k, dim, next);
      LOG.info(
          "kmeans lloyd iteration {}: cost {} max center move {}, {}% of rows through the "
              + "kernel ({} ms)",
          it,
          String.format("%.6g", total.cost),
          String.format("%.3g", maxMove),
          String.format("%.0f", 100.0 * total.rowsRecomputed / Math.max(1, input.rows())),
          (System.nanoTime() - t0) / 1_000_000);
      // tol = 0 means exactly max_iter iterations (benchmarks, reproducible schedules).
      if (tol > 0 && maxMove <= tol) {
        break;
      }
      if (listener != null && !listener.onStep(it, java.util.Map.of("train_cost", total.cost))) {
        LOG.info("kmeans lloyd: stopped after iteration {} on request", it);
        break;
      }
    }
    return new Outcome(centers, costs);
  }

  /** Total squared distance of all rows to their nearest center: one pass. */
  static double cost(BlockedInput input, Centers centers) {
    JavaRDD<Tuple2<Integer, ClusterStats>> partials =
        input
            .blocks()
            .mapPartitionsWithIndex(
                (p, blocks) ->
                    Collections.singletonList(new Tuple2<>(p, ClusterStats.of(blocks, centers)))
                        .iterator(),
                true);
    return OrderedSum.sum(partials, input.numPartitions()).cost;
  }
}
