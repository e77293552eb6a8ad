package io.lakeforge.datalake.registry;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * One trial of a tuning job as {@code registry/tuning} keeps it: what it ran (the full
 * hyperparameters as JSON, the varied ones apart), how it ended, its objective and every metric,
 * and the features version it trained on. The objective is null when the trial failed.
 */
public record TrialRecord(
    String tuningId,
    int trial,
    String modelName,
    String algorithm,
    String strategy,
    String specFingerprint,
    String hyperparameters,
    String varied,
    String objectiveMetric,
    String objectiveGoal,
    Double objective,
    Map<String, Double> metrics,
    List<Double> intermediate,
    String status,
    String reason,
    double seconds,
    String featuresTable,
    long featuresVersion,
    Timestamp finishedAt) {
  public static final String COMPLETED = "completed";
  public static final String STOPPED = "stopped";
  public static final String FAILED = "failed";

  public TrialRecord {
    metrics = Map.copyOf(metrics);
    intermediate = List.copyOf(intermediate);
  }

  /** Whether larger objective values are better. */
  public boolean maximize() {
    return "maximize".equals(objectiveGoal);
  }
}
