package io.lakeforge.algorithms.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.xgboost.XgboostModel;
import io.lakeforge.testing.Blobs;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
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

class XgboostTrainerTest {
  private static SparkSession spark;
  private static Dataset<Row> xor;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    // Class = sign(x0 · x1): no line separates it, a depth-2 tree does.
    xor = synthetic(1200, 1, (x0, x1) -> x0 * x1 > 0 ? 1.0 : 0.0).cache();
    xor.count();
  }

  interface Target {
    double of(double x0, double x1);
  }

  /** Rows of 3 uniform features in [-1, 1] (x2 is noise), label from x0 and x1; 2 partitions. */
  static Dataset<Row> synthetic(int n, long seed, Target target) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x0 = r.nextDouble() * 2 - 1;
      double x1 = r.nextDouble() * 2 - 1;
      double x2 = r.nextDouble() * 2 - 1;
      rows.add(RowFactory.create(Vectors.dense(x0, x1, x2), target.of(x0, x1)));
    }
    StructType schema =
        new StructType()
            .add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema).repartition(2);
  }

  static Map<String, String> hp(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static XgboostTrainer trainer(String... kv) {
    return new XgboostTrainer(XgboostOptions.parse(hp(kv)));
  }

  @Test
  void learnsXorThatNoLinearModelFits() {
    XgboostTrainer t = trainer("objective", "binary:logistic", "num_round", "20", "max_depth", "3");
    TrainingRun run = t.fit(xor, "features", "label");
    Dataset<Row> test = synthetic(600, 2, (x0, x1) -> x0 * x1 > 0 ? 1.0 : 0.0);
    Map<String, Double> m = t.evaluate(run.model(), test, "features", "label");
    assertThat(m.get("accuracy")).isGreaterThanOrEqualTo(0.95);
    assertThat(m.get("roc_auc")).isGreaterThan(0.98);
    assertThat(run.costHistory()).hasSize(20);
    assertThat(run.hyperparameters()).containsEntry("num_workers", 2);
    // The two informative features carry the gain; the noise feature hardly any.
    Map<String, Double> gain = ((XgboostModel) run.model()).featureImportanceGain();
    assertThat(gain.get("f0") + gain.get("f1")).isGreaterThan(5 * gain.getOrDefault("f2", 0.0));
  }

  @Test
  void classifiesBlobsIntoManyClasses() {
    Dataset<Row> blobs = Blobs.make(spark, 800, 5, 4, 3.0, 2, 7);
    for (String objective : List.of("multi:softmax", "multi:softprob")) {
      XgboostTrainer t = trainer("objective", objective, "num_class", "4", "num_round", "10");
      TrainingRun run = t.fit(blobs, "features", "label");
      Map<String, Double> m = t.evaluate(run.model(), blobs, "features", "label");
      assertThat(m.get("accuracy")).as(objective).isGreaterThanOrEqualTo(0.95);
      Row first = SparkScoring.transform(run.model(), blobs, "features").first();
      double score = first.getDouble(first.fieldIndex(Output.SCORE));
      assertThat(score).as("probability of the predicted class").isBetween(0.25, 1.0);
    }
  }

  @Test
  void regressesANonLinearTarget() {
    Target f = (x0, x1) -> Math.sin(3 * x0) + x1 * x1;
    XgboostTrainer t = trainer("num_round", "40", "max_depth", "4");
    TrainingRun run = t.fit(synthetic(1200, 3, f), "features", "label");
    Map<String, Double> m = t.evaluate(run.model(), synthetic(400, 4, f), "features", "label");
    assertThat(m.get("r2")).isGreaterThan(0.9);
    assertThat(m.get("rmse")).isLessThan(0.25);
  }

  @Test
  void sameSeedAndPartitionsGiveTheSameBooster() {
    String[] kv = {
      "objective",
      "binary:logistic",
      "num_round",
      "5",
      "subsample",
      "0.7",
      "colsample_bytree",
      "0.7",
      "seed",
      "11"
    };
    byte[] a = ((XgboostModel) trainer(kv).fit(xor, "features", "label").model()).boosterJson();
    byte[] b = ((XgboostModel) trainer(kv).fit(xor, "features", "label").model()).boosterJson();
    assertThat(new String(a)).isEqualTo(new String(b)).contains("\"learner\"");
  }

  @Test
  void boosterFileLoadsInPlainXgboostAndPredictsTheSame(@TempDir Path dir) throws Exception {
    XgboostTrainer t = trainer("objective", "binary:logistic", "num_round", "8");
    XgboostModel model = (XgboostModel) t.fit(xor, "features", "label").model();
    String folder = dir.resolve("m").toString();
    XgboostModel back = (XgboostModel) ModelFolders.roundTrip(model, folder);
    Path file = dir.resolve("m").resolve(XgboostModel.BOOSTER_FILE);
    assertThat(Files.readString(file)).startsWith("{");
    Booster plain = XGBoost.loadModel(file.toString());

    List<Row> rows = xor.limit(50).collectAsList();
    int dim = 3;
    double[] x = new double[rows.size() * dim];
    float[] f = new float[x.length];
    for (int i = 0; i < rows.size(); i++) {
      double[] v = ((Vector) rows.get(i).get(0)).toArray();
      for (int j = 0; j < dim; j++) {
        x[i * dim + j] = v[j];
        f[i * dim + j] = (float) v[j];
      }
    }
    float[][] expected = plain.predict(new DMatrix(f, rows.size(), dim, Float.NaN));
    Scores s = back.newScores(rows.size());
    back.score(x, rows.size(), s);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(s.doubles(1)[i]).isEqualTo((double) expected[i][0]);
      assertThat(s.ints(0)[i]).isEqualTo(expected[i][0] >= 0.5f ? 1 : 0);
    }
    // transform (Spark, through the Model contract) gives the same scores as the file.
    List<Row> scored =
        SparkScoring.transform(back, spark.createDataFrame(rows, xor.schema()), "features")
            .collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      Row r = scored.get(i);
      assertThat(r.getDouble(r.fieldIndex(Output.SCORE))).isEqualTo((double) expected[i][0]);
    }
  }

  @Test
  void earlyStoppingEndsTrainingWhenTheValidationMetricStopsImproving() {
    // Labels with 30% noise: deep trees soon fit the noise, and validation logloss turns up.
    Random r = new Random(5);
    Target noisy = (x0, x1) -> (x0 * x1 > 0) != (r.nextDouble() < 0.3) ? 1.0 : 0.0;
    Dataset<Row> train = synthetic(800, 6, noisy);
    Dataset<Row> validation = synthetic(400, 7, noisy);
    XgboostTrainer t =
        trainer(
            "objective",
            "binary:logistic",
            "num_round",
            "300",
            "max_depth",
            "8",
            "eta",
            "0.5",
            "eval_metric",
            "logloss",
            "early_stopping_rounds",
            "5");
    TrainingRun run =
        t.fit(
            io.lakeforge.algorithms.api.TrainingInput.of(train, "features", "label")
                .withValidation(validation));
    int rounds = run.costHistory().size();
    assertThat(rounds).as("stopped early").isLessThan(300);
    assertThat(run.phaseSeconds().get("rounds")).isEqualTo((double) rounds);
    assertThat(run.phaseSeconds().get("best_iteration"))
        .as("the best round is the last that improved, 5 rounds before the stop")
        .isEqualTo(rounds - 6.0);
    assertThat(((XgboostModel) run.model()).section().numRound()).isEqualTo(rounds);
  }

  @Test
  void earlyStoppingWithoutAValidationSplitIsRefused() {
    assertThatThrownBy(
            () ->
                trainer("num_round", "5", "early_stopping_rounds", "2")
                    .fit(xor, "features", "label"))
        .hasMessageContaining("early_stopping_rounds");
  }

  @Test
  void refusesInvalidCombinationsNamingTheParameter() {
    assertThatThrownBy(() -> XgboostOptions.parse(hp("objective", "binary:logistic")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("num_round is required");
    assertThatThrownBy(() -> XgboostOptions.parse(hp("num_round", "0")))
        .hasMessageContaining("num_round=0");
    assertThatThrownBy(
            () -> XgboostOptions.parse(hp("num_round", "5", "objective", "multi:softmax")))
        .hasMessageContaining("num_class is required");
    assertThatThrownBy(
            () ->
                XgboostOptions.parse(
                    hp("num_round", "5", "objective", "multi:softprob", "num_class", "1")))
        .hasMessageContaining("num_class=1");
    assertThatThrownBy(
            () ->
                XgboostOptions.parse(
                    hp("num_round", "5", "objective", "binary:logistic", "num_class", "3")))
        .hasMessageContaining("num_class is only valid");
    for (String p : List.of("eta", "subsample")) {
      for (String v : List.of("0", "1.5", "-1")) {
        assertThatThrownBy(() -> XgboostOptions.parse(hp("num_round", "5", p, v)))
            .isInstanceOf(InvalidOptionException.class)
            .hasMessageContaining(p + "=");
      }
    }
    assertThatThrownBy(() -> XgboostOptions.parse(hp("num_round", "5", "tree_method", "exact")))
        .hasMessageContaining("tree_method=exact");
    XgboostOptions o = XgboostOptions.parse(hp("num_round", "5", "tree_method", "auto"));
    assertThat(o.resolved())
        .containsEntry("tree_method", "hist")
        .containsEntry("eta", 0.3)
        .containsEntry("max_depth", 6)
        .containsEntry("max_bin", 256)
        .containsEntry("objective", "reg:squarederror");
  }
}
