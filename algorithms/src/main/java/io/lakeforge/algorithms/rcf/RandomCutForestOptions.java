package io.lakeforge.algorithms.rcf;

import static io.lakeforge.algorithms.options.OptionDef.choice;
import static io.lakeforge.algorithms.options.OptionDef.intOption;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.ParsedOptions;
import io.lakeforge.algorithms.options.SharedOptions;
import java.util.List;
import java.util.Map;

/**
 * Random Cut Forest hyperparameters with Amazon SageMaker's names, defaults and ranges, validated
 * before any Spark work starts.
 */
public final class RandomCutForestOptions extends AlgorithmOptions {
  private static final long serialVersionUID = 1L;

  public static final OptionDef<Integer> NUM_TREES =
      intOption("num_trees", 100, 50, 1000, "number of trees in the forest");
  public static final OptionDef<Integer> NUM_SAMPLES_PER_TREE =
      intOption(
          "num_samples_per_tree",
          256,
          1,
          2048,
          "training rows each tree is grown on (a uniform sample of its partition's rows)");
  public static final OptionDef<String> EVAL_METRICS =
      choice(
          "eval_metrics",
          "accuracy,precision_recall_fscore",
          "metrics of a validation split labelled 0 (normal) / 1 (anomaly); without such labels "
              + "only the score distribution is recorded",
          "accuracy,precision_recall_fscore",
          "accuracy",
          "precision_recall_fscore");

  public static final OptionSet DEFINITIONS =
      new OptionSet(
          "randomcutforest",
          List.of(
              NUM_TREES,
              NUM_SAMPLES_PER_TREE,
              SharedOptions.FEATURE_DIM,
              EVAL_METRICS,
              SharedOptions.SEED));

  private RandomCutForestOptions(ParsedOptions values) {
    super(values);
  }

  public static RandomCutForestOptions parse(Map<String, String> hyperparameters) {
    return new RandomCutForestOptions(DEFINITIONS.parse(hyperparameters));
  }

  public int numTrees() {
    return values.get(NUM_TREES);
  }

  public int samplesPerTree() {
    return values.get(NUM_SAMPLES_PER_TREE);
  }

  public boolean accuracy() {
    return values.get(EVAL_METRICS).contains("accuracy");
  }

  public boolean precisionRecallFscore() {
    return values.get(EVAL_METRICS).contains("precision_recall_fscore");
  }

  @Override
  protected void resolve(Map<String, Object> m) {}
}
