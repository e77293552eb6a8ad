package io.lakeforge.ml;

import io.lakeforge.models.ModelFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.SparkSession;

/** Loads any Lakeforge model folder as the Spark ML model of its algorithm. */
public final class LakeforgeModels {
  private LakeforgeModels() {}

  /** The model at {@code path} (saved from code or registered by the CLI) as its Model class. */
  public static LakeforgeModel<?> load(SparkSession spark, String path) {
    String algorithm;
    try {
      algorithm =
          new ModelFolder(spark.sparkContext().hadoopConfiguration(), path).manifest().algorithm();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model at " + path, e);
    }
    return switch (algorithm) {
      case KMeans.ALGORITHM -> KMeansModel.read().session(spark).load(path);
      case LinearLearner.ALGORITHM -> LinearLearnerModel.read().session(spark).load(path);
      case Pca.ALGORITHM -> PcaModel.read().session(spark).load(path);
      case Knn.ALGORITHM -> KnnModel.read().session(spark).load(path);
      case Xgboost.ALGORITHM -> XgboostModel.read().session(spark).load(path);
      case RandomCutForest.ALGORITHM -> RandomCutForestModel.read().session(spark).load(path);
      default ->
          throw new IllegalArgumentException(
              path + " holds a " + algorithm + " model, which has no Spark ML class");
    };
  }
}
