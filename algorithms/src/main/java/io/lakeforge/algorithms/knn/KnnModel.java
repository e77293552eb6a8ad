package io.lakeforge.algorithms.knn;

import io.lakeforge.algorithms.api.ModelData;
import io.lakeforge.algorithms.api.ModelKind;
import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.linalg.BlockScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A k-NN model: the sampled index rows with their labels (and the sign projection, if any).
 * Scoring broadcasts the index once and searches it per block of query rows. Stored as Parquet:
 * {@code index.parquet} ({@code row int, vector array<double>, label double}) and, with
 * dimension reduction, {@code projection.parquet} ({@code input_dim int, weights
 * array<double>}).
 */
public final class KnnModel implements TrainedModel {
  public static final String ALGORITHM = "knn";
  public static final String INDEX_FILE = "index.parquet";
  public static final String PROJECTION_FILE = "projection.parquet";

  private final KnnIndex index;
  private final int k;
  private final boolean classifier;
  private final int numClasses;

  KnnModel(KnnIndex index, int k, boolean classifier) {
    this.index = index;
    this.k = k;
    this.classifier = classifier;
    int max = -1;
    if (classifier) {
      for (double l : index.labels) {
        max = Math.max(max, (int) l);
      }
    }
    this.numClasses = max + 1;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public int featureDim() {
    return index.inputDim;
  }

  @Override
  public ModelKind kind() {
    return classifier ? ModelKind.CLASSIFIER : ModelKind.REGRESSOR;
  }

  /** Classes seen in the index (largest label + 1); 0 for a regressor. */
  public int numClasses() {
    return numClasses;
  }

  public int indexRows() {
    return index.rows;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", k);
    m.put("predictor_type", classifier ? KnnOptions.CLASSIFIER : KnnOptions.REGRESSOR);
    m.put("feature_dim", index.inputDim);
    m.put("index_dim", index.dim);
    m.put("index_rows", index.rows);
    m.put("num_classes", numClasses);
    m.put("index", INDEX_FILE);
    if (index.projection != null) {
      m.put("projection", PROJECTION_FILE);
    }
    m.put("score", classifier ? "share of the k neighbours that voted for the predicted label"
        : "mean label of the k neighbours");
    return m;
  }

  @Override
  public void writeData(SparkSession spark, String dir) {
    List<Row> rows = new ArrayList<>(index.rows);
    for (int i = 0; i < index.rows; i++) {
      rows.add(RowFactory.create(i, Arrays.copyOfRange(index.values, i * index.dim,
          (i + 1) * index.dim), index.labels[i]));
    }
    ModelData.write(spark, rows, indexSchema(), dir + "/" + INDEX_FILE);
    if (index.projection != null) {
      List<Row> proj = new ArrayList<>(index.inputDim);
      for (int j = 0; j < index.inputDim; j++) {
        proj.add(RowFactory.create(j, Arrays.copyOfRange(index.projection, j * index.dim,
            (j + 1) * index.dim)));
      }
      ModelData.write(spark, proj, projectionSchema(), dir + "/" + PROJECTION_FILE);
    }
  }

  static KnnModel read(SparkSession spark, String dir, KnnOptions o) {
    List<Row> rows = ModelData.read(spark, dir + "/" + INDEX_FILE, indexSchema(), "row");
    if (rows.isEmpty()) {
      throw new IllegalStateException("no index rows in " + dir + "/" + INDEX_FILE);
    }
    int dim = rows.get(0).getList(1).size();
    double[] projection = null;
    int inputDim = dim;
    if (o.reductionTarget() > 0) {
      List<Row> proj = ModelData.read(spark, dir + "/" + PROJECTION_FILE, projectionSchema(),
          "input_dim");
      inputDim = proj.size();
      projection = ModelData.rowMajor(proj, 1);
    }
    return new KnnModel(new KnnIndex(rows.size(), inputDim, dim, ModelData.rowMajor(rows, 1),
        rows.stream().mapToDouble(r -> r.getDouble(2)).toArray(), projection), o.k(),
        o.classifier());
  }

  private static StructType indexSchema() {
    return new StructType()
        .add("row", DataTypes.IntegerType, false)
        .add("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add("label", DataTypes.DoubleType, false);
  }

  private static StructType projectionSchema() {
    return new StructType()
        .add("input_dim", DataTypes.IntegerType, false)
        .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  }

  @Override
  public Dataset<Row> transform(Dataset<Row> input, String featuresCol) {
    StructField[] out = classifier
        ? new StructField[] {
            DataTypes.createStructField(ModelKind.PREDICTED_LABEL, DataTypes.IntegerType, false),
            DataTypes.createStructField(ModelKind.SCORE, DataTypes.DoubleType, false)}
        : new StructField[] {
            DataTypes.createStructField(ModelKind.SCORE, DataTypes.DoubleType, false)};
    Broadcast<KnnIndex> bc = JavaSparkContext.fromSparkContext(input.sparkSession()
        .sparkContext()).broadcast(index);
    int kk = Math.min(k, index.rows);
    boolean cls = classifier;
    int classes = numClasses;
    BlockScorer.BlockFunction fn = (x, sqNorms, rows, dim, res) -> {
      KnnIndex idx = bc.value();
      int[] nearest = new int[rows * kk];
      double[] dist = new double[rows * kk];
      idx.search(x, rows, kk, nearest, dist);
      long[] votes = cls ? new long[classes] : null;
      for (int i = 0; i < rows; i++) {
        if (cls) {
          Arrays.fill(votes, 0);
          int best = (int) idx.labels[nearest[i * kk]];
          for (int r = 0; r < kk; r++) {
            int label = (int) idx.labels[nearest[i * kk + r]];
            votes[label]++;
            // Ties go to the label reached first, i.e. the one with the nearer neighbour.
            if (votes[label] > votes[best]) {
              best = label;
            }
          }
          res[i][0] = best;
          res[i][1] = (double) votes[best] / kk;
        } else {
          double s = 0;
          for (int r = 0; r < kk; r++) {
            s += idx.labels[nearest[i * kk + r]];
          }
          res[i][0] = s / kk;
        }
      }
    };
    return BlockScorer.score(input, featuresCol, index.inputDim, out, fn);
  }
}
