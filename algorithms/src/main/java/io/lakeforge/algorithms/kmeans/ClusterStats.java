package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.algorithms.linalg.OrderedSum;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.util.Iterator;

/**
 * Per-cluster coordinate sums, counts and the total squared distance of one Lloyd pass.
 *
 * <p>Assignments use Hamerly's bounds (Hamerly, "Making k-means even faster", SDM 2010): each
 * cached block remembers, per row, its center, an upper bound on the distance to it and a lower
 * bound on the distance to any other center. When the centers move by δ, a row whose upper bound
 * plus δ of its center stays below its lower bound minus the largest δ keeps its center, and only
 * the remaining rows go through the BLAS kernel. The bounds only skip work: sums are always
 * accumulated over every row in row order, so the centers are the same with or without them.
 */
final class ClusterStats implements OrderedSum.Summable<ClusterStats> {
  private static final long serialVersionUID = 1L;

  /** Slack for rounding in ‖x‖² − 2x·c + ‖c‖²: a row this close to a tie is recomputed. */
  private static final double BOUND_SLACK = 1e-7;

  final double[] sums;
  final long[] counts;
  double cost;
  long rowsRecomputed;

  ClusterStats(int k, int dim) {
    this.sums = new double[k * dim];
    this.counts = new long[k];
  }

  /** The bounds of one cached block, valid for one run after one given iteration. */
  private static final class Bounds {
    long runId;
    int iteration;
    int[] assign;
    double[] upper;
    double[] lower;
  }

  /** Assigns every row of a partition's blocks to {@code centers} and accumulates the stats. */
  static ClusterStats of(Iterator<DenseBlock> blocks, Centers centers) {
    return of(blocks, centers, null, 0L, 0);
  }

  /**
   * As {@link #of(Iterator, Centers)}, reusing the bounds a block kept from iteration {@code
   * iteration - 1} of run {@code runId}, where {@code moves[j]} is how far center j moved since
   * then (null: no previous iteration).
   */
  static ClusterStats of(
      Iterator<DenseBlock> blocks, Centers centers, double[] moves, long runId, int iteration) {
    int k = centers.k;
    int dim = centers.dim;
    ClusterStats s = new ClusterStats(k, dim);
    double maxMove = 0;
    if (moves != null) {
      for (double m : moves) {
        maxMove = Math.max(maxMove, m);
      }
    }
    double[] buf = new double[0];
    double[] bufNorms = new double[0];
    int[] bufRows = new int[0];
    double[] dots = new double[0];
    int[] assign = new int[0];
    double[] dist = new double[0];
    double[] second = new double[0];
    while (blocks.hasNext()) {
      DenseBlock b = blocks.next();
      int n = b.rows;
      Bounds bounds =
          b.algorithmState instanceof Bounds bb
                  && bb.runId == runId
                  && bb.iteration == iteration - 1
                  && moves != null
                  && bb.assign.length == n
              ? bb
              : null;
      if (bounds == null) {
        bounds = new Bounds();
        bounds.assign = new int[n];
        bounds.upper = new double[n];
        bounds.lower = new double[n];
        java.util.Arrays.fill(bounds.upper, Double.POSITIVE_INFINITY);
      }
      if (buf.length < n * dim) {
        buf = new double[n * dim];
        bufNorms = new double[n];
        bufRows = new int[n];
        dots = new double[n * k];
        assign = new int[n];
        dist = new double[n];
        second = new double[n];
      }
      double[] x = b.values;
      double[] rowDist = new double[n];
      int pending = 0;
      for (int i = 0; i < n; i++) {
        if (bounds.upper[i] != Double.POSITIVE_INFINITY) {
          int a = bounds.assign[i];
          double u = bounds.upper[i] + moves[a];
          double l = bounds.lower[i] - maxMove;
          double slack = BOUND_SLACK * (1 + Math.sqrt(b.sqNorms[i]));
          if (u + slack < l) {
            bounds.upper[i] = u;
            bounds.lower[i] = l;
            rowDist[i] = -1; // exact distance to its (unchanged) center computed below
            continue;
          }
          // Tighten the upper bound with the exact distance before giving up on the row.
          double d2 = exactSquared(x, i * dim, b.sqNorms[i], centers, a);
          double tight = Math.sqrt(d2);
          if (tight + slack < l) {
            bounds.upper[i] = tight;
            bounds.lower[i] = l;
            rowDist[i] = d2;
            continue;
          }
        }
        System.arraycopy(x, i * dim, buf, pending * dim, dim);
        bufNorms[pending] = b.sqNorms[i];
        bufRows[pending++] = i;
      }
      s.rowsRecomputed += pending;
      if (pending > 0) {
        DistanceKernel.assignWithSecond(
            buf, bufNorms, pending, dim, centers, dots, assign, dist, second);
        for (int p = 0; p < pending; p++) {
          int i = bufRows[p];
          bounds.assign[i] = assign[p];
          bounds.upper[i] = Math.sqrt(dist[p]);
          bounds.lower[i] = Math.sqrt(second[p]);
          rowDist[i] = dist[p];
        }
      }
      double[] sums = s.sums;
      for (int i = 0; i < n; i++) {
        int c = bounds.assign[i];
        double d2 =
            rowDist[i] >= 0 ? rowDist[i] : exactSquared(x, i * dim, b.sqNorms[i], centers, c);
        s.counts[c]++;
        s.cost += d2;
        int xo = i * dim;
        int co = c * dim;
        for (int j = 0; j < dim; j++) {
          sums[co + j] += x[xo + j];
        }
      }
      bounds.runId = runId;
      bounds.iteration = iteration;
      b.algorithmState = bounds;
    }
    return s;
  }

  private static double exactSquared(double[] x, int off, double xNorm, Centers c, int center) {
    double dot = 0;
    double[] cv = c.values;
    int co = center * c.dim;
    for (int j = 0; j < c.dim; j++) {
      dot += x[off + j] * cv[co + j];
    }
    return Math.max(0.0, xNorm - 2 * dot + c.sqNorms[center]);
  }

  @Override
  public ClusterStats addInPlace(ClusterStats other) {
    for (int i = 0; i < sums.length; i++) {
      sums[i] += other.sums[i];
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    cost += other.cost;
    rowsRecomputed += other.rowsRecomputed;
    return this;
  }
}
