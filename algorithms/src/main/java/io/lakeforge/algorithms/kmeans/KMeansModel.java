package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.linalg.Centers;
import io.lakeforge.algorithms.linalg.DimensionMismatchException;
import io.lakeforge.algorithms.linalg.DistanceKernel;
import io.lakeforge.algorithms.linalg.Vectors2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A K-Means model: k centers. Stored as Parquet ({@code cluster int, center array<double>}), which
 * any Spark or Python user can read; scores rows with the same blocked BLAS kernel as training.
 */
public final class KMeansModel implements TrainedModel {
  public static final String ALGORITHM = "kmeans";
  public static final String CENTERS_FILE = "centers.parquet";
  public static final String CLUSTER_COL = "cluster";
  public static final String DISTANCE_COL = "distance";
  private static final int SCORE_BLOCK_ROWS = 1024;

  private final Centers centers;

  public KMeansModel(Centers centers) {
    this.centers = centers;
  }

  public Centers centers() {
    return centers;
  }

  public int k() {
    return centers.k;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public io.lakeforge.algorithms.api.ModelKind kind() {
    return io.lakeforge.algorithms.api.ModelKind.CLUSTERING;
  }

  @Override
  public int featureDim() {
    return centers.dim;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", centers.k);
    m.put("feature_dim", centers.dim);
    m.put("centers", CENTERS_FILE);
    return m;
  }

  @Override
  public void writeData(SparkSession spark, String dir) {
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < centers.k; c++) {
      rows.add(RowFactory.create(c, centers.center(c)));
    }
    spark.createDataFrame(rows, centersSchema()).coalesce(1).write()
        .mode("errorifexists").parquet(dir + "/" + CENTERS_FILE);
  }

  /** Reads a model written by {@link #writeData}. */
  public static KMeansModel read(SparkSession spark, String dir) {
    List<Row> rows = spark.read().schema(centersSchema()).parquet(dir + "/" + CENTERS_FILE)
        .orderBy(CLUSTER_COL).collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalStateException("no centers in " + dir + "/" + CENTERS_FILE);
    }
    int dim = rows.get(0).getList(1).size();
    double[] values = new double[rows.size() * dim];
    for (int c = 0; c < rows.size(); c++) {
      List<Double> v = rows.get(c).getList(1);
      for (int j = 0; j < dim; j++) {
        values[c * dim + j] = v.get(j);
      }
    }
    return new KMeansModel(new Centers(rows.size(), dim, values));
  }

  private static StructType centersSchema() {
    return new StructType()
        .add(CLUSTER_COL, DataTypes.IntegerType, false)
        .add("center", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  }

  /** Adds {@code cluster} (int) and {@code distance} (Euclidean, double) to every row. */
  @Override
  public Dataset<Row> transform(Dataset<Row> input, String featuresCol) {
    StructType outSchema = input.schema()
        .add(CLUSTER_COL, DataTypes.IntegerType, false)
        .add(DISTANCE_COL, DataTypes.DoubleType, false);
    int featIdx = input.schema().fieldIndex(featuresCol);
    Centers c = centers;
    MapPartitionsFunction<Row, Row> score = rows -> new ScoringIterator(rows, featIdx, c);
    return input.mapPartitions(score, Encoders.row(outSchema));
  }

  /** Scores rows a block at a time so that the distance work is one GEMM per block. */
  private static final class ScoringIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int featIdx;
    private final Centers centers;
    private final Row[] pending = new Row[SCORE_BLOCK_ROWS];
    private final double[] x;
    private final double[] norms = new double[SCORE_BLOCK_ROWS];
    private final double[] dots;
    private final int[] assign = new int[SCORE_BLOCK_ROWS];
    private final double[] dist = new double[SCORE_BLOCK_ROWS];
    private int size;
    private int pos;

    ScoringIterator(Iterator<Row> rows, int featIdx, Centers centers) {
      this.rows = rows;
      this.featIdx = featIdx;
      this.centers = centers;
      this.x = new double[SCORE_BLOCK_ROWS * centers.dim];
      this.dots = new double[SCORE_BLOCK_ROWS * centers.k];
    }

    @Override
    public boolean hasNext() {
      if (pos < size) {
        return true;
      }
      size = 0;
      pos = 0;
      int dim = centers.dim;
      Arrays.fill(x, 0.0);
      while (size < SCORE_BLOCK_ROWS && rows.hasNext()) {
        Row r = rows.next();
        Vector v = (Vector) r.get(featIdx);
        if (v.size() != dim) {
          throw new DimensionMismatchException(dim, v.size());
        }
        int off = size * dim;
        norms[size] = Vectors2.copyInto(v, x, off);
        pending[size++] = r;
      }
      if (size == 0) {
        return false;
      }
      DistanceKernel.assign(x, norms, size, dim, centers, dots, assign, dist);
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Row r = pending[pos];
      Object[] values = new Object[r.length() + 2];
      for (int i = 0; i < r.length(); i++) {
        values[i] = r.get(i);
      }
      values[r.length()] = assign[pos];
      values[r.length() + 1] = Math.sqrt(dist[pos]);
      pending[pos] = null;
      pos++;
      return RowFactory.create(values);
    }
  }
}
