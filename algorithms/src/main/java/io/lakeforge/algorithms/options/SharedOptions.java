package io.lakeforge.algorithms.options;

import static io.lakeforge.algorithms.options.OptionDef.intOption;
import static io.lakeforge.algorithms.options.OptionDef.longOption;

/**
 * The hyperparameters several algorithms share, defined once: the same name, validation and help
 * everywhere (an algorithm may pick its own default where SageMaker's differs).
 */
public final class SharedOptions {
  public static final OptionDef<Integer> FEATURE_DIM =
      intOption(
          "feature_dim",
          null,
          1,
          Integer.MAX_VALUE,
          "dimension of the feature vectors; checked against the data when given");

  public static final OptionDef<Long> SEED =
      longOption(
          "seed",
          42L,
          "random seed; the same seed, data and partitioning give the same " + "model");

  private SharedOptions() {}

  /** Rows per mini-batch (or per BLAS block) with an algorithm's own default and upper bound. */
  public static OptionDef<Integer> miniBatchSize(int defaultValue, int max, String help) {
    return intOption("mini_batch_size", defaultValue, 1, max, help);
  }

  /** Passes over the training data, with an algorithm's own default. */
  public static OptionDef<Integer> epochs(int defaultValue, String help) {
    return intOption("epochs", defaultValue, 1, 100_000, help);
  }
}
