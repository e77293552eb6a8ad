package io.lakeforge.tuning;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the hyperparameters of each trial. A proposal depends only on the spec (its seed) and
 * the trial number, plus, for adaptive strategies, the trials finished before it, so a resumed or
 * parallel job proposes what a sequential one would.
 */
public interface SearchStrategy {
  /**
   * The varied hyperparameters of trial {@code number} (from 0), as {@code --hp} text; empty when
   * the search has no more points.
   */
  Optional<Map<String, String>> propose(int number, List<TrialResult> finished);
}
