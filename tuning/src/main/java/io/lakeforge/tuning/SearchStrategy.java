package io.lakeforge.tuning;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the hyperparameters of each trial. A proposal depends only on the spec (its seed), the
 * trial number and, for adaptive strategies, a fixed prefix of earlier trials ({@link #needs}), so
 * a resumed job proposes what the first run did, whatever the order trials finished in.
 */
public interface SearchStrategy {
  /**
   * The varied hyperparameters of trial {@code number} (from 0), as {@code --hp} text; empty when
   * the search has no more points. {@code history} holds exactly the first {@link #needs} trials
   * (plus any warm-start trials, numbered below 0) and the proposals of the trials in between.
   */
  Optional<Map<String, String>> propose(int number, SearchHistory history);

  /** As {@link #propose(int, SearchHistory)} with no trials pending. */
  default Optional<Map<String, String>> propose(int number, List<TrialResult> finished) {
    return propose(number, new SearchHistory(finished, List.of()));
  }

  /**
   * How many of the first trials must have finished before trial {@code number} can be proposed
   * when {@code parallel} trials run at once. The job waits for them and passes those, and only
   * those, so the trials proposed depend on the seed and {@code parallel}, never on timing. 0 (the
   * default) means no trial waits: what random and grid search need.
   */
  default int needs(int number, int parallel) {
    return 0;
  }
}
