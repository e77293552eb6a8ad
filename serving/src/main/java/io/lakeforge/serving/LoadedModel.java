package io.lakeforge.serving;

import io.lakeforge.models.Model;
import io.lakeforge.models.features.FeatureVectorizer;
import io.lakeforge.models.features.FittedFeatureSpec;

/**
 * A model ready to answer requests: the Spark-free {@link Model} (the scorer batch transform uses),
 * the response shape of its algorithm and, for raw input, the vectorizer of its fitted feature
 * spec. Immutable: the endpoint swaps whole instances, so a request sees one model.
 *
 * @param ref what {@code X-Lakeforge-Model} says, {@code NAME@VERSION}
 * @param vectorizer null unless the endpoint takes raw records
 */
public record LoadedModel(
    String ref,
    String artifactUri,
    Model model,
    ResponseShape shape,
    FittedFeatureSpec featureSpec,
    FeatureVectorizer vectorizer) {

  /** The width of one request record: the feature dimension, or the raw record's. */
  public int inputDim() {
    return model.featureDim();
  }
}
