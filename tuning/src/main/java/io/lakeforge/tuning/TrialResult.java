package io.lakeforge.tuning;

import java.util.Map;

/** A finished trial as a strategy sees it: its number, what it ran, and its objective value. */
public record TrialResult(int number, Map<String, String> hyperparameters, double objective) {
  public TrialResult {
    hyperparameters = Map.copyOf(hyperparameters);
  }
}
