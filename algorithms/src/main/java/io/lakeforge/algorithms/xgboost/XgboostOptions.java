package io.lakeforge.algorithms.xgboost;

import static io.lakeforge.algorithms.options.OptionDef.choice;
import static io.lakeforge.algorithms.options.OptionDef.doubleOption;
import static io.lakeforge.algorithms.options.OptionDef.intOption;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.ParsedOptions;
import io.lakeforge.algorithms.options.SharedOptions;
import io.lakeforge.models.xgboost.XgboostModel;
import java.util.List;
import java.util.Map;

/**
 * XGBoost hyperparameters with Amazon SageMaker's names and defaults. Validated before any Spark
 * work starts, including the combinations XGBoost would only reject once training runs (e.g. {@code
 * multi:softmax} without {@code num_class}).
 */
public final class XgboostOptions extends AlgorithmOptions {
  private static final long serialVersionUID = 1L;

  private static final double BIG = Double.MAX_VALUE;

  public static final OptionDef<Integer> NUM_ROUND =
      intOption("num_round", null, 1, 1_000_000, "boosting rounds (trees per class)");
  public static final OptionDef<Double> ETA =
      doubleOption("eta", 0.3, 0.0, 1.0, "learning rate: shrinkage of each tree, in (0, 1]");
  public static final OptionDef<Double> GAMMA =
      doubleOption("gamma", 0.0, 0.0, BIG, "minimum loss reduction to split a leaf");
  public static final OptionDef<Integer> MAX_DEPTH =
      intOption("max_depth", 6, 0, 64, "maximum tree depth (0 = no limit, hist only)");
  public static final OptionDef<Double> MIN_CHILD_WEIGHT =
      doubleOption(
          "min_child_weight", 1.0, 0.0, BIG, "minimum sum of instance hessians in a child");
  public static final OptionDef<Double> MAX_DELTA_STEP =
      doubleOption("max_delta_step", 0.0, 0.0, BIG, "maximum leaf output step (0 = no limit)");
  public static final OptionDef<Double> SUBSAMPLE =
      doubleOption("subsample", 1.0, 0.0, 1.0, "fraction of rows sampled per tree, in (0, 1]");
  public static final OptionDef<Double> COLSAMPLE_BYTREE =
      doubleOption("colsample_bytree", 1.0, 0.0, 1.0, "fraction of features per tree, in (0, 1]");
  public static final OptionDef<Double> COLSAMPLE_BYLEVEL =
      doubleOption(
          "colsample_bylevel", 1.0, 0.0, 1.0, "fraction of features per tree level, in (0, 1]");
  public static final OptionDef<Double> LAMBDA =
      doubleOption("lambda", 1.0, 0.0, BIG, "L2 regularization of the leaf weights");
  public static final OptionDef<Double> ALPHA =
      doubleOption("alpha", 0.0, 0.0, BIG, "L1 regularization of the leaf weights");
  public static final OptionDef<String> TREE_METHOD =
      choice(
          "tree_method",
          "hist",
          "split finding (auto runs hist, as XGBoost 2+ does)",
          "hist",
          "auto",
          "approx");
  public static final OptionDef<Integer> MAX_BIN =
      intOption("max_bin", 256, 2, 65_536, "histogram bins per feature (hist, approx)");
  public static final OptionDef<String> OBJECTIVE =
      choice(
          "objective",
          "reg:squarederror",
          "learning task; binary:logistic and multi:* train a classifier, the others a regressor",
          "binary:logistic",
          "multi:softmax",
          "multi:softprob",
          "reg:squarederror",
          "reg:logistic",
          "count:poisson");
  public static final OptionDef<Integer> NUM_CLASS =
      intOption(
          "num_class", null, 2, 100_000, "multi:* only: classes; labels are 0 .. num_class-1");
  public static final OptionDef<String> EVAL_METRIC =
      choice(
          "eval_metric",
          null,
          "metric per round on the training and validation data (default: the objective's)",
          "rmse",
          "mae",
          "logloss",
          "error",
          "auc",
          "merror",
          "mlogloss",
          "poisson-nloglik");
  public static final OptionDef<Integer> EARLY_STOPPING_ROUNDS =
      intOption(
          "early_stopping_rounds",
          null,
          1,
          1_000_000,
          "stop when the validation metric has not improved for this many rounds (needs a "
              + "validation split)");
  public static final OptionDef<Double> SCALE_POS_WEIGHT =
      doubleOption(
          "scale_pos_weight", 1.0, 0.0, BIG, "binary:logistic: weight of positive examples");
  public static final OptionDef<Integer> NUM_WORKERS =
      intOption(
          "num_workers",
          null,
          1,
          100_000,
          "XGBoost workers (one Spark task each); default: the input's partitions, at most the "
              + "cluster's task slots");
  public static final OptionSet DEFINITIONS =
      new OptionSet(
          "xgboost",
          List.of(
              NUM_ROUND,
              SharedOptions.FEATURE_DIM,
              ETA,
              GAMMA,
              MAX_DEPTH,
              MIN_CHILD_WEIGHT,
              MAX_DELTA_STEP,
              SUBSAMPLE,
              COLSAMPLE_BYTREE,
              COLSAMPLE_BYLEVEL,
              LAMBDA,
              ALPHA,
              TREE_METHOD,
              MAX_BIN,
              OBJECTIVE,
              NUM_CLASS,
              EVAL_METRIC,
              EARLY_STOPPING_ROUNDS,
              SCALE_POS_WEIGHT,
              NUM_WORKERS,
              SharedOptions.SEED));

