package io.lakeforge.jobs.stages;

import java.util.Locale;

/**
 * Named points in a training run where the fault tests stop or break the process, to prove that a
 * kill or a failure there leaves the registry consistent. Inactive unless the system property
 * {@code lakeforge.faults} names a point: {@code pause:POINT} prints {@code lakeforge-fault: paused
 * at POINT} to stderr and waits to be killed; {@code fail:POINT} throws there. {@code
 * pause:POINT@MODEL} applies to the runs of one model only, and several faults are separated by
 * commas, so that one driver can hold several runs, each at its own point.
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

  /**
   * In a tuning job, right after the N-th trial was recorded: {@code after-trial-N} (the model is
   * the spec's model name).
   */
  public static final String AFTER_TRIAL = "after-trial";

  private static final String PROPERTY = "lakeforge.faults";

  private FaultPoints() {}

  /**
   * Stops or fails here, in a run of {@code model}, when the fault property names {@code point}
   * (for every model or for this one); otherwise nothing.
   */
  public static void reach(String point, String model) {
    String property = System.getProperty(PROPERTY, "");
    if (property.isEmpty()) {
      return;
    }
    for (String fault : property.split(",")) {
      String spec = fault.strip();
      int at = spec.indexOf('@');
      if (at >= 0) {
        if (!spec.substring(at + 1).equals(model)) {
          continue;
        }
        spec = spec.substring(0, at);
      }
      spec = spec.toLowerCase(Locale.ROOT);
      if (spec.equals("pause:" + point)) {
        System.err.println("lakeforge-fault: paused at " + point + " in " + model);
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
}
