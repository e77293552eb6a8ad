package io.lakeforge.algorithms.api;

/**
 * What a model's predictions are, which decides the columns it adds, the metrics that fit it and
 * the picture its report draws.
 */
public enum ModelKind {
  /** Adds {@code cluster} and {@code distance}. */
  CLUSTERING,
  /** Adds {@code predicted_label} (int) and {@code score} (double). */
  CLASSIFIER,
  /** Adds {@code score} (double), the predicted value. */
  REGRESSOR,
  /** Adds {@code projection} (vector). */
  PROJECTION;

  public static final String PREDICTED_LABEL = "predicted_label";
  public static final String SCORE = "score";
  public static final String PROJECTION_COL = "projection";
}
