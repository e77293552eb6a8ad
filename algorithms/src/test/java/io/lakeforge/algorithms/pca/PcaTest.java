package io.lakeforge.algorithms.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Output;
import io.lakeforge.models.pca.PcaModel;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PcaTest {
  private static final int DIM = 40;
  private static SparkSession spark;
  private static Dataset<Row> data;

  /** Correlated rows with a decaying spectrum and a mean far from zero. */
  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    Random r = new Random(11);
    double[][] mix = new double[DIM][DIM];
    for (double[] row : mix) {
      for (int j = 0; j < DIM; j++) {
        row[j] = r.nextGaussian();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double[] x = new double[DIM];
      for (int s = 0; s < DIM; s++) {
        double latent = r.nextGaussian() * Math.pow(0.75, s) * 10;
        for (int j = 0; j < DIM; j++) {
          x[j] += latent * mix[s][j];
        }
      }
      for (int j = 0; j < DIM; j++) {
        x[j] += 5.0 + j;
      }
      rows.add(RowFactory.create(Vectors.dense(x)));
    }
    data =
        spark
            .createDataFrame(rows, new StructType().add("features", SQLDataTypes.VectorType()))
            .repartition(2)
            .cache();
    data.count();
  }

  private static PcaTrainer trainer(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new PcaTrainer(PcaOptions.parse(m));
  }

  @Test
  void defaultsFollowSageMaker() {
    PcaOptions o = PcaOptions.parse(Map.of("num_components", "5"));
    assertThat(o.randomized()).isFalse();
    assertThat(o.subtractMean()).isTrue();
    assertThat(o.sketchColumns(784)).isEqualTo(15);
    assertThat(PcaOptions.parse(Map.of("num_components", "50")).sketchColumns(784)).isEqualTo(100);
    assertThat(
            PcaOptions.parse(Map.of("num_components", "50", "extra_components", "4"))
                .sketchColumns(784))
        .isEqualTo(54);
    assertThat(o.sketchColumns(8)).isEqualTo(8);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "algorithm_mode=regular|num_components is required",
        "num_components=0|num_components=0 is invalid",
        "num_components=3,algorithm_mode=fast|algorithm_mode=fast is invalid",
        "num_components=3,extra_components=-2|extra_components=-2 is invalid",
        "num_components=3,subtract_mean=yes|subtract_mean=yes is invalid",
        "num_components=30,feature_dim=20|num_components=30 is larger than feature_dim=20",
        "num_components=3,whiten=true|unknown hyperparameter 'whiten' for pca"
      })
  void invalidHyperparametersAreRejectedWithTheReason(String text, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : text.split(",")) {
      m.put(kv.split("=")[0], kv.split("=")[1]);
    }
    assertThatThrownBy(() -> PcaOptions.parse(m))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"regular", "randomized"})
  void componentsMatchSparkMllibPcaUpToSign(String mode) {
    int k = 5;
    PcaModel ours =
        (PcaModel)
            trainer("num_components", String.valueOf(k), "algorithm_mode", mode)
                .fit(data, "features", null)
                .model();
    PCAModel mllib = new PCA().setK(k).setInputCol("features").setOutputCol("p").fit(data);
    double[] ratio = ours.explainedVarianceRatio();
    for (int i = 0; i < k; i++) {
      double[] c = ours.component(i);
      double dot = 0;
      for (int j = 0; j < DIM; j++) {
        dot += c[j] * mllib.pc().apply(j, i);
      }
      assertThat(Math.abs(dot)).as("|cos| of component %d", i).isGreaterThan(0.999);
      assertThat(ratio[i])
          .isCloseTo(mllib.explainedVariance().apply(i), org.assertj.core.data.Offset.offset(1e-3));
    }
    assertThat(ours.trainingMetrics())
        .containsKeys(
            "explained_variance_ratio_1",
            "explained_variance_ratio_5",
            "explained_variance_ratio_total");
  }

  @Test
  void randomizedModeWithTheSameSeedGivesTheSameComponents() {
    String[] hp = {"num_components", "4", "algorithm_mode", "randomized", "seed", "3"};
    PcaModel a = (PcaModel) trainer(hp).fit(data, "features", null).model();
    PcaModel b = (PcaModel) trainer(hp).fit(data, "features", null).model();
    for (int i = 0; i < 4; i++) {
      assertThat(b.component(i)).isEqualTo(a.component(i));
    }
  }

  @Test
  void projectionCentersOnTheMeanUnlessSubtractMeanIsFalse() {
    PcaModel centered =
        (PcaModel) trainer("num_components", "3").fit(data, "features", null).model();
    double sum = 0;
    for (Row r :
        SparkScoring.transform(centered, data, "features")
            .select(Output.PROJECTION)
            .collectAsList()) {
      sum += ((Vector) r.get(0)).apply(0);
    }
    assertThat(Math.abs(sum / 3000)).isLessThan(1e-6);
    PcaModel raw =
        (PcaModel)
            trainer("num_components", "3", "subtract_mean", "false")
                .fit(data, "features", null)
                .model();
    assertThat(raw.mean()).containsOnly(0.0);
  }

  @Test
  void validationMetricsMeasureReconstruction() {
    PcaTrainer t = trainer("num_components", String.valueOf(DIM));
    PcaModel all = (PcaModel) t.fit(data, "features", null).model();
    Map<String, Double> m = t.evaluate(all, data, "features", null);
    // Every component kept: nothing is lost.
    assertThat(m.get("validation_explained_variance_ratio"))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.get("validation_reconstruction_mse")).isLessThan(1e-6);
    assertThatThrownBy(() -> trainer("num_components", "41").fit(data, "features", null))
        .hasMessageContaining("num_components=41 is larger than the feature dimension (40)");
  }

  @Test
  void writtenComponentsReadBackAndProjectTheSame(@TempDir Path dir) {
    PcaTrainer t = trainer("num_components", "3");
    PcaModel model = (PcaModel) t.fit(data, "features", null).model();
    PcaModel back = (PcaModel) ModelFolders.roundTrip(model, dir.resolve("m").toString());
    assertThat(back.component(2)).isEqualTo(model.component(2));
    assertThat(back.mean()).isEqualTo(model.mean());
    assertThat(
            SparkScoring.transform(back, data, "features")
                .select(Output.PROJECTION)
                .collectAsList())
        .isEqualTo(
            SparkScoring.transform(model, data, "features")
                .select(Output.PROJECTION)
                .collectAsList());
  }
}
