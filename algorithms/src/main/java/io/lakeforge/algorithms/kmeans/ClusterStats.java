package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.linalg.Centers;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.algorithms.linalg.DistanceKernel;
import io.lakeforge.algorithms.linalg.OrderedSum;
import java.util.Iterator;

/** Per-cluster coordinate sums, counts and the total squared distance of one Lloyd pass. */
final class ClusterStats implements OrderedSum.Summable<ClusterStats> {
  private static final long serialVersionUID = 1L;

  final double[] sums;
  final long[] counts;
  double cost;

  ClusterStats(int k, int dim) {
    this.sums = new double[k * dim];
    this.counts = new long[k];
  }

  /** Assigns every row of a partition's blocks to {@code centers} and accumulates the stats. */
  static ClusterStats of(Iterator<DenseBlock> blocks, Centers centers) {
    int k = centers.k;
    int dim = centers.dim;
    ClusterStats s = new ClusterStats(k, dim);
    double[] dots = new double[0];
    int[] assign = new int[0];
    double[] dist = new double[0];
    while (blocks.hasNext()) {
      DenseBlock b = blocks.next();
      if (assign.length < b.rows) {
        dots = new double[b.rows * k];
        assign = new int[b.rows];
        dist = new double[b.rows];
      }
      DistanceKernel.assign(b, centers, dots, assign, dist);
      double[] x = b.values;
      double[] sums = s.sums;
      for (int i = 0; i < b.rows; i++) {
        int c = assign[i];
        s.counts[c]++;
        s.cost += dist[i];
        int xo = i * dim;
        int co = c * dim;
        for (int j = 0; j < dim; j++) {
          sums[co + j] += x[xo + j];
        }
      }
    }
    return s;
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
    return this;
  }
}
