package io.lakeforge.models.linear;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import java.io.IOException;

/** Reads linear learner model folders. */
public final class LinearFormat implements ModelFormat {
  @Override
  public String algorithm() {
    return LinearModel.ALGORITHM;
  }

  @Override
  public Model read(ModelFolder folder) throws IOException {
    return LinearModel.read(folder);
  }
}
