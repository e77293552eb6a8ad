package io.lakeforge.models.knn;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import java.io.IOException;

/** Reads k-NN model folders. */
public final class KnnFormat implements ModelFormat {
  @Override
  public String algorithm() {
    return KnnModel.ALGORITHM;
  }

  @Override
  public Model read(ModelFolder folder) throws IOException {
    return KnnModel.read(folder);
  }
}
