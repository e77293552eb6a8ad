package io.lakeforge.tuning;

import java.util.Map;

/**
 * A finished trial as a strategy sees it: its number (below 0 for a warm-start trial of an earlier
 * job), the varied hyperparameters it ran, and its objective value (NaN when it failed).
 */
public record TrialResult(int number, Map<String, String> hyperparameters, double objective) {
  public TrialResult {
    hyperparameters = Map.copyOf(hyperparameters);
  }

  public boolean succeeded() {
    return !Double.isNaN(objective);
  }
}
