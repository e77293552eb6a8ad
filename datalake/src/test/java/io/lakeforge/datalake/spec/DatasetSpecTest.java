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
        .hasMessageContaining("known datasets: blobs, mnist, penguins");
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
    Files.writeString(
        dir.resolve("a.conf"),
        "format = xls\nsource { path = x }\n"
            + "schema = [{name = a, type = int}]\nfeatures { columns = [a] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "a", HOME))
        .hasMessageContaining("a.conf")
        .hasMessageContaining("format = xls")
        .hasMessageContaining("csv");
    Files.writeString(
        dir.resolve("b.conf"),
        "format = csv\nsource { path = x }\n"
            + "schema = [{name = a, type = int}]\nrules = [{field = z, min = 0}]\n"
            + "features { columns = [a] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "b", HOME))
        .hasMessageContaining("rules for [z]");
    Files.writeString(
        dir.resolve("c.conf"),
        "format = csv\nsource { path = x }\n"
            + "schema = [{name = a, type = float}]\nfeatures { columns = [a] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "c", HOME))
        .hasMessageContaining("type of a = float");
  }

  @Test
  void allowNonFiniteIsAPerFieldFlagForFloatingPointFieldsOnly(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("f.conf"),
        "format = csv\nsource { path = x }\n"
            + "schema = [{name = a, type = double, allow-non-finite = true}, {name = b, type = "
            + "double}, {name = v, type = \"array<double>\", allow-non-finite = true}]\n"
            + "features { columns = [a, b] }\n");
    DatasetSpec f = DatasetSpec.load(dir.toFile(), "f", HOME);
    assertThat(f.field("a").allowNonFinite()).isTrue();
    assertThat(f.field("b").allowNonFinite()).isFalse();
    assertThat(f.field("v").allowNonFinite()).isTrue();
    Files.writeString(
        dir.resolve("g.conf"),
        "format = csv\nsource { path = x }\n"
            + "schema = [{name = n, type = int, allow-non-finite = true}]\n"
            + "features { columns = [n] }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "g", HOME))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("allow-non-finite on n (int) is invalid");
  }

  @Test
  void maxBytesMustBeASize(@TempDir Path dir) throws IOException {
    String base = Files.readString(new File(CONF, "mnist.conf").toPath());
    Files.writeString(dir.resolve("m.conf"), base + "\nreader-options { max-bytes = 64m }\n");
    assertThat(DatasetSpec.load(dir.toFile(), "m", HOME).readerBytes("max-bytes", 0))
        .isEqualTo(64L << 20);
    Files.writeString(dir.resolve("n.conf"), base + "\nreader-options { max-bytes = lots }\n");
    assertThatThrownBy(() -> DatasetSpec.load(dir.toFile(), "n", HOME))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reader-options.max-bytes = lots is invalid");
  }
}
