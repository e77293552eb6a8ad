package io.lakeforge.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code model.json}: what a model folder holds and how it came to be. {@code model} is the
 * algorithm's own typed section (bound by its {@link ModelFormat}); {@code hyperparameters} are the
 * resolved values that ran ({@code auto} replaced by what it chose) and {@code
 * requested_hyperparameters} what was asked for, defaults filled in. The fitted feature spec makes
 * the folder enough to score raw records too.
 *
 * <p>{@code format_version} is {@code MAJOR.MINOR}: a reader accepts any minor version of the
 * majors it knows (unknown fields are ignored) and refuses a newer major. Folders written before
 * the field became a string carry the number {@code 1}.
 */
public record ModelManifest(
    String formatVersion,
    String name,
    String runId,
    String algorithm,
    JsonNode model,
    Map<String, Object> hyperparameters,
    Map<String, Object> requestedHyperparameters,
    Map<String, Double> metrics,
    Training training,
    FittedFeatureSpec featureSpec,
    Map<String, Object> lineage,
    String createdAt,
    Integer version) {

  /** The format this Lakeforge writes. */
  public static final String CURRENT_FORMAT = "2.0";

  /** The newest major version this Lakeforge reads. */
  public static final int MAX_MAJOR = 2;

  /** The training run behind the model: its cost curve and phase timings. */
  public record Training(
      String costLabel,
      List<Double> costHistory,
      Map<String, Double> phaseSeconds,
      Long validationRows) {}

  public ModelManifest {
    hyperparameters = hyperparameters == null ? Map.of() : hyperparameters;
    requestedHyperparameters =
        requestedHyperparameters == null ? hyperparameters : requestedHyperparameters;
    metrics = metrics == null ? Map.of() : metrics;
    lineage = lineage == null ? Map.of() : lineage;
  }

  /**
   * The manifest of {@code model} saved outside a training job (from Spark ML code, or as a
   * fixture): no metrics, training record or lineage; {@code hyperparameters} as given.
   */
  public static ModelManifest of(
      Model model, String name, String runId, Map<String, Object> hyperparameters) {
    return new ModelManifest(
        CURRENT_FORMAT,
        name,
        runId,
        model.algorithm(),
        ModelJson.MAPPER.valueToTree(model.section()),
        hyperparameters,
        hyperparameters,
        Map.of(),
        null,
        null,
        Map.of(),
        Instant.now().toString(),
        null);
  }

  /** The major part of {@code format_version}. */
  public int majorVersion() {
    String v = formatVersion == null ? "" : formatVersion.trim();
    try {
      int dot = v.indexOf('.');
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      throw new ModelFormatException(
          "model.json has format_version '" + formatVersion + "'; expected MAJOR.MINOR");
    }
  }

  /**
   * The fitted feature spec: the top-level field, or where format 1 kept it, inside the lineage.
   */
  public FittedFeatureSpec featureSpecOrLineage() {
    if (featureSpec != null) {
      return featureSpec;
    }
    Object legacy = lineage.get("feature_spec");
    return legacy == null ? null : ModelJson.MAPPER.convertValue(legacy, FittedFeatureSpec.class);
  }
}