  private XgboostOptions(ParsedOptions values) {
    super(values);
    if (!values.isSet(NUM_ROUND)) {
      throw new InvalidOptionException(
          "hyperparameter num_round is required: the number of boosting rounds, e.g. --hp "
              + "num_round=100");
    }
    for (OptionDef<Double> d : List.of(ETA, SUBSAMPLE, COLSAMPLE_BYTREE, COLSAMPLE_BYLEVEL)) {
      if (values.get(d) <= 0) {
        throw new InvalidOptionException(
            String.format(
                "hyperparameter %s=%s is invalid: expected a number in (0, 1]",
                d.name(), values.get(d)));
      }
    }
    boolean multi = objective().startsWith("multi:");
    if (multi && !values.isSet(NUM_CLASS)) {
      throw new InvalidOptionException(
          "hyperparameter num_class is required with objective="
              + objective()
              + ": the number of classes (>= 2), e.g. --hp num_class=10");
    }
    if (!multi && values.isSet(NUM_CLASS)) {
      throw new InvalidOptionException(
          "hyperparameter num_class is only valid with objective=multi:softmax or "
              + "multi:softprob (objective="
              + objective()
              + ")");
    }
    if (values.get(SCALE_POS_WEIGHT) != 1.0 && !objective().equals("binary:logistic")) {
      throw new InvalidOptionException(
          "hyperparameter scale_pos_weight is only valid with objective=binary:logistic");
    }
  }

  /** Parses {@code name=value} hyperparameters; unknown names and bad values are rejected. */
  public static XgboostOptions parse(Map<String, String> hyperparameters) {
    return new XgboostOptions(DEFINITIONS.parse(hyperparameters));
  }

  public int numRound() {
    return values.get(NUM_ROUND);
  }

  public String objective() {
    return values.get(OBJECTIVE);
  }

  public boolean classifier() {
    return XgboostModel.isClassifier(objective());
  }

  /** Classes of a classifier (2 for binary:logistic); 0 for a regressor. */
  public int numClasses() {
    if (objective().startsWith("multi:")) {
      return values.get(NUM_CLASS);
    }
    return objective().equals("binary:logistic") ? 2 : 0;
  }

  /** The requested worker count, or 0 for the default (the input's partitions). */
  public int numWorkers() {
    return values.isSet(NUM_WORKERS) ? values.get(NUM_WORKERS) : 0;
  }

  public Integer earlyStoppingRounds() {
    return values.isSet(EARLY_STOPPING_ROUNDS) ? values.get(EARLY_STOPPING_ROUNDS) : null;
  }

  public String evalMetric() {
    return values.isSet(EVAL_METRIC) ? values.get(EVAL_METRIC) : null;
  }

  /** The XGBoost tree method that runs: {@code auto} means hist since XGBoost 2.0. */
  public String treeMethod() {
    String t = values.get(TREE_METHOD);
    return t.equals("auto") ? "hist" : t;
  }

  double eta() {
    return values.get(ETA);
  }

  double gamma() {
    return values.get(GAMMA);
  }

  int maxDepth() {
    return values.get(MAX_DEPTH);
  }

  double minChildWeight() {
    return values.get(MIN_CHILD_WEIGHT);
  }

  double maxDeltaStep() {
    return values.get(MAX_DELTA_STEP);
  }

  double subsample() {
    return values.get(SUBSAMPLE);
  }

  double colsampleBytree() {
    return values.get(COLSAMPLE_BYTREE);
  }

  double colsampleBylevel() {
    return values.get(COLSAMPLE_BYLEVEL);
  }

  double lambda() {
    return values.get(LAMBDA);
  }

  double alpha() {
    return values.get(ALPHA);
  }

  int maxBin() {
    return values.get(MAX_BIN);
  }

  double scalePosWeight() {
    return values.get(SCALE_POS_WEIGHT);
  }

  @Override
  protected void resolve(Map<String, Object> m) {
    m.put(TREE_METHOD.name(), treeMethod());
  }
}
