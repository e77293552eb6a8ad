package io.lakeforge.tuning;

/** A tuning spec that cannot run; the message names the file and the field. */
public class TuningSpecException extends IllegalArgumentException {
  public TuningSpecException(String message) {
    super(message);
  }

  public TuningSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
