package io.lakeforge.algorithms.api;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import java.util.Map;

/**
 * A trainer configured by one validated options object, which it records as its hyperparameters.
 */
public abstract class OptionsTrainer<O extends AlgorithmOptions> implements Trainer {
  protected final O options;

  protected OptionsTrainer(O options) {
    this.options = options;
  }

  public O options() {
    return options;
  }

  @Override
  public Map<String, Object> hyperparameters() {
    return options.resolved();
  }

  @Override
  public Map<String, Object> requestedHyperparameters() {
    return options.requested();
  }

  @Override
  public long seed() {
    return options.seed();
  }

  protected static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
