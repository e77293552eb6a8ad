package io.lakeforge.tuning;

/**
 * A Gaussian process regression over points in the unit cube, with a Matérn 5/2 kernel in which a
 * categorical coordinate counts only as "same or different" (a distance of 0 or 1, never an order
 * between its values). The targets are standardised, and the length scale and noise are those of a
 * small grid with the largest marginal likelihood: enough for the few dozen trials of a tuning job,
 * with no optimiser to diverge.
 */
final class GaussianProcess {
  private static final double[] LENGTH_SCALES = {0.08, 0.15, 0.3, 0.6, 1.2};
  private static final double[] NOISES = {1e-6, 1e-3, 1e-2, 5e-2};

  private final double[][] x;
  private final boolean[] categorical;
  private final double mean;
  private final double scale;
  private final double lengthScale;
  private final double[][] chol;
  private final double[] alpha;

  /**
   * Fits the process to targets {@code y} at points {@code x}; {@code categorical[j]} marks the
   * coordinates that are category codes.
   */
  GaussianProcess(double[][] x, double[] y, boolean[] categorical) {
    this.x = x;
    this.categorical = categorical;
    int n = y.length;
    double m = 0;
    for (double v : y) {
      m += v;
    }
    m /= n;
    double var = 0;
    for (double v : y) {
      var += (v - m) * (v - m);
    }
    double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 1;
    this.mean = m;
    this.scale = sd > 1e-12 ? sd : 1;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (y[i] - mean) / scale;
    }
    double best = Double.NEGATIVE_INFINITY;
    double[][] bestChol = null;
    double[] bestAlpha = null;
    double bestLength = LENGTH_SCALES[0];
    for (double l : LENGTH_SCALES) {
      for (double noise : NOISES) {
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j <= i; j++) {
            k[i][j] = kernel(x[i], x[j], l) + (i == j ? noise : 0);
          }
        }
        double[][] c = cholesky(k);
        if (c == null) {
          continue;
        }
        double[] a = solve(c, z);
        // log p(z) = -z'K^-1 z / 2 - log|K| / 2 - n log(2 pi) / 2; the last term is common.
        double fit = 0;
        for (int i = 0; i < n; i++) {
          fit += z[i] * a[i];
        }
        double logDet = 0;
        for (int i = 0; i < n; i++) {
          logDet += Math.log(c[i][i]);
        }
        double ll = -0.5 * fit - logDet;
        if (ll > best) {
          best = ll;
          bestChol = c;
          bestAlpha = a;
          bestLength = l;
        }
      }
    }
    if (bestChol == null) {
      throw new IllegalStateException("no kernel of the grid fits these points");
    }
    this.chol = bestChol;
    this.alpha = bestAlpha;
    this.lengthScale = bestLength;
  }

  /** The posterior mean and standard deviation at {@code p}, in the targets' units. */
  double[] predict(double[] p) {
    int n = x.length;
    double[] ks = new double[n];
    double mu = 0;
    for (int i = 0; i < n; i++) {
      ks[i] = kernel(p, x[i], lengthScale);
      mu += ks[i] * alpha[i];
    }
    double[] v = forward(chol, ks);
    double var = 1;
    for (double e : v) {
      var -= e * e;
    }
    return new double[] {mean + scale * mu, scale * Math.sqrt(Math.max(var, 1e-12))};
  }

  /** The standard deviation of the targets it was fitted to (1 when they are all equal). */
  double targetScale() {
    return scale;
  }

  private double kernel(double[] a, double[] b, double l) {
    double r2 = 0;
    for (int j = 0; j < a.length; j++) {
      double d = categorical[j] ? (a[j] == b[j] ? 0 : 1) : a[j] - b[j];
      r2 += d * d;
    }
    double r = Math.sqrt(5 * r2) / l;
    return (1 + r + r * r / 3) * Math.exp(-r);
  }

  /** The lower Cholesky factor of the symmetric matrix whose lower half is {@code a}, or null. */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (s <= 0) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** Solves L v = b. */
  private static double[] forward(double[][] l, double[] b) {
    int n = b.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * v[k];
      }
      v[i] = s / l[i][i];
    }
    return v;
  }

  /** Solves L L' a = b. */
  private static double[] solve(double[][] l, double[] b) {
    double[] v = forward(l, b);
    int n = v.length;
    double[] a = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = v[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * a[k];
      }
      a[i] = s / l[i][i];
    }
    return a;
  }
}
