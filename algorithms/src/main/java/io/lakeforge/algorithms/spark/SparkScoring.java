package io.lakeforge.algorithms.spark;

import io.lakeforge.algorithms.linalg.DimensionMismatchException;
import io.lakeforge.algorithms.linalg.VectorArrays;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Batch scoring in Spark: a thin wrapper that packs a partition's vectors into blocks and hands
 * each block to {@link Model#score} — the same code the endpoint runs — then appends the model's
 * outputs as columns. The model is broadcast once per call.
 */
public final class SparkScoring {
  public static final int BLOCK_ROWS = 1024;

  private SparkScoring() {}

  /** {@code input} with the model's outputs appended, reading vectors from {@code featuresCol}. */
  public static Dataset<Row> transform(Model model, Dataset<Row> input, String featuresCol) {
    StructType schema = input.schema();
    for (Output o : model.outputs()) {
      schema = schema.add(field(o));
    }
    int featIdx = input.schema().fieldIndex(featuresCol);
    Broadcast<Model> bc =
        JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext()).broadcast(model);
    MapPartitionsFunction<Row, Row> score = rows -> new ScoringIterator(rows, featIdx, bc.value());
    return input.mapPartitions(score, Encoders.row(schema));
  }

  /** The Spark column of an output. */
  public static StructField field(Output o) {
    return DataTypes.createStructField(o.name(), sparkType(o.type()), false);
  }

  static DataType sparkType(Output.Type t) {
    return switch (t) {
      case INT -> DataTypes.IntegerType;
      case DOUBLE -> DataTypes.DoubleType;
      case VECTOR -> SQLDataTypes.VectorType();
    };
  }

  private static final class ScoringIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int featIdx;
    private final Model model;
    private final int dim;
    private final List<Output> outputs;
    private final Row[] pending = new Row[BLOCK_ROWS];
    private final double[] x;
    private final Scores scores;
    private int size;
    private int pos;

    ScoringIterator(Iterator<Row> rows, int featIdx, Model model) {
      this.rows = rows;
      this.featIdx = featIdx;
      this.model = model;
      this.dim = model.featureDim();
      this.outputs = model.outputs();
      this.x = new double[BLOCK_ROWS * dim];
      this.scores = model.newScores(BLOCK_ROWS);
    }

    @Override
    public boolean hasNext() {
      if (pos < size) {
        return true;
      }
      size = 0;
      pos = 0;
      Arrays.fill(x, 0.0);
      while (size < BLOCK_ROWS && rows.hasNext()) {
        Row r = rows.next();
        if (r.isNullAt(featIdx)) {
          throw new IllegalArgumentException("null feature vector in the scoring input");
        }
        Vector v = (Vector) r.get(featIdx);
        if (v.size() != dim) {
          throw new DimensionMismatchException(dim, v.size());
        }
        VectorArrays.copyInto(v, x, size * dim);
        pending[size++] = r;
      }
      if (size == 0) {
        return false;
      }
      model.score(x, size, scores);
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = pending[pos];
      int n = r.length();
      Object[] values = new Object[n + outputs.size()];
      for (int i = 0; i < n; i++) {
        values[i] = r.get(i);
      }
      for (int c = 0; c < outputs.size(); c++) {
        Object v = scores.value(c, pos);
        values[n + c] = v instanceof double[] d ? Vectors.dense(d) : v;
      }
      pending[pos] = null;
      pos++;
      return RowFactory.create(values);
    }
  }
}
