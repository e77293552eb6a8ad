package io.lakeforge.algorithms.linalg;

import io.lakeforge.algorithms.options.InvalidOptionException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Checks every trainer makes on its input before packing it. */
public final class TrainingInputs {
  private TrainingInputs() {}

  /**
   * The dimension of the feature vectors, from the first row; fails when there are no rows or when
   * {@code declared} (the {@code feature_dim} hyperparameter, 0 = not given) differs.
   */
  public static int featureDim(Dataset<Row> df, String featuresCol, int declared) {
    Row first = df.select(featuresCol).first();
    if (first == null || first.isNullAt(0)) {
      throw new InvalidOptionException("the training input has no rows with a feature vector");
    }
    int dim = ((Vector) first.get(0)).size();
    if (declared != 0 && declared != dim) {
      throw new DimensionMismatchException(declared, dim);
    }
    return dim;
  }

  public static void requireLabel(String algorithm, String labelCol) {
    if (labelCol == null) {
      throw new InvalidOptionException(
          algorithm
              + " is supervised: the features table needs a "
              + "label column (set features.label in the dataset spec)");
    }
  }
}
