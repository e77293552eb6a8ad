package io.lakeforge.models.knn;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * The searchable part of a k-NN model: the sampled rows (after the optional sign projection) with
 * their squared norms and labels, and the projection itself. Brute force with BLAS: a block of
 * queries is compared with a shard of index rows by one GEMM, each shard's candidates are merged
 * into every query's running top k, so memory stays at one block × shard of distances.
 */
public final class KnnIndex implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Index rows compared per GEMM. */
  public static final int SHARD_ROWS = 1024;

  public final int rows;
  final int dim;
  final int inputDim;
  final double[] values;
  final double[] sqNorms;
  final double[] labels;

  /** Row-major {@code inputDim × dim}, or null without dimension reduction. */
  final double[] projection;

  public KnnIndex(
      int rows, int inputDim, int dim, double[] values, double[] labels, double[] projection) {
    this.rows = rows;
    this.inputDim = inputDim;
    this.dim = dim;
    this.values = values;
    this.labels = labels;
    this.projection = projection;
    this.sqNorms = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += values[i * dim + j] * values[i * dim + j];
      }
      sqNorms[i] = s;
    }
  }

  /** Projects row-major {@code rows × inputDim} rows into the index's space (a copy if none). */
  double[] project(double[] x, int n) {
    return projection == null
        ? Arrays.copyOf(x, n * inputDim)
        : project(x, n, inputDim, projection, dim);
  }

  /**
   * {@code x·P} for row-major {@code x} ({@code n × inputDim}) and {@code P} ({@code inputDim ×
   * dim}).
   */
  public static double[] project(double[] x, int n, int inputDim, double[] projection, int dim) {
    double[] out = new double[n * dim];
    // Row-major x (n × inputDim) times row-major P (inputDim × dim): column-major Pᵀ·xᵀ.
    BLAS.getInstance()
        .dgemm("N", "N", dim, n, inputDim, 1.0, projection, dim, x, inputDim, 0.0, out, dim);
    return out;
  }

  /**
   * The {@code k} nearest index rows of each of the {@code n} query rows (raw features, row-major),
   * nearest first: {@code nearest[i * k + r]} and squared distances {@code dist[i * k + r]}.
   */
  public void search(double[] x, int n, int k, int[] nearest, double[] dist) {
    double[] q = project(x, n);
    double[] qn = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += q[i * dim + j] * q[i * dim + j];
      }
      qn[i] = s;
    }
    Arrays.fill(dist, 0, n * k, Double.POSITIVE_INFINITY);
    Arrays.fill(nearest, 0, n * k, -1);
    double[] dots = new double[n * Math.min(SHARD_ROWS, rows)];
    BLAS blas = BLAS.getInstance();
    for (int start = 0; start < rows; start += SHARD_ROWS) {
      int m = Math.min(SHARD_ROWS, rows - start);
      // dots (row-major n × m) = −2 · q · shardᵀ.
      blas.dgemm("T", "N", m, n, dim, -2.0, values, start * dim, dim, q, 0, dim, 0.0, dots, 0, m);
      for (int i = 0; i < n; i++) {
        int base = i * k;
        double worst = dist[base + k - 1];
        for (int r = 0; r < m; r++) {
          double d = Math.max(0.0, dots[i * m + r] + qn[i] + sqNorms[start + r]);
          if (d < worst) {
            insert(nearest, dist, base, k, start + r, d);
            worst = dist[base + k - 1];
          }
        }
      }
    }
  }

  /** Inserts into a sorted run of k; ties keep the earlier (lower) index row first. */
  private static void insert(int[] nearest, double[] dist, int base, int k, int row, double d) {
    int pos = base + k - 1;
    while (pos > base && dist[pos - 1] > d) {
      dist[pos] = dist[pos - 1];
      nearest[pos] = nearest[pos - 1];
      pos--;
    }
    dist[pos] = d;
    nearest[pos] = row;
  }
}
