package io.lakeforge.algorithms.api;

import io.lakeforge.algorithms.options.TrainerOptions;
import java.util.Map;

/** A trainer configured by one validated options object, which it records as its hyperparameters. */
public abstract class OptionsTrainer<O extends TrainerOptions> implements Trainer {
  protected final O options;

  protected OptionsTrainer(O options) {
    this.options = options;
  }

  public O options() {
    return options;
  }

  @Override
  public Map<String, Object> hyperparameters() {
    return options.asMap();
  }

  @Override
  public long seed() {
    return options.seed();
  }
}
