package io.lakeforge.algorithms.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Output;
import io.lakeforge.models.linear.LinearModel;
import io.lakeforge.testing.Blobs;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Path;
import java.util.ArrayList;
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

class LinearLearnerTest {
  private static SparkSession spark;
  private static Dataset<Row> blobs;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    blobs = Blobs.make(spark, 2000, 10, 4, 3.0, 2, 5).cache();
    blobs.count();
  }

  static Map<String, String> hp(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static LinearLearnerTrainer trainer(String... kv) {
    return new LinearLearnerTrainer(LinearLearnerOptions.parse(hp(kv)));
  }

  @Test
  void defaultsFollowSageMaker() {
    LinearLearnerOptions o = LinearLearnerOptions.parse(hp("predictor_type", "binary_classifier"));
    assertThat(o.epochs()).isEqualTo(15);
    assertThat(o.miniBatchSize()).isEqualTo(1000);
    assertThat(o.loss()).isEqualTo("logistic");
    assertThat(o.optimizer()).isEqualTo("adam");
    assertThat(o.learningRate()).isEqualTo(0.01);
    assertThat(o.l1()).isZero();
    assertThat(o.wd()).isZero();
    assertThat(o.normalizeData()).isTrue();
    assertThat(o.normalizeLabel()).isFalse();
    assertThat(o.earlyStoppingPatience()).isEqualTo(3);
    assertThat(o.numClasses()).isEqualTo(2);
    assertThat(o.requested()).containsEntry("learning_rate", "auto").containsEntry("wd", "auto");
    LinearLearnerOptions r = LinearLearnerOptions.parse(hp("predictor_type", "regressor"));
    assertThat(r.loss()).isEqualTo("squared_loss");
    assertThat(r.normalizeLabel()).isTrue();
    assertThat(
            LinearLearnerOptions.parse(
                    hp("predictor_type", "multiclass_classifier", "num_classes", "10"))
                .loss())
        .isEqualTo("softmax_loss");
    assertThat(r.learningRate(1)).isEqualTo(0.01);
    assertThat(r.learningRate(101)).isCloseTo(0.009, org.assertj.core.data.Offset.offset(1e-12));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "epochs=15|predictor_type is required",
        "predictor_type=ranker|predictor_type=ranker is invalid",
        "predictor_type=multiclass_classifier|num_classes is required",
        "predictor_type=multiclass_classifier,num_classes=2|num_classes=2 is invalid",
        "predictor_type=binary_classifier,num_classes=3|only valid with predictor_type=multiclass",
        "predictor_type=regressor,loss=softmax_loss|does not fit predictor_type=regressor",
        "predictor_type=regressor,learning_rate=0|learning_rate=0 is invalid",
        "predictor_type=regressor,learning_rate=fast|learning_rate=fast is invalid",
        "predictor_type=regressor,epochs=0|epochs=0 is invalid",
        "predictor_type=regressor,mini_batch_size=0|mini_batch_size=0 is invalid",
        "predictor_type=regressor,normalize_data=maybe|expected true | false",
        "predictor_type=binary_classifier,normalize_label=true|normalize_label=true is only valid",
        "predictor_type=regressor,wd=-1|wd=-1 is invalid",
        "predictor_type=regressor,momentum=0.9|unknown hyperparameter 'momentum' for linear-learner"
      })
  void invalidHyperparametersAreRejectedWithTheReason(String text, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : text.split(",")) {
      m.put(kv.split("=")[0], kv.split("=")[1]);
    }
    assertThatThrownBy(() -> LinearLearnerOptions.parse(m))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(message);
  }

  @Test
  void multiclassSeparatesBlobs() {
    LinearLearnerTrainer t =
        trainer(
            "predictor_type",
            "multiclass_classifier",
            "num_classes",
            "4",
            "mini_batch_size",
            "100",
            "epochs",
            "5");
    TrainingRun run = t.fit(blobs, "features", "label");
    Map<String, Double> m = t.evaluate(run.model(), blobs, "features", "label");
    assertThat(m.get("accuracy")).isGreaterThan(0.97);
    assertThat(m.get("macro_f1")).isGreaterThan(0.97);
    assertThat(run.costHistory()).hasSizeBetween(1, 5);
    assertThat(run.costHistory().get(run.costHistory().size() - 1))
        .isLessThan(run.costHistory().get(0));
  }

  @Test
  void binaryClassifierReportsRocAuc() {
    Dataset<Row> two = blobs.where("label < 2");
    LinearLearnerTrainer t =
        trainer("predictor_type", "binary_classifier", "mini_batch_size", "100", "epochs", "5");
    TrainingRun run = t.fit(two, "features", "label");
    Map<String, Double> m = t.evaluate(run.model(), two, "features", "label");
    assertThat(m.get("accuracy")).isGreaterThan(0.95);
    assertThat(m.get("roc_auc")).isGreaterThan(0.98);
    Row scored = SparkScoring.transform(run.model(), two, "features").select(Output.SCORE).first();
    assertThat(scored.getDouble(0)).isBetween(0.0, 1.0);
  }

  @Test
  void regressorLearnsALinearFunctionInRawFeatureUnits() {
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double a = r.nextGaussian() * 10 + 50;
      double b = r.nextGaussian() * 0.1;
      rows.add(
          RowFactory.create(Vectors.dense(a, b), 3 * a - 20 * b + 5 + r.nextGaussian() * 0.01));
    }
    Dataset<Row> df =
        spark
            .createDataFrame(
                rows,
                new StructType()
                    .add("features", SQLDataTypes.VectorType())
                    .add("label", DataTypes.DoubleType))
            .repartition(2);
    LinearLearnerTrainer t =
        trainer("predictor_type", "regressor", "mini_batch_size", "50", "epochs", "10");
    TrainingRun run = t.fit(df, "features", "label");
    LinearModel model = (LinearModel) run.model();
    // Trained on standardized features and label; the stored weights must be in raw units.
    assertThat(model.weights()[0]).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(model.weights()[1]).isCloseTo(-20.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(model.bias()[0]).isCloseTo(5.0, org.assertj.core.data.Offset.offset(2.0));
    Map<String, Double> m = t.evaluate(model, df, "features", "label");
    assertThat(m.get("r2")).isGreaterThan(0.999);
    assertThat(m).containsKeys("rmse", "mae");
  }

  @Test
  void sameSeedAndPartitioningGiveIdenticalWeights() {
    String[] hp = {
      "predictor_type",
      "multiclass_classifier",
      "num_classes",
      "4",
      "mini_batch_size",
      "100",
      "epochs",
      "2",
      "seed",
      "7"
    };
    double[] a = ((LinearModel) trainer(hp).fit(blobs, "features", "label").model()).weights();
    double[] b = ((LinearModel) trainer(hp).fit(blobs, "features", "label").model()).weights();
    assertThat(b).isEqualTo(a);
    hp[hp.length - 1] = "8";
    double[] c = ((LinearModel) trainer(hp).fit(blobs, "features", "label").model()).weights();
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void labelsThatDoNotFitThePredictorTypeAreRejected() {
    assertThatThrownBy(
            () -> trainer("predictor_type", "binary_classifier").fit(blobs, "features", "label"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(
            "label 2 is not valid for predictor_type=binary_classifier: "
                + "expected 0 or 1 (1000 of 2000 training rows");
    assertThatThrownBy(() -> trainer("predictor_type", "regressor").fit(blobs, "features", null))
        .hasMessageContaining("linear-learner is supervised");
  }

  @Test
  void writtenWeightsReadBackAndScoreTheSame(@TempDir Path dir) {
    LinearLearnerTrainer t =
        trainer("predictor_type", "multiclass_classifier", "num_classes", "4", "epochs", "1");
    LinearModel model = (LinearModel) t.fit(blobs, "features", "label").model();
    LinearModel back = (LinearModel) ModelFolders.roundTrip(model, dir.resolve("m").toString());
    assertThat(back.weights()).isEqualTo(model.weights());
    assertThat(back.bias()).isEqualTo(model.bias());
    assertThat(
            SparkScoring.transform(back, blobs, "features")
                .select(Output.PREDICTED_LABEL, Output.SCORE)
                .collectAsList())
        .isEqualTo(
            SparkScoring.transform(model, blobs, "features")
                .select(Output.PREDICTED_LABEL, Output.SCORE)
                .collectAsList());
  }
}
