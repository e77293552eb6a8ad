package io.lakeforge.algorithms.kmeans;

import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.util.SplittableRandom;

/**
 * Weighted K-Means on a small in-memory point set: weighted kmeans++ (or random) seeding followed
 * by Lloyd iterations. Reduces the webscale mode's per-partition centers and the k-means‖
 * candidates to k centers on the driver.
 */
public final class LocalWeightedLloyd {
  private LocalWeightedLloyd() {}

  /** The outcome of one or more trials: the best centers and their weighted cost. */
  public record Result(Centers centers, double cost, int iterations) {}

  /**
   * Runs {@code trials} seeded trials and keeps the one with the lowest weighted cost.
   *
   * @param points row-major {@code n × dim}
   * @param weights non-negative weight per point
   */
  public static Result fit(
      double[] points,
      double[] weights,
      int n,
      int dim,
      int k,
      String init,
      int trials,
      int maxIter,
      double relTol,
      long seed) {
    Result best = null;
    for (int t = 0; t < trials; t++) {
      Result r = fitOnce(points, weights, n, dim, k, init, maxIter, relTol, seed + 1_000_003L * t);
      if (best == null || r.cost() < best.cost()) {
        best = r;
      }
    }
    return best;
  }

  private static Result fitOnce(
      double[] points,
      double[] weights,
      int n,
      int dim,
      int k,
      String init,
      int maxIter,
      double relTol,
      long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] c =
        init.equals("random")
            ? randomInit(points, weights, n, dim, k, rnd)
            : kmeansPlusPlus(points, weights, n, dim, k, rnd);
    double[] pointNorms = sqNorms(points, n, dim);
    int[] assign = new int[n];
    double[] dist = new double[n];
    double[] dots = new double[n * k];
    double prevCost = Double.POSITIVE_INFINITY;
    double cost = Double.POSITIVE_INFINITY;
    int it = 0;
    while (it < maxIter) {
      Centers centers = new Centers(k, dim, c);
      DistanceKernel.assign(points, pointNorms, n, dim, centers, dots, assign, dist);
      cost = 0;
      double[] sums = new double[k * dim];
      double[] w = new double[k];
      for (int i = 0; i < n; i++) {
        double wi = weights[i];
        cost += wi * dist[i];
        int j = assign[i];
        w[j] += wi;
        int off = i * dim;
        int coff = j * dim;
        for (int d = 0; d < dim; d++) {
          sums[coff + d] += wi * points[off + d];
        }
      }
      it++;
      for (int j = 0; j < k; j++) {
        if (w[j] > 0) {
          for (int d = 0; d < dim; d++) {
            c[j * dim + d] = sums[j * dim + d] / w[j];
          }
        }
      }
      if (prevCost - cost <= relTol * Math.max(cost, Double.MIN_NORMAL)) {
        break;
      }
      prevCost = cost;
    }
    Centers centers = new Centers(k, dim, c);
    DistanceKernel.assign(points, pointNorms, n, dim, centers, dots, assign, dist);
    double finalCost = 0;
    for (int i = 0; i < n; i++) {
      finalCost += weights[i] * dist[i];
    }
    return new Result(centers, finalCost, it);
  }

  static double[] sqNorms(double[] points, int n, int dim) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        double v = points[i * dim + d];
        s += v * v;
      }
      out[i] = s;
    }
    return out;
  }

  /** k distinct points drawn with probability proportional to weight. */
  static double[] randomInit(
      double[] points, double[] weights, int n, int dim, int k, SplittableRandom rnd) {
    double[] w = weights.clone();
    double[] c = new double[k * dim];
    for (int j = 0; j < k; j++) {
      int i = sample(w, n, rnd);
      System.arraycopy(points, i * dim, c, j * dim, dim);
      w[i] = 0; // without replacement while weight remains
    }
    return c;
  }

  /** Weighted kmeans++ (Arthur and Vassilvitskii, 2007): D²·weight sampling. */
  static double[] kmeansPlusPlus(
      double[] points, double[] weights, int n, int dim, int k, SplittableRandom rnd) {
    double[] c = new double[k * dim];
    int first = sample(weights, n, rnd);
    System.arraycopy(points, first * dim, c, 0, dim);
    double[] minDist = new double[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      minDist[i] = DistanceKernel.squaredDistance(points, i * dim, c, 0, dim);
    }
    for (int j = 1; j < k; j++) {
      for (int i = 0; i < n; i++) {
        score[i] = minDist[i] * weights[i];
      }
      int pick = sample(score, n, rnd);
      System.arraycopy(points, pick * dim, c, j * dim, dim);
      for (int i = 0; i < n; i++) {
        double d = DistanceKernel.squaredDistance(points, i * dim, c, j * dim, dim);
        if (d < minDist[i]) {
          minDist[i] = d;
        }
      }
    }
    return c;
  }

  /** Index drawn with probability proportional to {@code w}; uniform if all weights are zero. */
  static int sample(double[] w, int n, SplittableRandom rnd) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
    }
    if (!(total > 0)) {
      return rnd.nextInt(n);
    }
    double r = rnd.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += w[i];
      if (acc > r && w[i] > 0) {
        return i;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      if (w[i] > 0) {
        return i;
      }
    }
    return n - 1;
  }
}
