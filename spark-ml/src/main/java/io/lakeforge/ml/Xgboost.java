package io.lakeforge.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator for gradient-boosted trees through xgboost4j-spark, as {@code --algorithm
 * xgboost}: SageMaker's hyperparameter names in camelCase, the CLI's defaults and messages. {@code
 * fit} gives a {@link XgboostModel}.
 */
public final class Xgboost extends LakeforgeEstimator<XgboostModel> {
  private static final long serialVersionUID = 1L;
  static final String ALGORITHM = "xgboost";

  public Xgboost() {
    this(Identifiable$.MODULE$.randomUID(ALGORITHM));
  }

  public Xgboost(String uid) {
    super(uid, ALGORITHM);
  }

  public Xgboost setNumRound(int value) {
    setHyperparameter("num_round", value);
    return this;
  }

  public Xgboost setObjective(String value) {
    setHyperparameter("objective", value);
    return this;
  }

  public Xgboost setNumClass(int value) {
    setHyperparameter("num_class", value);
    return this;
  }

  public Xgboost setEta(double value) {
    setHyperparameter("eta", value);
    return this;
  }

  public Xgboost setMaxDepth(int value) {
    setHyperparameter("max_depth", value);
    return this;
  }

  public Xgboost setFeatureDim(int value) {
    setHyperparameter("feature_dim", value);
    return this;
  }

  public Xgboost setSeed(long value) {
    setHyperparameter("seed", value);
    return this;
  }

  @Override
  protected XgboostModel newModel(String uid, io.lakeforge.models.Model trained) {
    return new XgboostModel(uid, (io.lakeforge.models.xgboost.XgboostModel) trained);
  }

  public static MLReader<Xgboost> read() {
    return new DefaultParamsReader<>();
  }

  public static Xgboost load(String path) {
    return read().load(path);
  }
}
