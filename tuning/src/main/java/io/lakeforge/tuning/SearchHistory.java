package io.lakeforge.tuning;

import java.util.List;
import java.util.Map;

/**
 * What a strategy may know when it proposes a trial: the trials finished (warm-start trials first,
 * numbered below 0) and the hyperparameters of trials proposed but not yet finished, so that
 * parallel proposals spread out instead of repeating the point still running.
 */
public record SearchHistory(List<TrialResult> finished, List<Map<String, String>> pending) {
  public SearchHistory {
    finished = List.copyOf(finished);
    pending = List.copyOf(pending);
  }
}
