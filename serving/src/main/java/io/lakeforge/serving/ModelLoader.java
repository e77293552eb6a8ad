package io.lakeforge.serving;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelFormats;
import io.lakeforge.models.ModelManifest;
import io.lakeforge.models.features.FeatureVectorizer;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Where the endpoint's model comes from: a registered version (resolved through {@link
 * RegistryReader}, re-resolved while an alias is followed) or a model folder. Reads {@code
 * model.json} and the Parquet data with the models module alone.
 */
public final class ModelLoader {
  /** Whether requests carry model features (SageMaker's behaviour) or raw source records. */
  public enum Input {
    FEATURES,
    RAW
  }

  private final Configuration conf;
  private final RegistryReader registry;
  private final ModelTarget target;
  private final String folder;
  private final Input input;

  private ModelLoader(
      Configuration conf, RegistryReader registry, ModelTarget target, String folder, Input input) {
    this.conf = conf;
    this.registry = registry;
    this.target = target;
    this.folder = folder;
    this.input = input;
  }

  /** Serves {@code target} from the registry tables at these paths. */
  public static ModelLoader registry(
      Configuration conf,
      String modelsTable,
      String aliasesTable,
      ModelTarget target,
      Input input) {
    return new ModelLoader(
        conf, new RegistryReader(conf, modelsTable, aliasesTable), target, null, input);
  }

  /** Serves the model folder {@code uri} (no registry: nothing to follow). */
  public static ModelLoader folder(Configuration conf, String uri, Input input) {
    return new ModelLoader(conf, null, null, uri, input);
  }

  /** Whether {@link #refresh} can ever return another model. */
  public boolean follows() {
    return target != null && target.follows();
  }

  public String describe() {
    return target != null ? target.toString() : folder;
  }

  /** The model to serve now: {@code current} when the target still points at it. */
  public LoadedModel refresh(LoadedModel current) {
    if (registry == null) {
      return current != null ? current : load(folder, folder);
    }
    RegistryReader.Entry e = registry.resolve(target);
    if (current != null && current.ref().equals(e.ref())) {
      return current;
    }
    return load(e.artifactUri(), e.ref());
  }

  private LoadedModel load(String uri, String ref) {
    try {
      ModelFolder f = new ModelFolder(conf, uri);
      ModelManifest manifest = f.manifest();
      Model model = ModelFormats.read(f);
      FittedFeatureSpec spec = manifest.featureSpecOrLineage();
      FeatureVectorizer vectorizer = null;
      if (input == Input.RAW) {
        if (spec == null) {
          throw new ServingException(
              400,
              ref
                  + " records no fitted feature spec, so it cannot "
                  + "take raw records; serve it with --input features");
        }
        vectorizer = FeatureVectorizer.of(spec);
        if (vectorizer.dim() != model.featureDim()) {
          throw new ServingException(
              400,
              String.format(
                  "%s: its feature spec makes %d " + "features but the model takes %d",
                  ref, vectorizer.dim(), model.featureDim()));
        }
      }
      String shownRef =
          manifest.version() != null && registry == null
              ? manifest.name() + "@" + manifest.version()
              : ref;
      return new LoadedModel(shownRef, uri, model, ResponseShape.of(model), spec, vectorizer);
    } catch (ModelFormatException e) {
      throw new ServingException(500, e.getMessage(), e);
    } catch (IOException e) {
      throw new ServingException(500, "cannot read the model at " + uri + ": " + e.getMessage(), e);
    }
  }
}
