package io.lakeforge.algorithms.linear;

import io.lakeforge.models.linalg.Softmax;

/**
 * The linear learner's losses on a block of margins: each returns the summed loss and overwrites
 * the margins with the loss's derivative with respect to them, ready for the gradient GEMM.
 */
final class Losses {
  private Losses() {}

  /**
   * @param z row-major {@code rows × outputs} margins, replaced by dLoss/dz
   * @param y labels (class index, 0/1, or the training-scale target)
   */
  static double lossAndGradient(String loss, double[] z, double[] y, int rows, int outputs) {
    double total = 0;
    switch (loss) {
      case "logistic" -> {
        for (int i = 0; i < rows; i++) {
          double m = z[i];
          // log(1 + e^m) − y·m without overflow for large |m|.
          total += Math.max(m, 0) - m * y[i] + Math.log1p(Math.exp(-Math.abs(m)));
          z[i] = 1.0 / (1.0 + Math.exp(-m)) - y[i];
        }
      }
      case "hinge_loss" -> {
        for (int i = 0; i < rows; i++) {
          double sign = y[i] > 0.5 ? 1.0 : -1.0;
          double margin = 1 - sign * z[i];
          total += Math.max(0, margin);
          z[i] = margin > 0 ? -sign : 0.0;
        }
      }
      case "softmax_loss" -> {
        for (int i = 0; i < rows; i++) {
          int off = i * outputs;
          Softmax.inPlace(z, off, outputs);
          int label = (int) y[i];
          total -= Math.log(z[off + label]);
          z[off + label] -= 1.0;
        }
      }
      case "squared_loss" -> {
        for (int i = 0; i < rows; i++) {
          double r = z[i] - y[i];
          total += 0.5 * r * r;
          z[i] = r;
        }
      }
      case "absolute_loss" -> {
        for (int i = 0; i < rows; i++) {
          double r = z[i] - y[i];
          total += Math.abs(r);
          z[i] = Math.signum(r);
        }
      }
      default -> throw new IllegalArgumentException("unknown loss " + loss);
    }
    return total;
  }
}
