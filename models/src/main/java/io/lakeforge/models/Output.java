package io.lakeforge.models;

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
