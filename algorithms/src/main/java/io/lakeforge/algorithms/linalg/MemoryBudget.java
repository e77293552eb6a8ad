package io.lakeforge.algorithms.linalg;

import io.lakeforge.algorithms.options.InvalidOptionException;

/**
 * Refuses, before allocating, a model whose size comes from hyperparameters or data and would not
 * fit in memory: one line with the figure and what to change, instead of an OutOfMemoryError
 * half-way through training.
 */
public final class MemoryBudget {
  /** Share of the heap one model structure may take (the rest is Spark's and the data's). */
  static final double SHARE = 0.5;

  private MemoryBudget() {}

  /**
   * Fails when {@code bytes} exceed {@value #SHARE} of this JVM's heap (the driver's, where models
   * are assembled; executors get at least as much in a sized cluster).
   */
  public static void require(String what, long bytes, String remedy) {
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > SHARE * max) {
      throw new InvalidOptionException(
          String.format(
              "%s needs about %s of memory, more than " + "the driver's heap of %s allows: %s",
              what, human(bytes), human(max), remedy));
    }
  }

  /**
   * Bytes of as many doubles as the product of {@code factors}; saturates instead of overflowing.
   */
  public static long doubles(long... factors) {
    long n = 8;
    try {
      for (long f : factors) {
        n = Math.multiplyExact(n, f);
      }
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    return n;
  }

  static String human(long bytes) {
    if (bytes == Long.MAX_VALUE) {
      return "more than 8 EiB";
    }
    double g = bytes / (1024.0 * 1024 * 1024);
    return g >= 1
        ? String.format("%.1f GiB", g)
        : String.format("%.0f MiB", bytes / (1024.0 * 1024));
  }
}
