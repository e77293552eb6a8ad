package io.lakeforge.models;

import java.io.IOException;

/**
 * Reads one algorithm's models from their folders. Implementations are listed in {@code
 * META-INF/services/io.lakeforge.models.ModelFormat} and found by {@link ModelFormats}.
 */
public interface ModelFormat {
  /** The algorithm name recorded in {@code model.json}, e.g. {@code kmeans}. */
  String algorithm();

  /** Reads the model from its folder: {@link ModelFolder#manifest()} and its Parquet data. */
  Model read(ModelFolder folder) throws IOException;
}
