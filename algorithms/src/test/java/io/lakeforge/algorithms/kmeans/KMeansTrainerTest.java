package io.lakeforge.algorithms.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.linalg.DimensionMismatchException;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.testing.Blobs;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KMeansTrainerTest {
  private static SparkSession spark;
  private static Dataset<Row> blobs;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    blobs = Blobs.make(spark, 3000, 20, 5, 6.0, 3, 17).cache();
    blobs.count();
  }

  private static TrainingRun fit(String... hp) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < hp.length; i += 2) {
      m.put(hp[i], hp[i + 1]);
    }
    return new KMeansTrainer(KMeansOptions.parse(m)).fit(blobs, "features", null);
  }

  private static double nmi(TrainingRun run) {
    KMeansTrainer t = new KMeansTrainer(KMeansOptions.parse(Map.of("k", "5")));
    return t.evaluate(run.model(), blobs, "features", "label").get("nmi");
  }

  @ParameterizedTest
  @ValueSource(strings = {"webscale", "lloyd"})
  void recoversWellSeparatedClusters(String mode) {
    TrainingRun run = fit("k", "5", "mode", mode, "mini_batch_size", "200", "seed", "3");
    assertThat(nmi(run)).isGreaterThan(0.95);
    assertThat(((KMeansModel) run.model()).k()).isEqualTo(5);
    assertThat(run.phaseSeconds()).containsKeys("cache_seconds", "total_seconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"webscale", "lloyd"})
  void sameSeedDataAndPartitioningGiveIdenticalCenters(String mode) {
    double[] a =
        ((KMeansModel) fit("k", "5", "mode", mode, "mini_batch_size", "300", "seed", "9").model())
            .centers()
            .values;
    double[] b =
        ((KMeansModel) fit("k", "5", "mode", mode, "mini_batch_size", "300", "seed", "9").model())
            .centers()
            .values;
    assertThat(a).containsExactly(b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "kmeans++", "kmeans||"})
  void everyLloydInitializationConverges(String init) {
    TrainingRun run =
        fit("k", "5", "mode", "lloyd", "init_method", init, "seed", "4", "max_iter", "30");
    assertThat(run.costHistory()).isNotEmpty();
    // Lloyd never increases the cost.
    for (int i = 1; i < run.costHistory().size(); i++) {
      assertThat(run.costHistory().get(i))
          .isLessThanOrEqualTo(run.costHistory().get(i - 1) * (1 + 1e-12));
    }
  }

  @Test
  void lloydCostMatchesSparkMllibOnTheSameData() {
    TrainingRun ours = fit("k", "5", "mode", "lloyd", "max_iter", "20", "seed", "1");
    org.apache.spark.ml.clustering.KMeansModel mllib =
        new org.apache.spark.ml.clustering.KMeans()
            .setK(5)
            .setMaxIter(20)
            .setSeed(1)
            .setFeaturesCol("features")
            .fit(blobs);
    double theirs = mllib.summary().trainingCost();
    double cost = ours.costHistory().get(ours.costHistory().size() - 1);
    assertThat(cost).isLessThanOrEqualTo(theirs * 1.01);
  }

  @Test
  void kLargerThanTheRowCountIsRejected() {
    assertThatThrownBy(() -> fit("k", "5000"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k=5000 is larger than the number of training rows (3000)");
  }

  @Test
  void declaredFeatureDimMustMatchTheData() {
    assertThatThrownBy(() -> fit("k", "3", "feature_dim", "784"))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("dimension 20 but 784 was expected");
  }

  @Test
  void modelRoundTripsThroughParquetAndScoresEveryRow(@TempDir Path dir) {
    KMeansModel model = (KMeansModel) fit("k", "5", "mode", "lloyd", "seed", "2").model();
    String out = dir.resolve("m").toString();
    KMeansModel back = (KMeansModel) ModelFolders.roundTrip(model, out);
    assertThat(back.centers().values).containsExactly(model.centers().values);
    Dataset<Row> scored = SparkScoring.transform(back, blobs, "features");
    assertThat(scored.columns()).contains("id", "label", "cluster", "distance");
    assertThat(scored.where("cluster < 0 OR cluster >= 5 OR distance < 0").count()).isZero();
    assertThat(scored.count()).isEqualTo(3000);
    // Plain Parquet: readable without Lakeforge, no Java serialization.
    assertThat(spark.read().parquet(out + "/centers.parquet").columns())
        .containsExactly("cluster", "center");
  }

  @Test
  void scoringRejectsVectorsOfAnotherDimension() {
    KMeansModel model = (KMeansModel) fit("k", "2", "mode", "lloyd").model();
    Dataset<Row> other = Blobs.make(spark, 10, 3, 2, 1.0, 1, 1);
    assertThatThrownBy(() -> SparkScoring.transform(model, other, "features").count())
        .hasStackTraceContaining("dimension 3 but 20 was expected");
  }

  @Test
  void decayAndExtraCentersStillRecoverTheClusters() {
    TrainingRun run =
        fit(
            "k",
            "5",
            "mini_batch_size",
            "100",
            "epochs",
            "3",
            "half_life_time_size",
            "500",
            "extra_center_factor",
            "4",
            "init_method",
            "kmeans++");
    assertThat(run.costHistory()).hasSize(4);
    assertThat(nmi(run)).isGreaterThan(0.95);
  }
}
