package io.lakeforge.models;

/**
 * What a model's predictions are. It decides which metrics fit the model and which picture its
 * report draws; the columns themselves come from {@link Model#outputs()}.
 */
public enum ModelKind {
  /** Assigns each row to a cluster. */
  CLUSTERING,
  /** Predicts a class label with a score. */
  CLASSIFIER,
  /** Predicts a number. */
  REGRESSOR,
  /** Maps each row to a lower-dimensional vector. */
  PROJECTION,
  /** Scores how unusual each row is. */
  ANOMALY
}
