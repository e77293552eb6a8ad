package io.lakeforge.models;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The model formats on the classpath, by algorithm name, and reading a model folder. */
public final class ModelFormats {
  private static final Map<String, ModelFormat> FORMATS = load();

  private ModelFormats() {}

  private static Map<String, ModelFormat> load() {
    Map<String, ModelFormat> m = new TreeMap<>();
    for (ModelFormat f :
        ServiceLoader.load(ModelFormat.class, ModelFormats.class.getClassLoader())) {
      if (m.put(f.algorithm(), f) != null) {
        throw new IllegalStateException("two model formats for algorithm " + f.algorithm());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  public static Map<String, ModelFormat> all() {
    return FORMATS;
  }

  public static ModelFormat forAlgorithm(String algorithm) {
    ModelFormat f = FORMATS.get(algorithm);
    if (f == null) {
      throw new ModelFormatException(
          String.format(
              "no model format for algorithm '%s' on the classpath; known: %s",
              algorithm, String.join(", ", FORMATS.keySet())));
    }
    return f;
  }

  /** Reads the model in {@code folder}, whatever its algorithm. */
  public static Model read(ModelFolder folder) throws IOException {
    return forAlgorithm(folder.manifest().algorithm()).read(folder);
  }
}
