package io.lakeforge.algorithms.api;

import io.lakeforge.algorithms.kmeans.KMeansOptions;
import io.lakeforge.algorithms.kmeans.KMeansTrainer;
import io.lakeforge.algorithms.knn.KnnOptions;
import io.lakeforge.algorithms.knn.KnnTrainer;
import io.lakeforge.algorithms.linear.LinearLearnerOptions;
import io.lakeforge.algorithms.linear.LinearLearnerTrainer;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.pca.PcaOptions;
import io.lakeforge.algorithms.pca.PcaTrainer;
import io.lakeforge.algorithms.options.OptionSet;
import java.util.List;
import java.util.Map;

/** Creates a trainer by algorithm name, validating its hyperparameters before any Spark work. */
public final class Trainers {
  public static final List<String> ALGORITHMS = List.of("kmeans", "linear-learner", "pca", "knn");

  private Trainers() {}

  public static Trainer create(String algorithm, Map<String, String> hyperparameters) {
    return switch (algorithm) {
      case "kmeans" -> new KMeansTrainer(KMeansOptions.parse(hyperparameters));
      case "linear-learner" -> new LinearLearnerTrainer(LinearLearnerOptions.parse(hyperparameters));
      case "pca" -> new PcaTrainer(PcaOptions.parse(hyperparameters));
      case "knn" -> new KnnTrainer(KnnOptions.parse(hyperparameters));
      default -> throw new InvalidOptionException(String.format(
          "unknown algorithm '%s'; available: %s", algorithm, String.join(", ", ALGORITHMS)));
    };
  }

  /** The hyperparameter definitions of an algorithm, for {@code --help} and error messages. */
  public static OptionSet options(String algorithm) {
    return switch (algorithm) {
      case "kmeans" -> KMeansOptions.DEFINITIONS;
      case "linear-learner" -> LinearLearnerOptions.DEFINITIONS;
      case "pca" -> PcaOptions.DEFINITIONS;
      case "knn" -> KnnOptions.DEFINITIONS;
      default -> throw new InvalidOptionException(String.format(
          "unknown algorithm '%s'; available: %s", algorithm, String.join(", ", ALGORITHMS)));
    };
  }
}
