package io.lakeforge.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator for the linear learner (binary, multiclass or regression), as {@code
 * --algorithm linear-learner}: SageMaker's hyperparameter names in camelCase, the CLI's defaults
 * and messages. {@code fit} gives a {@link LinearLearnerModel}.
 */
public final class LinearLearner extends LakeforgeEstimator<LinearLearnerModel> {
  private static final long serialVersionUID = 1L;
  static final String ALGORITHM = "linear-learner";

  public LinearLearner() {
    this(Identifiable$.MODULE$.randomUID(ALGORITHM));
  }

  public LinearLearner(String uid) {
    super(uid, ALGORITHM);
  }

  public LinearLearner setPredictorType(String value) {
    setHyperparameter("predictor_type", value);
    return this;
  }

  public LinearLearner setNumClasses(int value) {
    setHyperparameter("num_classes", value);
    return this;
  }

  public LinearLearner setEpochs(int value) {
    setHyperparameter("epochs", value);
    return this;
  }

  public LinearLearner setMiniBatchSize(int value) {
    setHyperparameter("mini_batch_size", value);
    return this;
  }

  public LinearLearner setLearningRate(double value) {
    setHyperparameter("learning_rate", value);
    return this;
  }

  public LinearLearner setFeatureDim(int value) {
    setHyperparameter("feature_dim", value);
    return this;
  }

  public LinearLearner setSeed(long value) {
    setHyperparameter("seed", value);
    return this;
  }

  @Override
  protected LinearLearnerModel newModel(String uid, io.lakeforge.models.Model trained) {
    return new LinearLearnerModel(uid, (io.lakeforge.models.linear.LinearModel) trained);
  }

  public static MLReader<LinearLearner> read() {
    return new DefaultParamsReader<>();
  }

  public static LinearLearner load(String path) {
    return read().load(path);
  }
}
