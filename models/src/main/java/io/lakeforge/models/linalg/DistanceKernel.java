package io.lakeforge.models.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Squared Euclidean distances from a block of rows to all centers as ‖x‖² − 2x·c + ‖c‖², with the
 * cross term computed by one DGEMM per block through Spark's BLAS (netlib: a native BLAS when one
 * is installed, the JDK vector API or plain Java otherwise).
 */
public final class DistanceKernel {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

  private DistanceKernel() {}

  /** The BLAS implementation in use, for logs and benchmark reports. */
  public static String blasName() {
    return BLAS_INSTANCE.getClass().getName();
  }

  /**
   * Fills {@code dots} (size ≥ rows × k, row-major) with −2·x_i·c_j for rows {@code [0, rows)} of a
   * row-major matrix {@code x}.
   */
  public static void crossTerms(double[] x, int rows, int dim, Centers c, double[] dots) {
    // Column-major view: x is dim×rows, centers dim×k; C^T·X gives k×rows, i.e. row-major rows×k.
    BLAS_INSTANCE.dgemm("T", "N", c.k, rows, dim, -2.0, c.values, dim, x, dim, 0.0, dots, c.k);
  }

  /**
   * Assigns each of the first {@code rows} rows to its nearest center, writing the index to {@code
   * assign} and the squared distance to {@code dist}. {@code dots} is scratch space of at least
   * rows × k.
   */
  public static void assign(
      double[] x,
      double[] xSqNorms,
      int rows,
      int dim,
      Centers c,
      double[] dots,
      int[] assign,
      double[] dist) {
    assignWithSecond(x, xSqNorms, rows, dim, c, dots, assign, dist, null);
  }

  /**
   * As {@link #assign(double[], double[], int, int, Centers, double[], int[], double[])}, also
   * writing the squared distance to the second-nearest center to {@code second} (infinity when
   * there is only one center): the lower bound that lets a later pass skip the row. {@code second}
   * may be null when only the nearest is wanted.
   */
  public static void assignWithSecond(
      double[] x,
      double[] xSqNorms,
      int rows,
      int dim,
      Centers c,
      double[] dots,
      int[] assign,
      double[] dist,
      double[] second) {
    crossTerms(x, rows, dim, c, dots);
    int k = c.k;
    double[] cn = c.sqNorms;
    for (int i = 0; i < rows; i++) {
      int off = i * k;
      int best = 0;
      double bestD = dots[off] + cn[0];
      double nextD = Double.POSITIVE_INFINITY;
      for (int j = 1; j < k; j++) {
        double d = dots[off + j] + cn[j];
        if (d < bestD) {
          nextD = bestD;
          bestD = d;
          best = j;
        } else if (d < nextD) {
          nextD = d;
        }
      }
      assign[i] = best;
      // Cancellation can make a tiny distance slightly negative.
      dist[i] = Math.max(0.0, bestD + xSqNorms[i]);
      if (second != null) {
        second[i] = Math.max(0.0, nextD + xSqNorms[i]);
      }
    }
  }

  /** Writes the squared norm of each of the first {@code rows} rows of {@code x} to {@code out}. */
  public static void squaredNorms(double[] x, int rows, int dim, double[] out) {
    for (int i = 0; i < rows; i++) {
      double s = 0;
      int off = i * dim;
      for (int j = 0; j < dim; j++) {
        double v = x[off + j];
        s += v * v;
      }
      out[i] = s;
    }
  }

  /** Squared distance between row {@code i} of {@code x} and {@code y[yOff..yOff+dim)}. */
  public static double squaredDistance(double[] x, int xOff, double[] y, int yOff, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      double d = x[xOff + j] - y[yOff + j];
      s += d * d;
    }
    return s;
  }
}
