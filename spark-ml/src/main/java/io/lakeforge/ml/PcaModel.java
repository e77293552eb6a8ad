package io.lakeforge.ml;

import org.apache.spark.ml.util.MLReader;

/**
 * A trained {@link Pca}: {@code transform} adds the columns {@code lakeforge transform} adds;
 * {@code save} writes a Lakeforge artifact folder, {@code load} reads one (also one the CLI
 * registered).
 */
public final class PcaModel extends LakeforgeModel<PcaModel> {
  private static final long serialVersionUID = 1L;

  PcaModel(String uid, io.lakeforge.models.pca.PcaModel model) {
    super(uid, model);
  }

  /** The trained model itself (Spark-free scoring). */
  public io.lakeforge.models.pca.PcaModel model() {
    return (io.lakeforge.models.pca.PcaModel) lakeforgeModel();
  }

  @Override
  protected PcaModel withUid(String uid) {
    return new PcaModel(uid, model());
  }

  public static MLReader<PcaModel> read() {
    return reader(
        Pca.ALGORITHM, (uid, m) -> new PcaModel(uid, (io.lakeforge.models.pca.PcaModel) m));
  }

  public static PcaModel load(String path) {
    return read().load(path);
  }
}
