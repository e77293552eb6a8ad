package io.lakeforge.algorithms.api;

import java.util.Map;

/**
 * Hears a trainer's intermediate results after every epoch or iteration (the training cost, and any
 * intermediate objective), and may stop training early: a tuning job's early stopping.
 */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = (step, metrics) -> true;

  /**
   * @param step 1-based epoch or iteration just finished
   * @param metrics what the trainer measured after it, e.g. {@code train_cost}
   * @return false to stop training after this step
   */
  boolean onStep(int step, Map<String, Double> metrics);
}
