package io.lakeforge.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator for Random Cut Forest anomaly detection, as {@code --algorithm
 * randomcutforest}: SageMaker's hyperparameter names in camelCase, the CLI's defaults and messages.
 * {@code fit} gives a {@link RandomCutForestModel}, whose {@code transform} adds {@code score} and
 * {@code is_anomaly}.
 */
public final class RandomCutForest extends LakeforgeEstimator<RandomCutForestModel> {
  private static final long serialVersionUID = 1L;
  static final String ALGORITHM = "randomcutforest";

  public RandomCutForest() {
    this(Identifiable$.MODULE$.randomUID(ALGORITHM));
  }

  public RandomCutForest(String uid) {
    super(uid, ALGORITHM);
  }

  public RandomCutForest setNumTrees(int value) {
    setHyperparameter("num_trees", value);
    return this;
  }

  public RandomCutForest setNumSamplesPerTree(int value) {
    setHyperparameter("num_samples_per_tree", value);
    return this;
  }

  public RandomCutForest setFeatureDim(int value) {
    setHyperparameter("feature_dim", value);
    return this;
  }

  public RandomCutForest setSeed(long value) {
    setHyperparameter("seed", value);
    return this;
  }

  @Override
  protected RandomCutForestModel newModel(String uid, io.lakeforge.models.Model trained) {
    return new RandomCutForestModel(uid, (io.lakeforge.models.rcf.RandomCutForestModel) trained);
  }

  public static MLReader<RandomCutForest> read() {
    return new DefaultParamsReader<>();
  }

  public static RandomCutForest load(String path) {
    return read().load(path);
  }
}
