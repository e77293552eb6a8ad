package io.lakeforge.models.rcf;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import java.io.IOException;

/** Reads random cut forest model folders. */
public final class RandomCutForestFormat implements ModelFormat {
  @Override
  public String algorithm() {
    return RandomCutForestModel.ALGORITHM;
  }

  @Override
  public Model read(ModelFolder folder) throws IOException {
    return RandomCutForestModel.read(folder);
  }
}
