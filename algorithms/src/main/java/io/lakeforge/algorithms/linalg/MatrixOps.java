package io.lakeforge.algorithms.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Dense matrix routines the trainers share, on primitive arrays through Spark's BLAS and LAPACK
 * (netlib: native when installed, Java otherwise). Layouts are stated per method.
 */
public final class MatrixOps {
  private MatrixOps() {}

  /** Eigenvalues (descending) and unit eigenvectors of a symmetric matrix. */
  public record Eigen(double[] values, double[] vectors, int n) {
    /** Eigenvector {@code i} (of the {@code i}-th largest eigenvalue). */
    public double[] vector(int i) {
      return java.util.Arrays.copyOfRange(vectors, i * n, (i + 1) * n);
    }
  }

  /**
   * Eigen-decomposition of the symmetric {@code n × n} matrix {@code a} (either layout; only the
   * upper triangle in column-major order is read). {@code a} is overwritten.
   */
  public static Eigen symmetricEigen(double[] a, int n) {
    double[] w = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyev("V", "U", n, a, n, w, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("V", "U", n, a, n, w, work, work.length, info);
    if (info.val != 0) {
      throw new IllegalStateException(
          "eigen-decomposition failed to converge (LAPACK dsyev info " + info.val + ")");
    }
    // dsyev: ascending values, eigenvectors as the columns of a (column-major).
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int i = 0; i < n; i++) {
      int src = n - 1 - i;
      values[i] = w[src];
      System.arraycopy(a, src * n, vectors, i * n, n);
    }
    return new Eigen(values, vectors, n);
  }

  /**
   * Replaces the {@code cols} columns of the column-major {@code rows × cols} matrix {@code a} with
   * an orthonormal basis of their span (QR).
   */
  public static void orthonormalize(double[] a, int rows, int cols) {
    LAPACK lapack = LAPACK.getInstance();
    double[] tau = new double[cols];
    intW info = new intW(0);
    double[] query = new double[1];
    lapack.dgeqrf(rows, cols, a, rows, tau, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dgeqrf(rows, cols, a, rows, tau, work, work.length, info);
    lapack.dorgqr(rows, cols, cols, a, rows, tau, query, -1, info);
    work = new double[Math.max(work.length, (int) query[0])];
    lapack.dorgqr(rows, cols, cols, a, rows, tau, work, work.length, info);
    if (info.val != 0) {
      throw new IllegalStateException("QR factorization failed (LAPACK info " + info.val + ")");
    }
  }

  /** Flips {@code v} so that its entry of largest magnitude is positive: a stable sign. */
  public static void canonicalSign(double[] v) {
    int arg = 0;
    for (int j = 1; j < v.length; j++) {
      if (Math.abs(v[j]) > Math.abs(v[arg])) {
        arg = j;
      }
    }
    if (v[arg] < 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] = -v[j];
      }
    }
  }
}
