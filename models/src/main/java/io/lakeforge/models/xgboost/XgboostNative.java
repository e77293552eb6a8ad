package io.lakeforge.models.xgboost;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Loads XGBoost's native library once per JVM and turns a failure (a platform xgboost4j ships no
 * library for, a missing system library) into one line naming the platform, instead of the {@code
 * ExceptionInInitializerError} and {@code NoClassDefFoundError}s xgboost4j throws from its static
 * initialisers.
 */
public final class XgboostNative {
  /** The platforms the xgboost4j-spark 3.1.1 jar carries a native library for. */
  public static final String SHIPPED = "linux x86_64 and linux aarch64";

  private static volatile boolean loaded;

  private XgboostNative() {}

  /** Loads the library if this JVM has not yet; throws {@link UnsupportedOperationException}. */
  public static void require() {
    if (loaded) {
      return;
    }
    synchronized (XgboostNative.class) {
      if (loaded) {
        return;
      }
      try {
        // The first DMatrix runs xgboost4j's loader; a one-cell matrix is the cheapest one.
        new DMatrix(new float[] {0f}, 1, 1, Float.NaN).dispose();
      } catch (LinkageError | XGBoostError | RuntimeException e) {
        throw new UnsupportedOperationException(
            "XGBoost's native library does not load on "
                + platform()
                + " (xgboost4j ships "
                + SHIPPED
                + "): "
                + rootMessage(e),
            e);
      }
      loaded = true;
    }
  }

  /** This JVM's platform as the native loader sees it, e.g. {@code Linux/amd64}. */
  public static String platform() {
    return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
