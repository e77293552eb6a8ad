package io.lakeforge.ml;

import org.apache.spark.ml.util.MLReader;

/**
 * A trained {@link RandomCutForest}: {@code transform} adds the columns {@code lakeforge transform}
 * adds ({@code score}, {@code is_anomaly}); {@code save} writes a Lakeforge artifact folder, {@code
 * load} reads one (also one the CLI registered).
 */
public final class RandomCutForestModel extends LakeforgeModel<RandomCutForestModel> {
  private static final long serialVersionUID = 1L;

  RandomCutForestModel(String uid, io.lakeforge.models.rcf.RandomCutForestModel model) {
    super(uid, model);
  }

  /** The trained forest itself (Spark-free scoring). */
  public io.lakeforge.models.rcf.RandomCutForestModel model() {
    return (io.lakeforge.models.rcf.RandomCutForestModel) lakeforgeModel();
  }

  @Override
  protected RandomCutForestModel withUid(String uid) {
    return new RandomCutForestModel(uid, model());
  }

  public static MLReader<RandomCutForestModel> read() {
    return reader(
        RandomCutForest.ALGORITHM,
        (uid, m) ->
            new RandomCutForestModel(uid, (io.lakeforge.models.rcf.RandomCutForestModel) m));
  }

  public static RandomCutForestModel load(String path) {
    return read().load(path);
  }
}
