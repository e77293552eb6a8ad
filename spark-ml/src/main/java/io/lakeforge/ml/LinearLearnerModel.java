package io.lakeforge.ml;

import org.apache.spark.ml.util.MLReader;

/**
 * A trained {@link LinearLearner}: {@code transform} adds the columns {@code lakeforge transform}
 * adds; {@code save} writes a Lakeforge artifact folder, {@code load} reads one (also one the CLI
 * registered).
 */
public final class LinearLearnerModel extends LakeforgeModel<LinearLearnerModel> {
  private static final long serialVersionUID = 1L;

  LinearLearnerModel(String uid, io.lakeforge.models.linear.LinearModel model) {
    super(uid, model);
  }

  /** The trained model itself (Spark-free scoring). */
  public io.lakeforge.models.linear.LinearModel model() {
    return (io.lakeforge.models.linear.LinearModel) lakeforgeModel();
  }

  @Override
  protected LinearLearnerModel withUid(String uid) {
    return new LinearLearnerModel(uid, model());
  }

  public static MLReader<LinearLearnerModel> read() {
    return reader(
        LinearLearner.ALGORITHM,
        (uid, m) -> new LinearLearnerModel(uid, (io.lakeforge.models.linear.LinearModel) m));
  }

  public static LinearLearnerModel load(String path) {
    return read().load(path);
  }
}
