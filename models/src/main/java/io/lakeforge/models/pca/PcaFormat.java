package io.lakeforge.models.pca;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import java.io.IOException;

/** Reads PCA model folders. */
public final class PcaFormat implements ModelFormat {
  @Override
  public String algorithm() {
    return PcaModel.ALGORITHM;
  }

  @Override
  public Model read(ModelFolder folder) throws IOException {
    return PcaModel.read(folder);
  }
}
