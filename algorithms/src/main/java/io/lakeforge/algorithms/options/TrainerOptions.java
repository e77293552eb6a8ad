package io.lakeforge.algorithms.options;

import java.util.Map;

/** What every trainer's validated hyperparameters offer its trainer and the registry. */
public interface TrainerOptions extends java.io.Serializable {
  /** Every hyperparameter with defaults filled in, as recorded in the artifact and registry. */
  Map<String, Object> asMap();

  long seed();
}
