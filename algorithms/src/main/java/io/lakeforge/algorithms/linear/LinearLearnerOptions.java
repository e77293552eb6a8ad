package io.lakeforge.algorithms.linear;

import static io.lakeforge.algorithms.options.OptionDef.booleanOption;
import static io.lakeforge.algorithms.options.OptionDef.choice;
import static io.lakeforge.algorithms.options.OptionDef.doubleOption;
import static io.lakeforge.algorithms.options.OptionDef.intOption;
import static io.lakeforge.algorithms.options.OptionDef.numberOr;
import static io.lakeforge.algorithms.options.OptionDef.numberOrAuto;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.ParsedOptions;
import io.lakeforge.algorithms.options.SharedOptions;
import io.lakeforge.models.linear.LinearModel;
import java.util.List;
import java.util.Map;

/**
 * Linear learner hyperparameters with Amazon SageMaker's names and defaults ({@code auto} is
 * resolved here, so the trainer sees concrete values). Validated before any Spark work starts,
 * including the combinations SageMaker rejects (e.g. {@code softmax_loss} for a regressor).
 */
public final class LinearLearnerOptions extends AlgorithmOptions {
  private static final long serialVersionUID = 1L;

  public static final String BINARY = LinearModel.BINARY;
  public static final String MULTICLASS = LinearModel.MULTICLASS;
  public static final String REGRESSOR = LinearModel.REGRESSOR;

  public static final OptionDef<String> PREDICTOR_TYPE =
      choice("predictor_type", null, "what to predict", BINARY, MULTICLASS, REGRESSOR);
  public static final OptionDef<Integer> NUM_CLASSES =
      intOption(
          "num_classes",
          null,
          3,
          100_000,
          "multiclass_classifier: number of classes; labels are 0 .. num_classes-1");
  public static final OptionDef<Integer> EPOCHS =
      SharedOptions.epochs(15, "passes over the training data");
  public static final OptionDef<Integer> MINI_BATCH_SIZE =
      SharedOptions.miniBatchSize(1000, 1_000_000, "rows per optimizer step within a partition");
  public static final OptionDef<String> LEARNING_RATE =
      numberOrAuto("learning_rate", "step size (auto = 0.01 for adam, 0.1 for sgd)", 1e-12, 100.0);
  public static final OptionDef<Integer> LR_SCHEDULER_STEP =
      intOption(
          "lr_scheduler_step",
          100,
          1,
          Integer.MAX_VALUE,
          "optimizer steps between learning-rate decreases");
  public static final OptionDef<Double> LR_SCHEDULER_FACTOR =
      doubleOption(
          "lr_scheduler_factor",
          0.9,
          0.0,
          1.0,
          "every lr_scheduler_step steps the learning rate is multiplied by this");
  public static final OptionDef<Double> LR_SCHEDULER_MINIMUM_LR =
      doubleOption(
          "lr_scheduler_minimum_lr", 1e-5, 0.0, 100.0, "the learning rate never falls below this");
  public static final OptionDef<String> L1 =
      numberOrAuto(
          "l1", "L1 penalty on the weights, applied as a proximal step (auto = 0)", 0.0, 1e6);
  public static final OptionDef<String> WD =
      numberOrAuto("wd", "weight decay: L2 penalty on the weights (auto = 0)", 0.0, 1e6);
  public static final OptionDef<Boolean> NORMALIZE_DATA =
      booleanOption(
          "normalize_data",
          true,
          "standardize every feature to mean 0 and variance 1 for training (the stored weights "
              + "apply to raw features)");
  public static final OptionDef<String> NORMALIZE_LABEL =
      choice(
          "normalize_label",
          "auto",
          "regressor: standardize the label for training (auto = true for regressor)",
          "auto",
          "true",
          "false");
  public static final OptionDef<String> LOSS =
      choice(
          "loss",
          "auto",
          "auto = logistic (binary), softmax_loss (multiclass), squared_loss (regressor)",
          "auto",
          "logistic",
          "hinge_loss",
          "softmax_loss",
          "squared_loss",
          "absolute_loss");
  public static final OptionDef<String> OPTIMIZER =
      choice("optimizer", "auto", "auto = adam", "auto", "adam", "sgd");
  public static final OptionDef<Boolean> USE_BIAS =
      booleanOption("use_bias", true, "learn an intercept per output");
  public static final OptionDef<Integer> EARLY_STOPPING_PATIENCE =
      intOption(
          "early_stopping_patience",
          3,
          1,
          100_000,
          "stop after this many epochs without a relative loss improvement above the tolerance");
  public static final OptionDef<Double> EARLY_STOPPING_TOLERANCE =
      doubleOption(
          "early_stopping_tolerance",
          0.001,
          0.0,
          1.0,
          "relative training-loss improvement that counts as progress");
  public static final OptionSet DEFINITIONS =
      new OptionSet(
          "linear-learner",
          List.of(
              PREDICTOR_TYPE,
              SharedOptions.FEATURE_DIM,
              NUM_CLASSES,
              EPOCHS,
              MINI_BATCH_SIZE,
              LEARNING_RATE,
              LR_SCHEDULER_STEP,
              LR_SCHEDULER_FACTOR,
              LR_SCHEDULER_MINIMUM_LR,
              L1,
              WD,
              NORMALIZE_DATA,
              NORMALIZE_LABEL,
              LOSS,
              OPTIMIZER,
              USE_BIAS,
              EARLY_STOPPING_PATIENCE,
              EARLY_STOPPING_TOLERANCE,
              SharedOptions.SEED));

