package io.lakeforge.algorithms.linalg;

import io.lakeforge.algorithms.options.InvalidOptionException;

/** A vector whose size differs from the model's or the declared feature dimension. */
public final class DimensionMismatchException extends InvalidOptionException {
  public DimensionMismatchException(int expected, int actual) {
    super(
        String.format(
            "feature vector has dimension %d but %d was expected "
                + "(feature_dim or the model's dimension): the data and the model/hyperparameters disagree",
            actual, expected));
  }
}
