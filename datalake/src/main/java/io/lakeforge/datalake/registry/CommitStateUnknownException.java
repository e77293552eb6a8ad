package io.lakeforge.datalake.registry;

/**
 * A registry commit failed in a way that leaves open whether it landed (e.g. the object store timed
 * out after writing the commit file). Nothing a committed row may point to is cleaned up; the
 * message says how to check.
 */
public final class CommitStateUnknownException extends RuntimeException {
  public CommitStateUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
