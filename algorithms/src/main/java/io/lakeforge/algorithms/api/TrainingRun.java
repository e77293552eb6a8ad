package io.lakeforge.algorithms.api;

import io.lakeforge.models.Model;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training run produced: the model, the training cost per iteration (or epoch), phase
 * timings in seconds, and the hyperparameters that ran, including what depends on the data (e.g.
 * k-NN's sample size when it is {@code auto}).
 */
public record TrainingRun(
    Model model,
    List<Double> costHistory,
    String costLabel,
    Map<String, Double> phaseSeconds,
    Map<String, Object> hyperparameters) {
  public TrainingRun {
    costHistory = List.copyOf(costHistory);
    phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
    hyperparameters =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(hyperparameters == null ? Map.of() : hyperparameters));
  }

  public TrainingRun(
      Model model, List<Double> costHistory, String costLabel, Map<String, Double> phaseSeconds) {
    this(model, costHistory, costLabel, phaseSeconds, Map.of());
  }

  /** The last training cost, or null when the trainer records none. */
  public Double finalCost() {
    return costHistory.isEmpty() ? null : costHistory.get(costHistory.size() - 1);
  }

  /** A copy whose hyperparameters are {@code resolved} (the trainer's view after fitting). */
  public TrainingRun withHyperparameters(Map<String, Object> resolved) {
    return new TrainingRun(model, costHistory, costLabel, phaseSeconds, resolved);
  }
}