  private static final Map<String, List<String>> LOSSES =
      Map.of(
          BINARY, List.of("logistic", "hinge_loss"),
          MULTICLASS, List.of("softmax_loss"),
          REGRESSOR, List.of("squared_loss", "absolute_loss"));

  private LinearLearnerOptions(ParsedOptions values) {
    super(values);
    if (!values.isSet(PREDICTOR_TYPE)) {
      throw new InvalidOptionException(
          "hyperparameter predictor_type is required: "
              + PREDICTOR_TYPE.expectation()
              + ", e.g. --hp predictor_type="
              + MULTICLASS);
    }
    String type = predictorType();
    if (type.equals(MULTICLASS) && !values.isSet(NUM_CLASSES)) {
      throw new InvalidOptionException(
          "hyperparameter num_classes is required with "
              + "predictor_type=multiclass_classifier: the number of classes, e.g. --hp num_classes=10");
    }
    if (!type.equals(MULTICLASS) && values.isSet(NUM_CLASSES)) {
      throw new InvalidOptionException(
          "hyperparameter num_classes is only valid with "
              + "predictor_type=multiclass_classifier ("
              + type
              + " has "
              + (type.equals(BINARY) ? "2 classes" : "no classes")
              + ")");
    }
    if (!LOSSES.get(type).contains(loss())) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter loss=%s does not fit " + "predictor_type=%s: expected auto | %s",
              loss(), type, String.join(" | ", LOSSES.get(type))));
    }
    if (!type.equals(REGRESSOR) && values.get(NORMALIZE_LABEL).equals("true")) {
      throw new InvalidOptionException(
          "hyperparameter normalize_label=true is only valid with "
              + "predictor_type=regressor: class labels are not scaled");
    }
  }

  /** Parses {@code name=value} hyperparameters; unknown names and bad values are rejected. */
  public static LinearLearnerOptions parse(Map<String, String> hyperparameters) {
    return new LinearLearnerOptions(DEFINITIONS.parse(hyperparameters));
  }

  public String predictorType() {
    return values.get(PREDICTOR_TYPE);
  }

  /** Classes of a classifier (2 for binary); 0 for a regressor. */
  public int numClasses() {
    return switch (predictorType()) {
      case BINARY -> 2;
      case MULTICLASS -> values.get(NUM_CLASSES);
      default -> 0;
    };
  }

  /** Model outputs per row: one score, or one per class for multiclass. */
  public int outputs() {
    return predictorType().equals(MULTICLASS) ? numClasses() : 1;
  }

  public int epochs() {
    return values.get(EPOCHS);
  }

  public int miniBatchSize() {
    return values.get(MINI_BATCH_SIZE);
  }

  public String optimizer() {
    String o = values.get(OPTIMIZER);
    return o.equals("auto") ? "adam" : o;
  }

  public double learningRate() {
    return numberOr(values.get(LEARNING_RATE), optimizer().equals("adam") ? 0.01 : 0.1);
  }

  /** The learning rate at optimizer step {@code t} (1-based), after the scheduler's decreases. */
  public double learningRate(long t) {
    double lr =
        learningRate()
            * Math.pow(
                values.get(LR_SCHEDULER_FACTOR),
                (double) ((t - 1) / values.get(LR_SCHEDULER_STEP)));
    return Math.max(lr, Math.min(learningRate(), values.get(LR_SCHEDULER_MINIMUM_LR)));
  }

  public double l1() {
    return numberOr(values.get(L1), 0.0);
  }

  public double wd() {
    return numberOr(values.get(WD), 0.0);
  }

  public boolean normalizeData() {
    return values.get(NORMALIZE_DATA);
  }

  public boolean normalizeLabel() {
    String v = values.get(NORMALIZE_LABEL);
    return v.equals("auto") ? predictorType().equals(REGRESSOR) : v.equals("true");
  }

  public String loss() {
    String v = values.get(LOSS);
    if (!v.equals("auto")) {
      return v;
    }
    return LOSSES.get(predictorType()).get(0);
  }

  public boolean useBias() {
    return values.get(USE_BIAS);
  }

  public int earlyStoppingPatience() {
    return values.get(EARLY_STOPPING_PATIENCE);
  }

  public double earlyStoppingTolerance() {
    return values.get(EARLY_STOPPING_TOLERANCE);
  }

  @Override
  protected void resolve(Map<String, Object> m) {
    m.put(LEARNING_RATE.name(), learningRate());
    m.put(L1.name(), l1());
    m.put(WD.name(), wd());
    m.put(NORMALIZE_LABEL.name(), normalizeLabel());
    m.put(LOSS.name(), loss());
    m.put(OPTIMIZER.name(), optimizer());
  }
}
