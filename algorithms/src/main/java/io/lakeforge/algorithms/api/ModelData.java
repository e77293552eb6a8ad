package io.lakeforge.algorithms.api;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads and writes a model's Parquet data: small tables of {@code array<double>} rows (centers,
 * weights, components, index rows) that any Spark or Python user can open.
 */
public final class ModelData {
  private ModelData() {}

  /** Writes {@code rows} as one Parquet folder; an existing folder is an error, never replaced. */
  public static void write(SparkSession spark, List<Row> rows, StructType schema, String path) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("errorifexists").parquet(path);
  }

  /** Reads {@code path} with {@code schema}, ordered by {@code orderBy}. */
  public static List<Row> read(SparkSession spark, String path, StructType schema,
      String orderBy) {
    return spark.read().schema(schema).parquet(path).orderBy(orderBy).collectAsList();
  }

  /** The {@code array<double>} column {@code col} of every row, concatenated row-major. */
  public static double[] rowMajor(List<Row> rows, int col) {
    if (rows.isEmpty()) {
      return new double[0];
    }
    int width = rows.get(0).getList(col).size();
    double[] out = new double[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      List<Double> v = rows.get(i).getList(col);
      if (v.size() != width) {
        throw new IllegalStateException("row " + i + " has " + v.size() + " values; expected "
            + width);
      }
      for (int j = 0; j < width; j++) {
        out[i * width + j] = v.get(j);
      }
    }
    return out;
  }
}
