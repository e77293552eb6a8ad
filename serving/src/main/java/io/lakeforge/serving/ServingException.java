package io.lakeforge.serving;

/**
 * A user-facing failure of the endpoint: a request that cannot be answered (with its HTTP status)
 * or a model that cannot be served. The message is what the client or operator reads; it never
 * carries a stack trace.
 */
public class ServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ServingException(int status, String message) {
    super(message);
    this.status = status;
  }

  public ServingException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the request is answered with (400, 406, 413, 415, 503, ...). */
  public int status() {
    return status;
  }
}
