package io.lakeforge.algorithms.api;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A model a trainer produced. It scores a DataFrame with a vector column and writes its parameters
 * as Parquet into an artifact folder (the caller writes {@code model.json} from
 * {@link #describe()} and its own metadata). Never Java serialization.
 */
public interface TrainedModel {
  String algorithm();

  int featureDim();

  /** What the predictions are: decides the output columns, the metrics and the report. */
  ModelKind kind();

  /**
   * Metrics the model carries from training itself (e.g. explained variance), recorded with the
   * validation metrics.
   */
  default Map<String, Double> trainingMetrics() {
    return Map.of();
  }

  /** Model-specific fields for {@code model.json}: plain JSON values only. */
  Map<String, Object> describe();

  /** Writes the model's data (e.g. centers) as Parquet under {@code dir}. */
  void writeData(SparkSession spark, String dir);

  /**
   * Adds this model's prediction columns to {@code input}, reading vectors from {@code featuresCol}.
   * Fails with a user-facing error if a vector's dimension differs from {@link #featureDim()}.
   */
  Dataset<Row> transform(Dataset<Row> input, String featuresCol);
}
