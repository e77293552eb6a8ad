package io.lakeforge.algorithms.knn;

import static io.lakeforge.algorithms.options.OptionDef.choice;
import static io.lakeforge.algorithms.options.OptionDef.intOption;
import static io.lakeforge.algorithms.options.OptionDef.intOrAuto;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.ParsedOptions;
import io.lakeforge.algorithms.options.SharedOptions;
import io.lakeforge.models.knn.KnnModel;
import java.util.List;
import java.util.Map;

/**
 * k-nearest-neighbours hyperparameters with Amazon SageMaker's names, validated before any Spark
 * work starts.
 */
public final class KnnOptions extends AlgorithmOptions {
  private static final long serialVersionUID = 1L;

  public static final String CLASSIFIER = KnnModel.CLASSIFIER;
  public static final String REGRESSOR = KnnModel.REGRESSOR;

  public static final OptionDef<Integer> K =
      intOption("k", null, 1, 1024, "number of neighbours that vote (or are averaged)");
  public static final OptionDef<String> PREDICTOR_TYPE =
      choice(
          "predictor_type",
          null,
          "classifier: majority label of the neighbours; regressor: their mean label",
          CLASSIFIER,
          REGRESSOR);
  public static final OptionDef<Integer> SAMPLE_SIZE =
      intOrAuto(
          "sample_size", "training rows sampled into the index (auto = all rows)", 1, 100_000_000);
  public static final OptionDef<String> DIMENSION_REDUCTION_TYPE =
      choice(
          "dimension_reduction_type",
          "none",
          "none, or sign: a random ±1 projection to dimension_reduction_target dimensions",
          "none",
          "sign");
  public static final OptionDef<Integer> DIMENSION_REDUCTION_TARGET =
      intOption(
          "dimension_reduction_target",
          null,
          1,
          1_000_000,
          "dimensions after reduction; required with dimension_reduction_type=sign");

  public static final OptionSet DEFINITIONS =
      new OptionSet(
          "knn",
          List.of(
              K,
              PREDICTOR_TYPE,
              SAMPLE_SIZE,
              SharedOptions.FEATURE_DIM,
              DIMENSION_REDUCTION_TYPE,
              DIMENSION_REDUCTION_TARGET,
              SharedOptions.SEED));

  private KnnOptions(ParsedOptions values) {
    super(values);
    if (!values.isSet(K)) {
      throw new InvalidOptionException(
          "hyperparameter k is required: the number of neighbours, " + "e.g. --hp k=5");
    }
    if (!values.isSet(PREDICTOR_TYPE)) {
      throw new InvalidOptionException(
          "hyperparameter predictor_type is required: " + PREDICTOR_TYPE.expectation());
    }
    boolean sign = values.get(DIMENSION_REDUCTION_TYPE).equals("sign");
    if (sign && !values.isSet(DIMENSION_REDUCTION_TARGET)) {
      throw new InvalidOptionException(
          "hyperparameter dimension_reduction_target is required "
              + "with dimension_reduction_type=sign, e.g. --hp dimension_reduction_target=64");
    }
    if (!sign && values.isSet(DIMENSION_REDUCTION_TARGET)) {
      throw new InvalidOptionException(
          "hyperparameter dimension_reduction_target is only valid "
              + "with dimension_reduction_type=sign");
    }
    if (sign && featureDim() > 0 && values.get(DIMENSION_REDUCTION_TARGET) >= featureDim()) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter dimension_reduction_target="
                  + "%d must be smaller than feature_dim=%d",
              values.get(DIMENSION_REDUCTION_TARGET), featureDim()));
    }
    if (values.get(SAMPLE_SIZE) != 0 && values.get(SAMPLE_SIZE) < k()) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter sample_size=%d is smaller "
                  + "than k=%d: the index needs at least k rows",
              values.get(SAMPLE_SIZE), k()));
    }
  }

  public static KnnOptions parse(Map<String, String> hyperparameters) {
    return new KnnOptions(DEFINITIONS.parse(hyperparameters));
  }

  public int k() {
    return values.get(K);
  }

  public boolean classifier() {
    return values.get(PREDICTOR_TYPE).equals(CLASSIFIER);
  }

  /** Rows to sample into the index; 0 = all. */
  public int sampleSize() {
    return values.get(SAMPLE_SIZE);
  }

  /** Target dimension of the sign projection; 0 when there is no reduction. */
  public int reductionTarget() {
    return values.get(DIMENSION_REDUCTION_TYPE).equals("sign")
        ? values.get(DIMENSION_REDUCTION_TARGET)
        : 0;
  }

  /** The sample size resolves only against the data (auto = every training row). */
  @Override
  protected void resolve(Map<String, Object> m) {}
}
