package io.lakeforge.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator for k-nearest neighbours (classifier or regressor), as {@code --algorithm
 * knn}: SageMaker's hyperparameter names in camelCase, the CLI's defaults and messages. {@code fit}
 * gives a {@link KnnModel}.
 */
public final class Knn extends LakeforgeEstimator<KnnModel> {
  private static final long serialVersionUID = 1L;
  static final String ALGORITHM = "knn";

  public Knn() {
    this(Identifiable$.MODULE$.randomUID(ALGORITHM));
  }

  public Knn(String uid) {
    super(uid, ALGORITHM);
  }

  public Knn setK(int value) {
    setHyperparameter("k", value);
    return this;
  }

  public Knn setPredictorType(String value) {
    setHyperparameter("predictor_type", value);
    return this;
  }

  public Knn setFeatureDim(int value) {
    setHyperparameter("feature_dim", value);
    return this;
  }

  public Knn setSeed(long value) {
    setHyperparameter("seed", value);
    return this;
  }

  @Override
  protected KnnModel newModel(String uid, io.lakeforge.models.Model trained) {
    return new KnnModel(uid, (io.lakeforge.models.knn.KnnModel) trained);
  }

  public static MLReader<Knn> read() {
    return new DefaultParamsReader<>();
  }

  public static Knn load(String path) {
    return read().load(path);
  }
}
