package io.lakeforge.models.linalg;

import dev.ludovic.netlib.blas.BLAS;

/** {@code z = x·Wᵀ + b} for a block of rows in one GEMM: linear models and projections. */
public final class Affine {
  private Affine() {}

  /**
   * {@code x} row-major {@code rows × dim}, {@code w} row-major {@code outputs × dim}, {@code b}
   * one shift per output (or null), {@code z} written row-major {@code rows × outputs}.
   */
  public static void apply(
      double[] w, double[] b, int outputs, double[] x, int rows, int dim, double[] z) {
    // Column-major view: W is dim×outputs, x is dim×rows; Wᵀ·x is outputs×rows = row-major z.
    BLAS.getInstance().dgemm("T", "N", outputs, rows, dim, 1.0, w, dim, x, dim, 0.0, z, outputs);
    if (b != null) {
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < outputs; c++) {
          z[i * outputs + c] += b[c];
        }
      }
    }
  }
}
