package io.lakeforge.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Output;
import io.lakeforge.models.knn.KnnIndex;
import io.lakeforge.models.knn.KnnModel;
import io.lakeforge.testing.Blobs;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnnTest {
  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    Dataset<Row> blobs = Blobs.make(spark, 2400, 30, 6, 2.5, 2, 21).cache();
    train = blobs.where("id % 4 != 0");
    test = blobs.where("id % 4 = 0");
  }

  private static KnnTrainer trainer(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new KnnTrainer(KnnOptions.parse(m));
  }

  @Test
  void defaultsIndexEveryRowWithoutReduction() {
    KnnOptions o = KnnOptions.parse(Map.of("k", "5", "predictor_type", "classifier"));
    assertThat(o.sampleSize()).isZero();
    assertThat(o.reductionTarget()).isZero();
    assertThat(o.classifier()).isTrue();
    assertThat(o.seed()).isEqualTo(42L);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "predictor_type=classifier|k is required",
        "k=0,predictor_type=classifier|k=0 is invalid",
        "k=5|predictor_type is required",
        "k=5,predictor_type=ranker|predictor_type=ranker is invalid",
        "k=5,predictor_type=classifier,dimension_reduction_type=sign|dimension_reduction_target "
            + "is required",
        "k=5,predictor_type=classifier,dimension_reduction_target=8|only valid with "
            + "dimension_reduction_type=sign",
        "k=5,predictor_type=classifier,dimension_reduction_type=fjlt|dimension_reduction_type=fjlt",
        "k=5,predictor_type=classifier,sample_size=3|sample_size=3 is smaller than k=5",
        "k=5,predictor_type=classifier,feature_dim=8,dimension_reduction_type=sign,"
            + "dimension_reduction_target=8|must be smaller than feature_dim=8",
        "k=5,predictor_type=classifier,index_type=faiss.IVFFlat|unknown hyperparameter "
            + "'index_type' for knn"
      })
  void invalidHyperparametersAreRejectedWithTheReason(String text, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : text.split(",")) {
      m.put(kv.split("=")[0], kv.split("=")[1]);
    }
    assertThatThrownBy(() -> KnnOptions.parse(m))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(message);
  }

  @Test
  void classifiesHeldOutRowsWithAndWithoutSignProjection() {
    KnnTrainer plain = trainer("k", "5", "predictor_type", "classifier");
    KnnModel model = (KnnModel) plain.fit(train, "features", "label").model();
    assertThat(model.indexRows()).isEqualTo(1800);
    assertThat(plain.evaluate(model, test, "features", "label").get("accuracy"))
        .isGreaterThan(0.98);
    KnnTrainer sign =
        trainer(
            "k",
            "5",
            "predictor_type",
            "classifier",
            "dimension_reduction_type",
            "sign",
            "dimension_reduction_target",
            "12");
    KnnModel reduced = (KnnModel) sign.fit(train, "features", "label").model();
    assertThat(reduced.section().indexDim()).isEqualTo(12);
    assertThat(sign.evaluate(reduced, test, "features", "label").get("accuracy"))
        .isGreaterThan(0.95);
  }

  @Test
  void searchFindsTheSameNeighboursAsANaiveScanAcrossShards() {
    Random r = new Random(4);
    int n = KnnIndex.SHARD_ROWS * 2 + 300;
    int dim = 7;
    int k = 9;
    double[] values = new double[n * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextGaussian();
    }
    KnnIndex index = new KnnIndex(n, dim, dim, values, new double[n], null);
    int q = 40;
    double[] queries = new double[q * dim];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = r.nextGaussian();
    }
    int[] nearest = new int[q * k];
    double[] dist = new double[q * k];
    index.search(queries, q, k, nearest, dist);
    for (int i = 0; i < q; i++) {
      double[] all = new double[n];
      Integer[] order = new Integer[n];
      for (int row = 0; row < n; row++) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
          double d = queries[i * dim + j] - values[row * dim + j];
          s += d * d;
        }
        all[row] = s;
        order[row] = row;
      }
      Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
      for (int rank = 0; rank < k; rank++) {
        assertThat(nearest[i * k + rank]).isEqualTo(order[rank]);
        assertThat(dist[i * k + rank])
            .isCloseTo(all[order[rank]], org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void regressorAveragesTheNeighboursLabels() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create(Vectors.dense(i), (double) i * 2));
    }
    Dataset<Row> line =
        spark.createDataFrame(
            rows,
            new StructType()
                .add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType));
    KnnTrainer t = trainer("k", "3", "predictor_type", "regressor");
    KnnModel model = (KnnModel) t.fit(line, "features", "label").model();
    Dataset<Row> query =
        spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(50.2), 0.0)), line.schema());
    // Neighbours 50, 51 and 49: labels 100, 102 and 98.
    assertThat(
            SparkScoring.transform(model, query, "features")
                .select(Output.SCORE)
                .first()
                .getDouble(0))
        .isEqualTo(100.0);
    assertThat(t.evaluate(model, line, "features", "label").get("r2")).isGreaterThan(0.999);
  }

  @Test
  void sampleSizeBoundsTheIndexAndTheSameSeedDrawsTheSameSample(@TempDir Path dir) {
    String[] hp = {"k", "3", "predictor_type", "classifier", "sample_size", "500", "seed", "8"};
    KnnModel a = (KnnModel) trainer(hp).fit(train, "features", "label").model();
    KnnModel b = (KnnModel) trainer(hp).fit(train, "features", "label").model();
    assertThat(a.indexRows()).isEqualTo(500);
    ModelFolders.write(a, dir.resolve("a").toString());
    ModelFolders.write(b, dir.resolve("b").toString());
    assertThat(
            spark
                .read()
                .parquet(dir.resolve("b").toString() + "/index.parquet")
                .orderBy("row")
                .collectAsList())
        .isEqualTo(
            spark
                .read()
                .parquet(dir.resolve("a").toString() + "/index.parquet")
                .orderBy("row")
                .collectAsList());
    KnnModel back = (KnnModel) ModelFolders.read(dir.resolve("a").toString());
    assertThat(
            SparkScoring.transform(back, test, "features")
                .select(Output.PREDICTED_LABEL)
                .collectAsList())
        .isEqualTo(
            SparkScoring.transform(a, test, "features")
                .select(Output.PREDICTED_LABEL)
                .collectAsList());
  }

  @Test
  void badLabelsAndMissingLabelsAreRejected() {
    assertThatThrownBy(
            () ->
                trainer("k", "3", "predictor_type", "classifier")
                    .fit(train.selectExpr("features", "label - 3 AS label"), "features", "label"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("is not valid for predictor_type=classifier");
    assertThatThrownBy(
            () -> trainer("k", "3", "predictor_type", "classifier").fit(train, "features", null))
        .hasMessageContaining("knn is supervised");
  }
}
