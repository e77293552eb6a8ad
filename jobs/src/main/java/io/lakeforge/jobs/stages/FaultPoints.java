package io.lakeforge.jobs.stages;

import java.util.Locale;

/**
 * Named points in a training run where the fault tests stop or break the process, to prove that a
 * kill or a failure there leaves the registry consistent. Inactive unless the system property
 * {@code lakeforge.faults} names a point: {@code pause:POINT} prints {@code lakeforge-fault: paused
 * at POINT} to stderr and waits to be killed; {@code fail:POINT} throws there.
 */
public final class FaultPoints {
  /** After fitting, before the artifact folder is written. */
  public static final String BEFORE_ARTIFACT = "before-artifact";

  /** After the model's data, before {@code model.json}. */
  public static final String WRITING_ARTIFACT = "writing-artifact";

  /** After the artifact is complete, before the registry commit. */
  public static final String BEFORE_REGISTER = "before-register";

  /** Right after the registry commit landed. */
  public static final String AFTER_REGISTER = "after-register";

  private static final String PROPERTY = "lakeforge.faults";

  private FaultPoints() {}

  /** Stops or fails here when the fault property names {@code point}; otherwise nothing. */
  public static void reach(String point) {
    String spec = System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT);
    if (spec.equals("pause:" + point)) {
      System.err.println("lakeforge-fault: paused at " + point);
      System.err.flush();
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (spec.equals("fail:" + point)) {
      throw new IllegalStateException("injected failure at " + point);
    }
  }
}
