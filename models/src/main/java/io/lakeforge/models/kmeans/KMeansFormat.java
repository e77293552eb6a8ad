package io.lakeforge.models.kmeans;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import java.io.IOException;

/** Reads K-Means model folders. */
public final class KMeansFormat implements ModelFormat {
  @Override
  public String algorithm() {
    return KMeansModel.ALGORITHM;
  }

  @Override
  public Model read(ModelFolder folder) throws IOException {
    return KMeansModel.read(folder);
  }
}
