package io.lakeforge.algorithms.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training run produced besides the model: per-iteration (or per-epoch) training cost and
 * phase timings in seconds, kept in the run's metadata.
 */
public record TrainingRun(TrainedModel model, List<Double> costHistory, String costLabel,
    Map<String, Double> phaseSeconds) {
  public TrainingRun {
    costHistory = List.copyOf(costHistory);
    phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
  }
}
