package io.lakeforge.datalake;

/**
 * A user-facing problem with the input of a job: a missing or malformed file, an unknown dataset, a
 * table that does not exist yet. The message names the file, table or setting and says what was
 * expected. Callers map it to "bad input" (exit code 2).
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
