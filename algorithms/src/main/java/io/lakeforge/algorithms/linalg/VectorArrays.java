package io.lakeforge.algorithms.linalg;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/** Copies Spark ML vectors (dense or sparse) into primitive arrays without boxing. */
public final class VectorArrays {
  private VectorArrays() {}

  /**
   * Writes {@code v} into {@code dst[off, off + v.size())}, which must already be zero where a
   * sparse vector has no entry, and returns its squared norm.
   */
  public static double copyInto(Vector v, double[] dst, int off) {
    double norm = 0;
    if (v instanceof DenseVector dv) {
      double[] vals = dv.values();
      System.arraycopy(vals, 0, dst, off, vals.length);
      for (double x : vals) {
        norm += x * x;
      }
    } else {
      SparseVector sv = (SparseVector) v;
      int[] idx = sv.indices();
      double[] vals = sv.values();
      for (int i = 0; i < idx.length; i++) {
        dst[off + idx[i]] = vals[i];
        norm += vals[i] * vals[i];
      }
    }
    return norm;
  }
}
