package io.lakeforge.jobs.stages;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelJson;
import io.lakeforge.models.ModelManifest;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A registered version with its artifact loaded: the registry row, the folder's manifest and the
 * model, read from the folder alone through the model's format.
 */
public record RegisteredModel(ModelVersion version, ModelManifest manifest, Model model) {

  /** Resolves {@code ref} in the registry and loads its artifact. */
  public static RegisteredModel load(JobContext ctx, String ref) {
    ModelVersion v = ctx.registry().resolve(ModelRef.parse(ref));
    ModelFolder folder = folder(ctx, v);
    try {
      // Through the algorithm's descriptor: an algorithm added to the classpath needs no other
      // registration to be scored and reported.
      return new RegisteredModel(
          v,
          folder.manifest(),
          Algorithms.get(folder.manifest().algorithm()).format().read(folder));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the artifact of "
              + v.ref()
              + " at "
              + v.artifactUri()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** A version's {@code model.json} as stored (pretty-printed). */
  public static String manifestJson(JobContext ctx, ModelVersion v) {
    try {
      return ModelJson.MAPPER.writeValueAsString(folder(ctx, v).manifest());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + v.artifactUri() + "/model.json: " + e.getMessage(), e);
    }
  }

  private static ModelFolder folder(JobContext ctx, ModelVersion v) {
    return new ModelFolder(ctx.spark().sparkContext().hadoopConfiguration(), v.artifactUri());
  }

  /** The fitted feature spec the model was trained with. */
  public FittedFeatureSpec featureSpec() {
    return manifest.featureSpecOrLineage();
  }

  /** The dataset the model was trained on, from its lineage. */
  public String dataset() {
    return String.valueOf(manifest.lineage().get("dataset"));
  }
}
