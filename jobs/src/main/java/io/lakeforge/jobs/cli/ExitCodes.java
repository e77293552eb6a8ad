package io.lakeforge.jobs.cli;

import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.models.ModelFormatException;

/** Exit codes: 0 success, 2 bad usage / configuration / input, 1 job failure. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}

  /** The user-facing cause of {@code t} (also inside a Spark task failure), or null. */
  public static Throwable userError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidOptionException
          || c instanceof InvalidInputException
          || c instanceof UsageException
          || c instanceof ModelFormatException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  public static int of(Throwable t) {
    return userError(t) != null ? USAGE : FAILURE;
  }

  /** One line for the user, with secrets masked: the user-facing message, or the failure's own. */
  public static String message(Throwable t) {
    return io.lakeforge.jobs.config.Secrets.mask(rawMessage(t));
  }

  private static String rawMessage(Throwable t) {
    String oom = outOfMemory(t);
    if (oom != null) {
      return oom;
    }
    String storage = io.lakeforge.jobs.config.StorageErrors.describe(t);
    if (storage != null && userError(t) == null) {
      return storage;
    }
    Throwable u = userError(t);
    Throwable shown = u != null ? u : t;
    String m = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }

  /**
   * The line for an OutOfMemoryError in the driver or (named in a task failure) in an executor, or
   * null when {@code t} is no such failure.
   */
  static String outOfMemory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage();
      if (c instanceof OutOfMemoryError) {
        return "out of memory in the driver ("
            + (m.isEmpty() ? "OutOfMemoryError" : m)
            + "); give it more with LAKEFORGE_HEAP or spark.driver.memory";
      }
      int at = m.indexOf("java.lang.OutOfMemoryError");
      if (at >= 0) {
        String detail = m.substring(at).lines().findFirst().orElse("");
        return "out of memory in a Spark task ("
            + detail
                .replace("java.lang.OutOfMemoryError: ", "")
                .replace("java.lang.OutOfMemoryError", "OutOfMemoryError")
                .strip()
            + "); give executors more with spark.executor.memory, or use more partitions";
      }
    }
    return null;
  }
}
