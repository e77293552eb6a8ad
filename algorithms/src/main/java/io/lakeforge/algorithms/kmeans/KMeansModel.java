package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.ModelData;
import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.linalg.BlockScorer;
import io.lakeforge.algorithms.linalg.Centers;
import io.lakeforge.algorithms.linalg.DistanceKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
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
    ModelData.write(spark, rows, centersSchema(), dir + "/" + CENTERS_FILE);
  }

  /** Reads a model written by {@link #writeData}. */
  public static KMeansModel read(SparkSession spark, String dir) {
    List<Row> rows = ModelData.read(spark, dir + "/" + CENTERS_FILE, centersSchema(),
        CLUSTER_COL);
    if (rows.isEmpty()) {
      throw new IllegalStateException("no centers in " + dir + "/" + CENTERS_FILE);
    }
    return new KMeansModel(new Centers(rows.size(), rows.get(0).getList(1).size(),
        ModelData.rowMajor(rows, 1)));
  }

  private static StructType centersSchema() {
    return new StructType()
        .add(CLUSTER_COL, DataTypes.IntegerType, false)
        .add("center", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  }

  /** Adds {@code cluster} (int) and {@code distance} (Euclidean, double) to every row. */
  @Override
  public Dataset<Row> transform(Dataset<Row> input, String featuresCol) {
    StructField[] out = {
        DataTypes.createStructField(CLUSTER_COL, DataTypes.IntegerType, false),
        DataTypes.createStructField(DISTANCE_COL, DataTypes.DoubleType, false)};
    Centers c = centers;
    BlockScorer.BlockFunction fn = (x, norms, rows, dim, res) -> {
      int[] assign = new int[rows];
      double[] dist = new double[rows];
      DistanceKernel.assign(x, norms, rows, dim, c, new double[rows * c.k], assign, dist);
      for (int i = 0; i < rows; i++) {
        res[i][0] = assign[i];
        res[i][1] = Math.sqrt(dist[i]);
      }
    };
    return BlockScorer.score(input, featuresCol, centers.dim, out, fn);
  }
}
