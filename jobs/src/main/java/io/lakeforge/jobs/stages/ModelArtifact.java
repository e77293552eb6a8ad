package io.lakeforge.jobs.stages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.api.Trainers;
import io.lakeforge.datalake.registry.ArtifactStore;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.spec.FittedFeatureSpec;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A registered version's artifact folder: {@code model.json} (algorithm, hyperparameters, metrics,
 * training history, lineage) and the model's Parquet data, read back into a scoring model.
 */
public final class ModelArtifact {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ModelVersion version;
  private final Map<String, Object> json;

  private ModelArtifact(ModelVersion version, Map<String, Object> json) {
    this.version = version;
    this.json = json;
  }

  public static ModelArtifact load(ArtifactStore store, ModelVersion v) {
    String text = store.readText(v.artifactUri() + "/" + ArtifactStore.MODEL_JSON);
    try {
      return new ModelArtifact(v, JSON.readValue(text, new TypeReference<Map<String, Object>>() {
      }));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot parse " + v.artifactUri() + "/model.json", e);
    }
  }

  public ModelVersion version() {
    return version;
  }

  public Map<String, Object> json() {
    return json;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> section(String name) {
    Object o = json.get(name);
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  @SuppressWarnings("unchecked")
  public FittedFeatureSpec featureSpec() {
    return FittedFeatureSpec.fromMap((Map<String, Object>) section("lineage").get("feature_spec"));
  }

  @SuppressWarnings("unchecked")
  public TrainedModel model(SparkSession spark) {
    Map<String, String> hp = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) json.get("hyperparameters")).forEach((k, val) -> hp.put(k,
        val instanceof java.util.List<?> l ? String.join(",", l.stream().map(String::valueOf)
            .toList()) : String.valueOf(val)));
    return Trainers.create(version.algorithm(), hp).read(spark, version.artifactUri());
  }

  static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
