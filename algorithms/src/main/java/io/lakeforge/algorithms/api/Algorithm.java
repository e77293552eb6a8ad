package io.lakeforge.algorithms.api;

import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the rest of Lakeforge knows about one built-in algorithm: its name, its
 * hyperparameters, how to train it, how to read its models and what its report shows. The CLI, the
 * train / transform / report jobs, the Spark ML API and tuning ask this descriptor; nothing outside
 * the algorithm's own package knows its classes. Implementations are listed in {@code
 * META-INF/services/io.lakeforge.algorithms.api.Algorithm} and found by {@link Algorithms}.
 */
public interface Algorithm {
  /** The name users type ({@code --algorithm kmeans}) and {@code model.json} records. */
  String name();

  /** One line for {@code train --help}. */
  String summary();

  /** The hyperparameter definitions: validation, defaults and help come from them. */
  OptionSet options();

  /** A trainer for these hyperparameters; invalid ones fail here, before any Spark work. */
  Trainer trainer(Map<String, String> hyperparameters);

  /** Reads this algorithm's model folders (Spark-free). */
  ModelFormat format();

  /** The pictures a report of {@code model} shows, beyond metrics and the training curve. */
  List<ReportFigure> figures(Model model);

  /**
   * The hyperparameter that sets how much training a run gets (epochs, iterations, boosting
   * rounds): what Hyperband gives a trial more of. Empty when the algorithm has none.
   */
  default Optional<String> resource() {
    return Optional.empty();
  }
}
