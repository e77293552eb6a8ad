package io.lakeforge.models.linalg;

/**
 * The softmax of a run of scores, in place and shifted by the maximum so that no exponential
 * overflows. Training's loss and scoring's class probabilities share it, so the probabilities a
 * model reports are the ones it was trained on, to the last bit.
 */
public final class Softmax {
  private Softmax() {}

  /** Replaces {@code z[off, off + n)} by its softmax. */
  public static void inPlace(double[] z, int off, int n) {
    double max = z[off];
    for (int c = 1; c < n; c++) {
      max = Math.max(max, z[off + c]);
    }
    double denom = 0;
    for (int c = 0; c < n; c++) {
      z[off + c] = Math.exp(z[off + c] - max);
      denom += z[off + c];
    }
    for (int c = 0; c < n; c++) {
      z[off + c] /= denom;
    }
  }
}
