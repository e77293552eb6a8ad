package io.lakeforge.models.xgboost;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import java.io.IOException;

/** Reads XGBoost model folders: {@code model.json} and the booster's own {@code booster.json}. */
public final class XgboostFormat implements ModelFormat {
  @Override
  public String algorithm() {
    return XgboostModel.ALGORITHM;
  }

  @Override
  public Model read(ModelFolder folder) throws IOException {
    return XgboostModel.read(folder);
  }
}
