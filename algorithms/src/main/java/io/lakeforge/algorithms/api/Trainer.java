package io.lakeforge.algorithms.api;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The contract every built-in algorithm implements: configured with validated hyperparameters when
 * created, it trains on a DataFrame with a vector column, evaluates a model on held-out rows, and
 * reads back a model it wrote.
 */
public interface Trainer {
  String algorithm();

  /** Every hyperparameter with defaults filled in, as recorded in the artifact and registry. */
  Map<String, Object> hyperparameters();

  long seed();

  /**
   * Trains on {@code train}; {@code labelCol} is null when the data has no labels, which supervised
   * trainers reject with a user-facing error.
   */
  TrainingRun fit(Dataset<Row> train, String featuresCol, String labelCol);

  /** Metrics on held-out rows; {@code labelCol} may be null when there are no labels. */
  Map<String, Double> evaluate(TrainedModel model, Dataset<Row> rows, String featuresCol,
      String labelCol);

  TrainedModel read(SparkSession spark, String dir);
}
