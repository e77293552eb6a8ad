package io.lakeforge.algorithms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusteringEvaluatorTest {
  static SparkSession spark;

  static final StructType SCHEMA =
      new StructType()
          .add("cluster", DataTypes.IntegerType)
          .add("distance", DataTypes.DoubleType)
          .add("label", DataTypes.DoubleType);

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
  }

  static Dataset<Row> scored(List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA).repartition(3);
  }

  @Test
  void onePassGivesTheDistancesAndTheContingencyMetricsOfTheRows() {
    Random r = new Random(7);
    int k = 4;
    List<Row> rows = new ArrayList<>();
    long[][] table = new long[k][3];
    double ssd = 0;
    for (int i = 0; i < 500; i++) {
      int cluster = r.nextInt(k);
      int label = r.nextDouble() < 0.8 ? cluster % 3 : r.nextInt(3);
      double d = r.nextDouble() * 2;
      rows.add(RowFactory.create(cluster, d, (double) label));
      table[cluster][label]++;
      ssd += d * d;
    }
    Map<String, Double> m =
        ClusteringEvaluator.evaluate(scored(rows), "cluster", "distance", "label", k);
    assertThat(m.get("rows")).isEqualTo(500.0);
    assertThat(m.get("ssd")).isCloseTo(ssd, within(1e-9));
    assertThat(m.get("msd")).isCloseTo(ssd / 500, within(1e-12));
    ClusteringMetrics expected = ClusteringMetrics.fromContingency(table);
    assertThat(m.get("purity")).isEqualTo(expected.purity());
    assertThat(m).containsAllEntriesOf(expected.asMap());
  }

  @Test
  void invalidValidationLabelsAreNamedAndCountedBeforeAnyTableIsSized() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create(i % 2, 1.0, (double) (i % 3)));
    }
    rows.add(RowFactory.create(0, 1.0, 2.5));
    rows.add(RowFactory.create(1, 1.0, -3.0));
    rows.add(RowFactory.create(1, 1.0, 2.0e9));
    rows.add(RowFactory.create(0, 1.0, null));
    assertThatThrownBy(
            () -> ClusteringEvaluator.evaluate(scored(rows), "cluster", "distance", "label", 2))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("label -3 in the validation split is not valid")
        .hasMessageContaining("(4 of 10 validation rows have such labels)");
    List<Row> big = new ArrayList<>(rows.subList(0, 6));
    big.add(RowFactory.create(1, 1.0, 2.0e9));
    assertThatThrownBy(
            () -> ClusteringEvaluator.evaluate(scored(big), "cluster", "distance", "label", 2))
        .hasMessageContaining("label 2000000000 in the validation split")
        .hasMessageContaining("(1 of 7 validation rows");
  }
}
