package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeforge.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StableMomentsTest {
  static SparkSession spark;
  static Dataset<Row> rows;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    Random r = new Random(3);
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // Far from zero with a small spread: where summation order shows in the last bits.
      data.add(
          RowFactory.create(
              Integer.toHexString(i * 7919),
              List.of(1e6 + r.nextGaussian(), r.nextDouble() * 1e-3, (double) (i % 5))));
    }
    StructType schema =
        new StructType()
            .add("h", DataTypes.StringType)
            .add("v", DataTypes.createArrayType(DataTypes.DoubleType));
    rows = spark.createDataFrame(data, schema);
  }

  @Test
  void theMomentsDoNotDependOnHowTheRowsArePartitionedOrOrdered() {
    StableMoments.Moments one = StableMoments.of(rows.coalesce(1), col("h"), col("v"));
    StableMoments.Moments shuffled =
        StableMoments.of(
            rows.repartition(7).orderBy(col("h").desc()).repartition(3), col("h"), col("v"));
    assertThat(shuffled.count()).isEqualTo(3000);
    assertThat(shuffled.mean()).containsExactly(one.mean());
    assertThat(shuffled.std()).containsExactly(one.std());
  }

  @Test
  void theMomentsAgreeWithSparkMllibsSummarizer() {
    StableMoments.Moments m = StableMoments.of(rows, col("h"), col("v"));
    Row s =
        rows.select(org.apache.spark.ml.functions.array_to_vector(col("v")).as("x"))
            .select(Summarizer.metrics("mean", "std").summary(col("x")).as("s"))
            .select("s.mean", "s.std")
            .first();
    double[] mean = ((Vector) s.get(0)).toArray();
    double[] std = ((Vector) s.get(1)).toArray();
    for (int j = 0; j < 3; j++) {
      assertThat(m.mean()[j]).isCloseTo(mean[j], within(1e-9 * Math.max(1, Math.abs(mean[j]))));
      assertThat(m.std()[j]).isCloseTo(std[j], within(1e-9 * Math.max(1, std[j])));
    }
  }
}
