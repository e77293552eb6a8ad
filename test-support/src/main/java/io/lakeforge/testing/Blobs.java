package io.lakeforge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Seeded Gaussian blobs with known labels: data whose right clustering is known. */
public final class Blobs {
  private Blobs() {}

  /** {@code n} rows of {@code dim} dimensions around {@code k} centers spaced {@code spread}. */
  public static Dataset<Row> make(
      SparkSession spark, int n, int dim, int k, double spread, int partitions, long seed) {
    Random r = new Random(seed);
    double[][] centers = new double[k][dim];
    for (double[] c : centers) {
      for (int j = 0; j < dim; j++) {
        c[j] = r.nextGaussian() * spread;
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % k;
      double[] x = new double[dim];
      for (int j = 0; j < dim; j++) {
        x[j] = centers[label][j] + r.nextGaussian();
      }
      rows.add(RowFactory.create((long) i, Vectors.dense(x), label));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.IntegerType);
    return spark
        .createDataFrame(rows, schema)
        .repartition(partitions, org.apache.spark.sql.functions.col("id"))
        .sortWithinPartitions("id");
  }
}
