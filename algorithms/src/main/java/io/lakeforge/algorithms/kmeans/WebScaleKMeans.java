package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Amazon SageMaker's web-scale K-Means (after Sculley, "Web-scale k-means clustering", WWW 2010):
 * every partition streams its rows in mini-batches and moves K = k × extra_center_factor centers
 * with a per-center learning rate of 1/count; the driver then reduces all partitions' weighted
 * centers to k with a local weighted Lloyd. All epochs run inside one task per partition over the
 * cached blocks: one pass over the data per epoch and no shuffle.
 */
final class WebScaleKMeans {
  private WebScaleKMeans() {}

  /** A partition's centers, the number of rows each represents, and its cost per epoch. */
  // A class, not a record: Kryo 4 cannot write records' final fields.
  static final class PartitionCenters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] centers;
    private final double[] weights;
    private final double[] epochCosts;

    PartitionCenters(double[] centers, double[] weights, double[] epochCosts) {
      this.centers = centers;
      this.weights = weights;
      this.epochCosts = epochCosts;
    }

    double[] centers() {
      return centers;
    }

    double[] weights() {
      return weights;
    }

    double[] epochCosts() {
      return epochCosts;
    }
  }

  record Outcome(
      Centers centers,
      List<Double> epochCosts,
      double localLloydCost,
      int gatheredCenters,
      double partitionSeconds,
      double localLloydSeconds) {}

  static Outcome run(JavaSparkContext sc, BlockedInput input, KMeansOptions o) {
    int dim = input.dim();
    int bigK = o.k() * o.extraCenterFactor();
    int batchSize = o.miniBatchSize();
    int epochs = o.epochs();
    String init = o.initMethod();
    int halfLife = o.halfLifeTimeSize();
    long seed = o.seed();
    long t0 = System.nanoTime();
    sc.setJobDescription(
        "kmeans webscale: "
            + epochs
            + " epoch(s) of mini-batches of "
            + batchSize
            + ", "
            + bigK
            + " centers per partition");
    List<PartitionCenters> parts =
        input
            .blocks()
            .mapPartitionsWithIndex(
                (p, blocks) -> {
                  List<DenseBlock> local = new ArrayList<>();
                  blocks.forEachRemaining(local::add);
                  PartitionCenters pc =
                      trainPartition(
                          p,
                          local,
                          dim,
                          bigK,
                          batchSize,
                          epochs,
                          init,
                          halfLife,
                          seed + 0x9E3779B97F4A7C15L * (p + 1));
                  return pc == null
                      ? Collections.emptyIterator()
                      : Collections.singletonList(pc).iterator();
                },
                true)
            .collect();

    double partitionSeconds = (System.nanoTime() - t0) / 1e9;
    List<Double> epochCosts = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      double s = 0;
      for (PartitionCenters pc : parts) {
        s += pc.epochCosts()[e];
      }
      epochCosts.add(s);
    }
    int total = 0;
    for (PartitionCenters pc : parts) {
      total += pc.weights().length;
    }
    double[] points = new double[total * dim];
    double[] weights = new double[total];
    int at = 0;
    for (PartitionCenters pc : parts) {
      int m = pc.weights().length;
      System.arraycopy(pc.centers(), 0, points, at * dim, m * dim);
      System.arraycopy(pc.weights(), 0, weights, at, m);
      at += m;
    }
    int k = Math.min(o.k(), total);
    long t1 = System.nanoTime();
    LocalWeightedLloyd.Result r =
        LocalWeightedLloyd.fit(
            points,
            weights,
            total,
            dim,
            k,
            o.localLloydInitMethod(),
            o.localLloydNumTrials(),
            o.localLloydMaxIter(),
            o.localLloydTol(),
            seed);
    return new Outcome(
        r.centers(), epochCosts, r.cost(), total, partitionSeconds, (System.nanoTime() - t1) / 1e9);
  }

  static PartitionCenters trainPartition(
      int partition,
      List<DenseBlock> blocks,
      int dim,
      int bigK,
      int batchSize,
      int epochs,
      String init,
      int halfLife,
      long seed) {
    long n = 0;
    for (DenseBlock b : blocks) {
      n += b.rows;
    }
    if (n == 0) {
      return null;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int batchCap = (int) Math.min(batchSize, n);
    double[] batch = new double[batchCap * dim];
    double[] batchNorms = new double[batchCap];
    int kLocal = (int) Math.min(bigK, n);
    double[] centers = null;
    double[] counts = new double[kLocal];
    double[] weights = new double[kLocal];
    double[] epochCosts = new double[epochs];
    double decay = halfLife > 0 ? Math.pow(0.5, (double) batchCap / halfLife) : 1.0;
    double[] dots = new double[batchCap * kLocal];
    int[] assign = new int[batchCap];
    double[] dist = new double[batchCap];

    for (int e = 0; e < epochs; e++) {
      java.util.Arrays.fill(weights, 0);
      BatchCursor cursor = new BatchCursor(blocks.iterator(), dim);
      int rows;
      while ((rows = cursor.fill(batch, batchNorms, batchCap)) > 0) {
        if (centers == null) {
          centers = initialCenters(batch, rows, dim, kLocal, init, rnd);
        }
        if (decay < 1.0) {
          for (int c = 0; c < kLocal; c++) {
            counts[c] *= decay;
          }
        }
        // Assignments for the whole mini-batch use the centers as they were at its start.
        Centers current = new Centers(kLocal, dim, centers);
        DistanceKernel.assign(batch, batchNorms, rows, dim, current, dots, assign, dist);
        for (int i = 0; i < rows; i++) {
          int c = assign[i];
          epochCosts[e] += dist[i];
          weights[c] += 1;
          counts[c] += 1;
          double eta = 1.0 / counts[c];
          int co = c * dim;
          int xo = i * dim;
          for (int j = 0; j < dim; j++) {
            centers[co + j] += eta * (batch[xo + j] - centers[co + j]);
          }
        }
      }
    }
    // Centers no row chose in the last epoch carry no weight; drop them.
    int kept = 0;
    for (double w : weights) {
      if (w > 0) {
        kept++;
      }
    }
    double[] outC = new double[kept * dim];
    double[] outW = new double[kept];
    int at = 0;
    for (int c = 0; c < kLocal; c++) {
      if (weights[c] > 0) {
        System.arraycopy(centers, c * dim, outC, at * dim, dim);
        outW[at++] = weights[c];
      }
    }
    return new PartitionCenters(outC, outW, epochCosts);
  }

  private static double[] initialCenters(
      double[] batch, int rows, int dim, int k, String init, SplittableRandom rnd) {
    double[] w = new double[rows];
    java.util.Arrays.fill(w, 1.0);
    if (rows < k) {
      // First batch smaller than K: seed the rest with repeated draws.
      double[] c = new double[k * dim];
      for (int j = 0; j < k; j++) {
        System.arraycopy(batch, (j < rows ? j : rnd.nextInt(rows)) * dim, c, j * dim, dim);
      }
      return c;
    }
    return init.equals("kmeans++")
        ? LocalWeightedLloyd.kmeansPlusPlus(batch, w, rows, dim, k, rnd)
        : LocalWeightedLloyd.randomInit(batch, w, rows, dim, k, rnd);
  }

  /** Copies consecutive rows of a partition's blocks into a mini-batch buffer. */
  private static final class BatchCursor {
    private final Iterator<DenseBlock> blocks;
    private final int dim;
    private DenseBlock current;
    private int pos;

    BatchCursor(Iterator<DenseBlock> blocks, int dim) {
      this.blocks = blocks;
      this.dim = dim;
    }

    int fill(double[] batch, double[] norms, int cap) {
      int n = 0;
      while (n < cap) {
        if (current == null || pos == current.rows) {
          if (!blocks.hasNext()) {
            break;
          }
          current = blocks.next();
          pos = 0;
        }
        int take = Math.min(cap - n, current.rows - pos);
        System.arraycopy(current.values, pos * dim, batch, n * dim, take * dim);
        System.arraycopy(current.sqNorms, pos, norms, n, take);
        n += take;
        pos += take;
      }
      return n;
    }
  }
}
