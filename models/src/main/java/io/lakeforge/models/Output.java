package io.lakeforge.models;

import java.util.List;

/**
 * One value a model computes per scored row: a prediction column of batch transform, a field of the
 * endpoint's response.
 */
public record Output(String name, Type type) {
  /** Column names the built-in models share, so that reports and evaluators find them. */
  public static final String CLUSTER = "cluster";

  public static final String DISTANCE = "distance";
  public static final String PREDICTED_LABEL = "predicted_label";
  public static final String SCORE = "score";
  public static final String PROJECTION = "projection";

  /** The value types a model can produce. */
  public enum Type {
    INT,
    DOUBLE,
    VECTOR
  }

  private static final List<Output> CLASSIFIER_OUTPUTS =
      List.of(ofInt(PREDICTED_LABEL), ofDouble(SCORE));
  private static final List<Output> REGRESSOR_OUTPUTS = List.of(ofDouble(SCORE));

  /**
   * What a supervised model adds: the class and its score for a classifier, the predicted number
   * for a regressor.
   */
  public static List<Output> supervised(boolean classifier) {
    return classifier ? CLASSIFIER_OUTPUTS : REGRESSOR_OUTPUTS;
  }

  public static Output ofInt(String name) {
    return new Output(name, Type.INT);
  }

  public static Output ofDouble(String name) {
    return new Output(name, Type.DOUBLE);
  }

  public static Output ofVector(String name) {
    return new Output(name, Type.VECTOR);
  }
}
