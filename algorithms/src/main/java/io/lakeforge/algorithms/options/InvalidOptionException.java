package io.lakeforge.algorithms.options;

/**
 * A user-facing error in a hyperparameter or job option: the message names the option, quotes the
 * value and says what was expected. Callers map it to "bad usage" (exit code 2).
 */
public class InvalidOptionException extends IllegalArgumentException {
  public InvalidOptionException(String message) {
    super(message);
  }
}
