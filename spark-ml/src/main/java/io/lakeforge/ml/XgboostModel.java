package io.lakeforge.ml;

import org.apache.spark.ml.util.MLReader;

/**
 * A trained {@link Xgboost}: {@code transform} adds the columns {@code lakeforge transform} adds;
 * {@code save} writes a Lakeforge artifact folder, {@code load} reads one (also one the CLI
 * registered).
 */
public final class XgboostModel extends LakeforgeModel<XgboostModel> {
  private static final long serialVersionUID = 1L;

  XgboostModel(String uid, io.lakeforge.models.xgboost.XgboostModel model) {
    super(uid, model);
  }

  /** The trained model itself (Spark-free scoring). */
  public io.lakeforge.models.xgboost.XgboostModel model() {
    return (io.lakeforge.models.xgboost.XgboostModel) lakeforgeModel();
  }

  @Override
  protected XgboostModel withUid(String uid) {
    return new XgboostModel(uid, model());
  }

  public static MLReader<XgboostModel> read() {
    return reader(
        Xgboost.ALGORITHM,
        (uid, m) -> new XgboostModel(uid, (io.lakeforge.models.xgboost.XgboostModel) m));
  }

  public static XgboostModel load(String path) {
    return read().load(path);
  }
}
