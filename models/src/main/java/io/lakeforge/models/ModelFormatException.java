package io.lakeforge.models;

/**
 * A model folder that cannot be read as it is: a missing or malformed {@code model.json}, a format
 * version newer than this Lakeforge reads, Parquet data that contradicts the manifest. The message
 * names the folder and what was expected; callers treat it as bad input (exit code 2).
 */
public class ModelFormatException extends RuntimeException {
  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
