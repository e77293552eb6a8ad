package io.lakeforge.datalake.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecTest {
  static final File HOME = new File(System.getProperty("lakeforge.home", ".."));
  static final File CONF = new File(HOME, "conf/datasets");

  @Test
  void shippedMnistSpecDeclaresPixelsLabelAndRules() {
    DatasetSpec mnist = DatasetSpec.load(CONF, "mnist", HOME);
    assertThat(mnist.format()).isEqualTo("idx");
    assertThat(mnist.field("pixels").length()).isEqualTo(784);
    assertThat(mnist.field("pixels").rangeText()).isEqualTo("0..255");
    assertThat(mnist.field("label").rangeText()).isEqualTo("0..9");
    assertThat(new File(mnist.sources().get("images"))).isFile();
    assertThat(mnist.features().scaling()).isEqualTo("divide");
  }

  @Test
  void unknownDatasetListsTheKnownOnes() {
    assertThatThrownBy(() -> DatasetSpec.load(CONF, "cifar", HOME))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown dataset 'cifar'")
        .hasMessageContaining("known datasets: blobs, mnist");
  }

  @Test
  void unknownSourceRoleIsRejected() {
    DatasetSpec mnist = DatasetSpec.load(CONF, "mnist", HOME);
    assertThatThrownBy(() -> mnist.withSources(Map.of("image", "/x")))
        .hasMessageContaining("has no source 'image'")
        .hasMessageContaining("images, labels");
  }

  @Test
  void badSpecsNameTheFileAndTheExpectation(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.conf"), "format = xls\nsource { path = x }\n"
        + "schema = [{name = a, type = int}]\nfeatures { columns = [a] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "a", HOME))
        .hasMessageContaining("a.conf").hasMessageContaining("format = xls")
        .hasMessageContaining("csv");
    Files.writeString(dir.resolve("b.conf"), "format = csv\nsource { path = x }\n"
        + "schema = [{name = a, type = int}]\nrules = [{field = z, min = 0}]\n"
        + "features { columns = [a] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "b", HOME))
        .hasMessageContaining("rules for [z]");
    Files.writeString(dir.resolve("c.conf"), "format = csv\nsource { path = x }\n"
        + "schema = [{name = a, type = float}]\nfeatures { columns = [a] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "c", HOME))
        .hasMessageContaining("type of a = float");
  }
}
