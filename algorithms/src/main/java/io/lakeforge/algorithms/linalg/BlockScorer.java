package io.lakeforge.algorithms.linalg;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Appends a model's output columns to every row, scoring a block of rows at a time so the model's
 * work is a few BLAS calls per block instead of per-row vector arithmetic.
 */
public final class BlockScorer {
  public static final int DEFAULT_BLOCK_ROWS = 1024;

  /** Scores a block; must be serializable because it ships with the Spark task. */
  public interface BlockFunction extends Serializable {
    /**
     * Scores rows {@code [0, rows)} of the row-major {@code x} (with squared norms), writing the
     * output values of row {@code i} into {@code out[i]}.
     */
    void score(double[] x, double[] sqNorms, int rows, int dim, Object[][] out);
  }

  private BlockScorer() {}

  public static Dataset<Row> score(Dataset<Row> input, String featuresCol, int dim,
      StructField[] outFields, BlockFunction fn) {
    StructType schema = input.schema();
    for (StructField f : outFields) {
      schema = schema.add(f);
    }
    int featIdx = input.schema().fieldIndex(featuresCol);
    int outs = outFields.length;
    MapPartitionsFunction<Row, Row> score = rows -> new ScoringIterator(rows, featIdx, dim, outs,
        fn);
    return input.mapPartitions(score, Encoders.row(schema));
  }

  private static final class ScoringIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int featIdx;
    private final int dim;
    private final BlockFunction fn;
    private final Row[] pending = new Row[DEFAULT_BLOCK_ROWS];
    private final double[] x;
    private final double[] norms = new double[DEFAULT_BLOCK_ROWS];
    private final Object[][] out;
    private int size;
    private int pos;

    ScoringIterator(Iterator<Row> rows, int featIdx, int dim, int outs, BlockFunction fn) {
      this.rows = rows;
      this.featIdx = featIdx;
      this.dim = dim;
      this.fn = fn;
      this.x = new double[DEFAULT_BLOCK_ROWS * dim];
      this.out = new Object[DEFAULT_BLOCK_ROWS][outs];
    }

    @Override
    public boolean hasNext() {
      if (pos < size) {
        return true;
      }
      size = 0;
      pos = 0;
      Arrays.fill(x, 0.0);
      while (size < DEFAULT_BLOCK_ROWS && rows.hasNext()) {
        Row r = rows.next();
        if (r.isNullAt(featIdx)) {
          throw new IllegalArgumentException("null feature vector in the scoring input");
        }
        Vector v = (Vector) r.get(featIdx);
        if (v.size() != dim) {
          throw new DimensionMismatchException(dim, v.size());
        }
        norms[size] = Vectors2.copyInto(v, x, size * dim);
        pending[size++] = r;
      }
      if (size == 0) {
        return false;
      }
      fn.score(x, norms, size, dim, out);
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = pending[pos];
      Object[] extra = out[pos];
      Object[] values = new Object[r.length() + extra.length];
      for (int i = 0; i < r.length(); i++) {
        values[i] = r.get(i);
      }
      System.arraycopy(extra, 0, values, r.length(), extra.length);
      pending[pos] = null;
      pos++;
      return RowFactory.create(values);
    }
  }
}
