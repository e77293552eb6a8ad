package io.lakeforge.algorithms.rcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.Scores;
import io.lakeforge.models.rcf.CutTree;
import io.lakeforge.models.rcf.RandomCutForestModel;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Path;
import java.util.ArrayList;
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

class RandomCutForestTest {
  private static final int DIM = 8;
  private static final int NORMAL = 4000;
  private static final int OUTLIERS = 40;

  private static SparkSession spark;

  /** Gaussian rows labelled 0 and planted outliers labelled 1, shuffled over two partitions. */
  private static Dataset<Row> data;

  @TempDir static Path tmp;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < NORMAL + OUTLIERS; i++) {
      boolean outlier = i >= NORMAL;
      double[] x = new double[DIM];
      for (int j = 0; j < DIM; j++) {
        x[j] = r.nextGaussian();
      }
      if (outlier) {
        // Off the bulk in a random direction, 4 to 6 standard deviations out in norm.
        double norm = 0;
        for (double v : x) {
          norm += v * v;
        }
        double scale = (4 + 2 * r.nextDouble()) * Math.sqrt(DIM) / Math.sqrt(norm);
        for (int j = 0; j < DIM; j++) {
          x[j] *= scale;
        }
      }
      rows.add(RowFactory.create(i, Vectors.dense(x), outlier ? 1.0 : 0.0));
    }
    java.util.Collections.shuffle(rows, new Random(5));
    data =
        spark
            .createDataFrame(
                rows,
                new StructType()
                    .add("id", DataTypes.IntegerType)
                    .add("features", SQLDataTypes.VectorType())
                    .add("label", DataTypes.DoubleType))
            .repartition(2)
            .cache();
    data.count();
  }

  private static RandomCutForestTrainer trainer(Map<String, String> hp) {
    return new RandomCutForestTrainer(RandomCutForestOptions.parse(hp));
  }

  private static RandomCutForestModel fit(Dataset<Row> df, Map<String, String> hp) {
    return (RandomCutForestModel) trainer(hp).fit(df, "features", null).model();
  }

  @Test
  void plantedOutliersGetTheTopScores() {
    RandomCutForestTrainer t = trainer(Map.of("num_trees", "50", "seed", "7"));
    RandomCutForestModel m = (RandomCutForestModel) t.fit(data, "features", null).model();
    assertThat(m.trees()).hasSize(50);
    Map<String, Double> metrics = t.evaluate(m, data, "features", "label");
    assertThat(metrics.get("roc_auc")).isGreaterThanOrEqualTo(0.95);
    assertThat(metrics).containsKeys("accuracy", "precision", "recall", "f1");
    // Mean + 3 standard deviations of the training scores flags few normal rows.
    assertThat(metrics.get("validation_anomaly_rate")).isLessThan(0.05);
    assertThat(metrics.get("precision")).isGreaterThan(0.5);
    assertThat(m.trainingMetrics().get("train_score_mean")).isBetween(0.5, 2.0);
  }

  @Test
  void theSameSeedAndPartitionsGrowTheSameForestAndAnotherSeedAnother() {
    Map<String, String> hp = Map.of("num_trees", "50", "num_samples_per_tree", "64", "seed", "9");
    RandomCutForestModel a = fit(data, hp);
    RandomCutForestModel b = fit(data, hp);
    RandomCutForestModel c =
        fit(data, Map.of("num_trees", "50", "num_samples_per_tree", "64", "seed", "10"));
    for (int t = 0; t < a.trees().size(); t++) {
      CutTree x = a.trees().get(t);
      CutTree y = b.trees().get(t);
      assertThat(y.cutDim()).as("tree %d", t).containsExactly(x.cutDim());
      assertThat(y.cutValue()).as("tree %d", t).containsExactly(x.cutValue());
      assertThat(y.left()).containsExactly(x.left());
    }
    assertThat(b.threshold()).isEqualTo(a.threshold());
    assertThat(c.trees().get(0).cutValue()).isNotEqualTo(a.trees().get(0).cutValue());
  }

  @Test
  void aSampleLargerThanThePartitionTakesEveryRowOnce() {
    Dataset<Row> few = data.limit(30).repartition(2);
    RandomCutForestModel m =
        fit(few, Map.of("num_trees", "50", "num_samples_per_tree", "2048", "seed", "1"));
    long total = few.count();
    int grownOn = 0;
    for (int t = 0; t < 2; t++) {
      grownOn += m.trees().get(t).sampleSize();
    }
    // Trees 0 and 1 come from the two partitions: together they hold every row once.
    assertThat(grownOn).isEqualTo((int) total);
    for (CutTree tree : m.trees()) {
      assertThat(tree.nodes()).isEqualTo(2 * tree.sampleSize() - 1);
    }
  }

  @Test
  void theForestRoundTripsThroughItsFolderAndScoresTheSame() {
    RandomCutForestModel m = fit(data, Map.of("num_trees", "50", "seed", "4"));
    RandomCutForestModel back =
        (RandomCutForestModel) ModelFolders.roundTrip(m, tmp.resolve("rcf").toString());
    assertThat(back.trees()).hasSize(50);
    assertThat(back.threshold()).isEqualTo(m.threshold());
    double[] x = new double[3 * DIM];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 7) - 3.5;
    }
    Scores s1 = m.newScores(3);
    Scores s2 = back.newScores(3);
    m.score(x, 3, s1);
    back.score(x, 3, s2);
    assertThat(s2.doubles(0)).containsExactly(s1.doubles(0));
    assertThat(s2.ints(1)).containsExactly(s1.ints(1));
  }

  @Test
  void aForestFileWhoseTreeLoopsIsRefusedNamingTreeAndNode() {
    // Node 0 of tree 1 sends rows back to itself: scoring would never reach a leaf.
    CutTree good =
        new CutTree(
            new int[] {-1}, new double[] {0}, new int[] {-1}, new int[] {-1}, new int[] {1});
    CutTree loop =
        new CutTree(
            new int[] {0, -1, -1},
            new double[] {0.5, 0, 0},
            new int[] {0, -1, -1},
            new int[] {2, -1, -1},
            new int[] {2, 1, 1});
    RandomCutForestModel bad =
        new RandomCutForestModel(DIM, 2, List.of(good, loop), 1.0, 0.1, Double.NaN);
    String dir = tmp.resolve("looping").toString();
    ModelFolders.write(bad, dir);
    assertThatThrownBy(() -> ModelFolders.read(dir))
        .hasMessageContaining("tree 1 node 0")
        .hasMessageContaining("children after the node");
  }

  @Test
  void hyperparametersOutsideSageMakersRangesAreRefusedByName() {
    assertThatThrownBy(() -> RandomCutForestOptions.parse(Map.of("num_trees", "10")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("num_trees");
    assertThatThrownBy(() -> RandomCutForestOptions.parse(Map.of("num_samples_per_tree", "4096")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("num_samples_per_tree");
    assertThatThrownBy(() -> RandomCutForestOptions.parse(Map.of("eval_metrics", "auc")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("eval_metrics");
    assertThat(RandomCutForestOptions.parse(Map.of()).numTrees()).isEqualTo(100);
    assertThat(RandomCutForestOptions.parse(Map.of()).samplesPerTree()).isEqualTo(256);
  }
}
