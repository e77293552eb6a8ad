package io.lakeforge.datalake.registry;

import java.sql.Timestamp;
import java.util.Map;

/**
 * One immutable registered model version: what was trained (algorithm, hyperparameters as JSON),
 * how well it did (metrics), from what (lineage JSON: features table, Delta version, feature spec,
 * code and Spark versions, seed, run id) and where its artifact lives.
 */
public record ModelVersion(
    String name,
    int version,
    String algorithm,
    String hyperparameters,
    Map<String, Double> metrics,
    String lineage,
    String artifactUri,
    String runId,
    String inputFingerprint,
    String codeVersion,
    String sparkVersion,
    Timestamp createdAt) {

  public String ref() {
    return name + "@" + version;
  }

  /** This row with another version number (the registry assigns it when it commits). */
  public ModelVersion withVersion(int v) {
    return new ModelVersion(
        name,
        v,
        algorithm,
        hyperparameters,
        metrics,
        lineage,
        artifactUri,
        runId,
        inputFingerprint,
        codeVersion,
        sparkVersion,
        createdAt);
  }
}
