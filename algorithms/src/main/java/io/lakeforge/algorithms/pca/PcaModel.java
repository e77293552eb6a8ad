package io.lakeforge.algorithms.pca;

import io.lakeforge.algorithms.api.ModelData;
import io.lakeforge.algorithms.api.ModelKind;
import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.linalg.BlockScorer;
import io.lakeforge.algorithms.linalg.MatrixOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Principal components (unit rows, largest variance first, sign fixed so the largest entry is
 * positive), the mean they are centered on, and the variance each explains. Projects a row as
 * {@code (x − mean)·Vᵀ}. Stored as Parquet: {@code components.parquet} ({@code component int,
 * vector array<double>, explained_variance double, explained_variance_ratio double}) and
 * {@code mean.parquet} ({@code mean array<double>}).
 */
public final class PcaModel implements TrainedModel {
  public static final String ALGORITHM = "pca";
  public static final String COMPONENTS_FILE = "components.parquet";
  public static final String MEAN_FILE = "mean.parquet";

  private final int k;
  private final int dim;
  private final double[] components;
  private final double[] mean;
  private final double[] variance;
  private final double[] ratio;

  public PcaModel(int k, int dim, double[] components, double[] mean, double[] variance,
      double[] ratio) {
    if (components.length != k * dim || mean.length != dim || variance.length != k
        || ratio.length != k) {
      throw new IllegalArgumentException("inconsistent PCA model of " + k + " components in "
          + dim + " dimensions");
    }
    this.k = k;
    this.dim = dim;
    this.components = components;
    this.mean = mean;
    this.variance = variance;
    this.ratio = ratio;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public int featureDim() {
    return dim;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.PROJECTION;
  }

  public int numComponents() {
    return k;
  }

  public double[] component(int i) {
    return Arrays.copyOfRange(components, i * dim, (i + 1) * dim);
  }

  public double[] mean() {
    return mean.clone();
  }

  /** Share of the total variance each component explains, largest first. */
  public double[] explainedVarianceRatio() {
    return ratio.clone();
  }

  @Override
  public Map<String, Double> trainingMetrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    double total = 0;
    // Zero-padded so that a listing sorted by name keeps the components in order.
    String format = "explained_variance_ratio_%0" + String.valueOf(k).length() + "d";
    for (int i = 0; i < k; i++) {
      m.put(String.format(format, i + 1), ratio[i]);
      total += ratio[i];
    }
    m.put("explained_variance_ratio_total", total);
    return m;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num_components", k);
    m.put("feature_dim", dim);
    m.put("components", COMPONENTS_FILE);
    m.put("mean", MEAN_FILE);
    m.put("explained_variance", variance.clone());
    m.put("explained_variance_ratio", ratio.clone());
    return m;
  }

  @Override
  public void writeData(SparkSession spark, String dir) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      rows.add(RowFactory.create(i, component(i), variance[i], ratio[i]));
    }
    ModelData.write(spark, rows, componentsSchema(), dir + "/" + COMPONENTS_FILE);
    ModelData.write(spark, List.of(RowFactory.create((Object) mean)), meanSchema(),
        dir + "/" + MEAN_FILE);
  }

  public static PcaModel read(SparkSession spark, String dir) {
    List<Row> rows = ModelData.read(spark, dir + "/" + COMPONENTS_FILE, componentsSchema(),
        "component");
    if (rows.isEmpty()) {
      throw new IllegalStateException("no components in " + dir + "/" + COMPONENTS_FILE);
    }
    List<Row> mean = ModelData.read(spark, dir + "/" + MEAN_FILE, meanSchema(), "mean");
    return new PcaModel(rows.size(), rows.get(0).getList(1).size(), ModelData.rowMajor(rows, 1),
        ModelData.rowMajor(mean, 0), rows.stream().mapToDouble(r -> r.getDouble(2)).toArray(),
        rows.stream().mapToDouble(r -> r.getDouble(3)).toArray());
  }

  private static StructType componentsSchema() {
    return new StructType()
        .add("component", DataTypes.IntegerType, false)
        .add("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add("explained_variance", DataTypes.DoubleType, false)
        .add("explained_variance_ratio", DataTypes.DoubleType, false);
  }

  private static StructType meanSchema() {
    return new StructType().add("mean", DataTypes.createArrayType(DataTypes.DoubleType, false),
        false);
  }

  /** The shift that folds centering into the projection: {@code −V·mean}. */
  double[] offset() {
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += components[i * dim + j] * mean[j];
      }
      b[i] = -s;
    }
    return b;
  }

  /** Adds {@code projection}, a vector of {@code num_components} coordinates. */
  @Override
  public Dataset<Row> transform(Dataset<Row> input, String featuresCol) {
    StructField[] out = {DataTypes.createStructField(ModelKind.PROJECTION_COL,
        SQLDataTypes.VectorType(), false)};
    double[] v = components;
    double[] b = offset();
    int kk = k;
    BlockScorer.BlockFunction fn = (x, sqNorms, rows, d, res) -> {
      double[] z = new double[rows * kk];
      MatrixOps.affine(v, b, kk, x, rows, d, z);
      for (int i = 0; i < rows; i++) {
        res[i][0] = Vectors.dense(Arrays.copyOfRange(z, i * kk, (i + 1) * kk));
      }
    };
    return BlockScorer.score(input, featuresCol, dim, out, fn);
  }
}
