package io.lakeforge.models.linalg;

/**
 * {@code k} centers of dimension {@code dim} as one row-major array with their squared norms, so a
 * distance block costs one GEMM plus two vector additions.
 */
public final class Centers implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public final int k;
  public final int dim;
  public final double[] values;
  public final double[] sqNorms;

  public Centers(int k, int dim, double[] values) {
    if (values.length != k * dim) {
      throw new IllegalArgumentException("expected " + k * dim + " values, got " + values.length);
    }
    this.k = k;
    this.dim = dim;
    this.values = values;
    this.sqNorms = new double[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        double v = values[c * dim + j];
        s += v * v;
      }
      sqNorms[c] = s;
    }
  }

  public double[] center(int c) {
    return java.util.Arrays.copyOfRange(values, c * dim, (c + 1) * dim);
  }
}
