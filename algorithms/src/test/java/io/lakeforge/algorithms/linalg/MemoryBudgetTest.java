package io.lakeforge.algorithms.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Sizes that come from hyperparameters or from the data are checked before anything is allocated.
 * The rows are empty sparse vectors of a huge dimension: tiny to hold, enormous to train on.
 */
class MemoryBudgetTest {
  static Dataset<Row> wide;

  @BeforeAll
  static void setUp() {
    SparkSession spark = LocalSpark.get();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create(Vectors.sparse(10_000_000, new int[0], new double[0]), i % 3));
    }
    wide =
        spark.createDataFrame(
            rows,
            new StructType()
                .add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.IntegerType));
  }

  private static void refused(String algorithm, Map<String, String> hp, String... message) {
    assertThatThrownBy(() -> Algorithms.get(algorithm).trainer(hp).fit(wide, "features", "label"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("more than the driver's heap of")
        .hasMessageContaining(message[0])
        .hasMessageContaining(message[1]);
  }

  @Test
  void aKnnIndexThatWouldNotFitTheDriverIsRefusedWithTheFigure() {
    refused(
        "knn",
        Map.of("k", "3", "predictor_type", "classifier"),
        "a k-NN index of 200 rows × 10000000 features needs about 44.7 GiB",
        "sample_size");
  }

  @Test
  void aLinearModelTooLargeForMemoryIsRefused() {
    refused(
        "linear-learner",
        Map.of("predictor_type", "multiclass_classifier", "num_classes", "1000"),
        "a linear model of 1000 outputs × 10000000 features",
        "num_classes");
  }

  @Test
  void regularPcaOfTooManyFeaturesPointsToTheRandomizedMode() {
    refused(
        "pca",
        Map.of("num_components", "3"),
        "PCA (regular) of 10000000 features",
        "algorithm_mode=randomized");
  }

  @Test
  void kmeansCentersTooLargeForMemoryAreRefused() {
    refused("kmeans", Map.of("k", "10"), "100 centers × 10000000 features", "extra_center_factor");
  }

  @Test
  void sizesSaturateInsteadOfOverflowing() {
    assertThat(MemoryBudget.doubles(Integer.MAX_VALUE, Integer.MAX_VALUE, 10))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(MemoryBudget.human(3L << 30)).isEqualTo("3.0 GiB");
  }
}
