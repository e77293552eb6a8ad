package io.lakeforge.algorithms.pca;

import static io.lakeforge.algorithms.options.OptionDef.booleanOption;
import static io.lakeforge.algorithms.options.OptionDef.choice;
import static io.lakeforge.algorithms.options.OptionDef.intOption;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.ParsedOptions;
import io.lakeforge.algorithms.options.SharedOptions;
import java.util.List;
import java.util.Map;

/**
 * PCA hyperparameters with Amazon SageMaker's names and defaults, validated before any Spark work
 * starts.
 */
public final class PcaOptions extends AlgorithmOptions {
  private static final long serialVersionUID = 1L;

  public static final OptionDef<Integer> NUM_COMPONENTS =
      intOption("num_components", null, 1, 100_000, "number of principal components to keep");
  public static final OptionDef<String> ALGORITHM_MODE =
      choice(
          "algorithm_mode",
          "regular",
          "regular: exact, from the distributed covariance (feature_dim² per partition); randomized: "
              + "a distributed randomized range finder (feature_dim × (num_components + "
              + "extra_components) per partition), for many features",
          "regular",
          "randomized");
  public static final OptionDef<Boolean> SUBTRACT_MEAN =
      booleanOption("subtract_mean", true, "center the data on its mean before finding components");
  public static final OptionDef<Integer> EXTRA_COMPONENTS =
      intOption(
          "extra_components",
          -1,
          -1,
          100_000,
          "randomized: oversampling; more is more accurate and linearly slower "
              + "(-1 = max(10, num_components))");
  public static final OptionDef<Integer> MINI_BATCH_SIZE =
      SharedOptions.miniBatchSize(
          1000, 1_000_000, "rows per BLAS block when accumulating products");

  public static final OptionSet DEFINITIONS =
      new OptionSet(
          "pca",
          List.of(
              NUM_COMPONENTS,
              SharedOptions.FEATURE_DIM,
              ALGORITHM_MODE,
              SUBTRACT_MEAN,
              EXTRA_COMPONENTS,
              MINI_BATCH_SIZE,
              SharedOptions.SEED));

  /** Power iterations of the randomized range finder; two suffice for decaying spectra. */
  static final int POWER_ITERATIONS = 2;

  private PcaOptions(ParsedOptions values) {
    super(values);
    if (!values.isSet(NUM_COMPONENTS)) {
      throw new InvalidOptionException(
          "hyperparameter num_components is required: the number "
              + "of principal components, e.g. --hp num_components=10");
    }
    if (featureDim() > 0 && numComponents() > featureDim()) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter num_components=%d is "
                  + "larger than feature_dim=%d: choose num_components <= %d",
              numComponents(), featureDim(), featureDim()));
    }
  }

  public static PcaOptions parse(Map<String, String> hyperparameters) {
    return new PcaOptions(DEFINITIONS.parse(hyperparameters));
  }

  public int numComponents() {
    return values.get(NUM_COMPONENTS);
  }

  public boolean randomized() {
    return values.get(ALGORITHM_MODE).equals("randomized");
  }

  public boolean subtractMean() {
    return values.get(SUBTRACT_MEAN);
  }

  /** Extra sketch columns of the randomized mode, {@code -1} resolved. */
  public int extraComponents() {
    int extra = values.get(EXTRA_COMPONENTS);
    return extra < 0 ? Math.max(10, numComponents()) : extra;
  }

  /** Columns of the randomized sketch, at most {@code dim}. */
  public int sketchColumns(int dim) {
    return Math.min(dim, numComponents() + extraComponents());
  }

  public int miniBatchSize() {
    return values.get(MINI_BATCH_SIZE);
  }

  @Override
  protected void resolve(Map<String, Object> m) {
    if (randomized()) {
      m.put(EXTRA_COMPONENTS.name(), extraComponents());
    }
  }
}
