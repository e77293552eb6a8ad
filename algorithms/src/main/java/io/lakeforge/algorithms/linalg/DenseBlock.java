package io.lakeforge.algorithms.linalg;

import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;

/**
 * A block of rows of one partition as a row-major {@code double[rows * dim]} with the squared norms
 * precomputed: the unit the BLAS kernels work on, built once when the input is cached so that no
 * iteration allocates per row.
 */
public final class DenseBlock implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public final int rows;
  public final int dim;
  public final double[] values;
  public final double[] sqNorms;

  /** One label per row for supervised trainers; null when the input has no label column. */
  public final double[] labels;

  /**
   * Per-block state an algorithm may keep between passes over a cached block (e.g. distance
   * bounds). Transient: lost whenever the block is recomputed or read back from disk, so it may
   * only ever save work, never change a result.
   */
  public transient Object algorithmState;

  public DenseBlock(int rows, int dim, double[] values) {
    this(rows, dim, values, null);
  }

  public DenseBlock(int rows, int dim, double[] values, double[] labels) {
    if (labels != null && labels.length < rows) {
      throw new IllegalArgumentException("block holds " + labels.length + " labels, needs " + rows);
    }
    if (values.length < (long) rows * dim) {
      throw new IllegalArgumentException(
          "block holds " + values.length + " values, needs " + (long) rows * dim);
    }
    this.rows = rows;
    this.dim = dim;
    this.values = values;
    this.labels = labels;
    this.sqNorms = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      int off = i * dim;
      for (int j = 0; j < dim; j++) {
        double v = values[off + j];
        s += v * v;
      }
      sqNorms[i] = s;
    }
  }

  /**
   * Packs vectors into blocks of at most {@code maxRows} rows. Every vector must have size {@code
   * dim}; the error names the expected and actual dimension so a user can see a feature_dim
   * mismatch.
   */
  public static Iterator<DenseBlock> pack(Iterator<Vector> vectors, int dim, int maxRows) {
    List<DenseBlock> out = new ArrayList<>();
    double[] buf = new double[maxRows * dim];
    int n = 0;
    while (vectors.hasNext()) {
      Vector v = vectors.next();
      if (v.size() != dim) {
        throw new DimensionMismatchException(dim, v.size());
      }
      int off = n * dim;
      VectorArrays.copyInto(v, buf, off);
      if (++n == maxRows) {
        out.add(new DenseBlock(n, dim, buf.clone()));
        java.util.Arrays.fill(buf, 0.0);
        n = 0;
      }
    }
    if (n > 0) {
      out.add(new DenseBlock(n, dim, java.util.Arrays.copyOf(buf, n * dim)));
    }
    return out.iterator();
  }

  /**
   * Packs rows of (vector, numeric label) into labelled blocks; a null vector or label fails with
   * an error that says which.
   */
  public static Iterator<DenseBlock> packLabeled(
      Iterator<org.apache.spark.sql.Row> rows, int dim, int maxRows) {
    List<DenseBlock> out = new ArrayList<>();
    double[] buf = new double[maxRows * dim];
    double[] lab = new double[maxRows];
    int n = 0;
    while (rows.hasNext()) {
      org.apache.spark.sql.Row r = rows.next();
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("null feature vector in the training input");
      }
      if (r.isNullAt(1)) {
        throw new IllegalArgumentException("null label in the training input");
      }
      Vector v = (Vector) r.get(0);
      if (v.size() != dim) {
        throw new DimensionMismatchException(dim, v.size());
      }
      VectorArrays.copyInto(v, buf, n * dim);
      lab[n] = ((Number) r.get(1)).doubleValue();
      if (++n == maxRows) {
        out.add(new DenseBlock(n, dim, buf.clone(), lab.clone()));
        java.util.Arrays.fill(buf, 0.0);
        n = 0;
      }
    }
    if (n > 0) {
      out.add(
          new DenseBlock(
              n, dim, java.util.Arrays.copyOf(buf, n * dim), java.util.Arrays.copyOf(lab, n)));
    }
    return out.iterator();
  }

  /** Assigns every row of the block to its nearest center (see {@link DistanceKernel#assign}). */
  public void assign(Centers c, double[] dots, int[] assignment, double[] dist) {
    DistanceKernel.assign(values, sqNorms, rows, dim, c, dots, assignment, dist);
  }

  /** Copies row {@code i} into {@code dst} at {@code dstOffset}. */
  public void copyRow(int i, double[] dst, int dstOffset) {
    System.arraycopy(values, i * dim, dst, dstOffset, dim);
  }
}
