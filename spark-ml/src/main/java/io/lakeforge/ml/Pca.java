package io.lakeforge.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Spark ML estimator for PCA (exact or randomized), as {@code --algorithm pca}: SageMaker's
 * hyperparameter names in camelCase, the CLI's defaults and messages. {@code fit} gives a {@link
 * PcaModel}.
 */
public final class Pca extends LakeforgeEstimator<PcaModel> {
  private static final long serialVersionUID = 1L;
  static final String ALGORITHM = "pca";

  public Pca() {
    this(Identifiable$.MODULE$.randomUID(ALGORITHM));
  }

  public Pca(String uid) {
    super(uid, ALGORITHM);
  }

  public Pca setNumComponents(int value) {
    setHyperparameter("num_components", value);
    return this;
  }

  public Pca setFeatureDim(int value) {
    setHyperparameter("feature_dim", value);
    return this;
  }

  public Pca setSeed(long value) {
    setHyperparameter("seed", value);
    return this;
  }

  @Override
  protected PcaModel newModel(String uid, io.lakeforge.models.Model trained) {
    return new PcaModel(uid, (io.lakeforge.models.pca.PcaModel) trained);
  }

  public static MLReader<Pca> read() {
    return new DefaultParamsReader<>();
  }

  public static Pca load(String path) {
    return read().load(path);
  }
}
