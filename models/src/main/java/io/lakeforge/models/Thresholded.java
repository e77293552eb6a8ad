package io.lakeforge.models;

/**
 * A model whose flag output compares a score with a threshold the user may choose at scoring time
 * ({@code transform --threshold}), e.g. an anomaly detector's {@code is_anomaly}.
 */
public interface Thresholded {
  /** The threshold scoring uses: the model's own default unless changed. */
  double threshold();

  /** The same model scoring against {@code threshold}. */
  Model withThreshold(double threshold);
}
