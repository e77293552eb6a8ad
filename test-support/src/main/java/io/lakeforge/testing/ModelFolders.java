package io.lakeforge.testing;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormats;
import io.lakeforge.models.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Writes a model into a folder as training would, and reads it back through its format. */
public final class ModelFolders {
  private ModelFolders() {}

  public static ModelFolder write(Model model, String dir) {
    try {
      ModelFolder f = new ModelFolder(new Configuration(), dir);
      model.writeData(f);
      f.writeManifest(ModelManifest.of(model, "test", "run-1", Map.of()));
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Model read(String dir) {
    try {
      return ModelFormats.read(new ModelFolder(new Configuration(), dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Model roundTrip(Model model, String dir) {
    write(model, dir);
    return read(dir);
  }
}
