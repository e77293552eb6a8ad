package io.lakeforge.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator for K-Means (web-scale mini-batch or Lloyd), as {@code lakeforge train
 * --algorithm kmeans}: SageMaker's hyperparameter names in camelCase, the CLI's defaults and
 * messages. {@code fit} gives a {@link KMeansModel}.
 */
public final class KMeans extends LakeforgeEstimator<KMeansModel> {
  private static final long serialVersionUID = 1L;
  static final String ALGORITHM = "kmeans";

  public KMeans() {
    this(Identifiable$.MODULE$.randomUID(ALGORITHM));
  }

  public KMeans(String uid) {
    super(uid, ALGORITHM);
  }

  public KMeans setK(int value) {
    setHyperparameter("k", value);
    return this;
  }

  public KMeans setMode(String value) {
    setHyperparameter("mode", value);
    return this;
  }

  public KMeans setMiniBatchSize(int value) {
    setHyperparameter("mini_batch_size", value);
    return this;
  }

  public KMeans setEpochs(int value) {
    setHyperparameter("epochs", value);
    return this;
  }

  public KMeans setMaxIter(int value) {
    setHyperparameter("max_iter", value);
    return this;
  }

  public KMeans setInitMethod(String value) {
    setHyperparameter("init_method", value);
    return this;
  }

  public KMeans setFeatureDim(int value) {
    setHyperparameter("feature_dim", value);
    return this;
  }

  public KMeans setSeed(long value) {
    setHyperparameter("seed", value);
    return this;
  }

  @Override
  protected KMeansModel newModel(String uid, io.lakeforge.models.Model trained) {
    return new KMeansModel(uid, (io.lakeforge.models.kmeans.KMeansModel) trained);
  }

  public static MLReader<KMeans> read() {
    return new DefaultParamsReader<>();
  }

  public static KMeans load(String path) {
    return read().load(path);
  }
}
