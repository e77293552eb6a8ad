package io.lakeforge.algorithms.api;

import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains one built-in algorithm, configured with validated hyperparameters when created (see {@link
 * Algorithm#trainer}): fits a model on a DataFrame with a vector column and evaluates a model on
 * held-out rows.
 */
public interface Trainer {
  String algorithm();

  /** The hyperparameters that run: defaults filled in, {@code auto} resolved. */
  Map<String, Object> hyperparameters();

  /** The hyperparameters as requested, defaults filled in ({@code auto} kept). */
  Map<String, Object> requestedHyperparameters();

  long seed();

  /**
   * The columns the fitted model adds when scoring, known before fitting (Spark ML's {@code
   * transformSchema} needs them); they equal the fitted model's {@link Model#outputs()}.
   */
  List<Output> outputs();

  TrainingRun fit(TrainingInput input);

  /** Trains on {@code train}; {@code labelCol} is null when the data has no labels. */
  default TrainingRun fit(Dataset<Row> train, String featuresCol, String labelCol) {
    return fit(TrainingInput.of(train, featuresCol, labelCol));
  }

  /**
   * Metrics of {@code model} on held-out rows, under the names the registry records (e.g. {@code
   * validation_msd}, {@code accuracy}); {@code labelCol} may be null when there are no labels.
   */
  Map<String, Double> evaluate(Model model, Dataset<Row> rows, String featuresCol, String labelCol);
}
