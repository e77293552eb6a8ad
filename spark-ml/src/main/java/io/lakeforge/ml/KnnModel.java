package io.lakeforge.ml;

import org.apache.spark.ml.util.MLReader;

/**
 * A trained {@link Knn}: {@code transform} adds the columns {@code lakeforge transform} adds;
 * {@code save} writes a Lakeforge artifact folder, {@code load} reads one (also one the CLI
 * registered).
 */
public final class KnnModel extends LakeforgeModel<KnnModel> {
  private static final long serialVersionUID = 1L;

  KnnModel(String uid, io.lakeforge.models.knn.KnnModel model) {
    super(uid, model);
  }

  /** The trained model itself (Spark-free scoring). */
  public io.lakeforge.models.knn.KnnModel model() {
    return (io.lakeforge.models.knn.KnnModel) lakeforgeModel();
  }

  @Override
  protected KnnModel withUid(String uid) {
    return new KnnModel(uid, model());
  }

  public static MLReader<KnnModel> read() {
    return reader(
        Knn.ALGORITHM, (uid, m) -> new KnnModel(uid, (io.lakeforge.models.knn.KnnModel) m));
  }

  public static KnnModel load(String path) {
    return read().load(path);
  }
}
