package io.lakeforge.models;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A trained model as plain Java: its parameters in primitive arrays and its scoring of a block of
 * rows. Batch transform, the Spark ML models and the endpoint all score through {@link #score}, so
 * they cannot disagree. A model writes its own section of {@code model.json} and its Parquet data,
 * and its {@link ModelFormat} reads them back from the folder alone.
 */
public interface Model {
  String algorithm();

  /** The feature dimension every scored row must have. */
  int featureDim();

  ModelKind kind();

  /** The values {@link #score} writes per row, in order: the columns transform adds. */
  List<Output> outputs();

  /**
   * Scores rows {@code [0, rows)} of the row-major {@code x} ({@code rows × featureDim()}) into
   * {@code out}, whose capacity is at least {@code rows}. Must be safe to call from several threads
   * at once (scratch space is per call).
   */
  void score(double[] x, int rows, Scores out);

  /** The typed {@code model} section of {@code model.json}: a record of plain JSON values. */
  Object section();

  /** Writes the model's Parquet data into {@code folder}. */
  void writeData(ModelFolder folder) throws IOException;

  /** Metrics the model carries from training itself (e.g. explained variance). */
  default Map<String, Double> trainingMetrics() {
    return Map.of();
  }

  /** A fresh output buffer for blocks of up to {@code rows} rows. */
  default Scores newScores(int rows) {
    return new Scores(outputs(), rows);
  }
}
