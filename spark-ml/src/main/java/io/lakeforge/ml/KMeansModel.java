package io.lakeforge.ml;

import org.apache.spark.ml.util.MLReader;

/**
 * A trained {@link KMeans}: {@code transform} adds the columns {@code lakeforge transform} adds;
 * {@code save} writes a Lakeforge artifact folder, {@code load} reads one (also one the CLI
 * registered).
 */
public final class KMeansModel extends LakeforgeModel<KMeansModel> {
  private static final long serialVersionUID = 1L;

  KMeansModel(String uid, io.lakeforge.models.kmeans.KMeansModel model) {
    super(uid, model);
  }

  /** The trained model itself (Spark-free scoring). */
  public io.lakeforge.models.kmeans.KMeansModel model() {
    return (io.lakeforge.models.kmeans.KMeansModel) lakeforgeModel();
  }

  @Override
  protected KMeansModel withUid(String uid) {
    return new KMeansModel(uid, model());
  }

  public static MLReader<KMeansModel> read() {
    return reader(
        KMeans.ALGORITHM,
        (uid, m) -> new KMeansModel(uid, (io.lakeforge.models.kmeans.KMeansModel) m));
  }

  public static KMeansModel load(String path) {
    return read().load(path);
  }
}
