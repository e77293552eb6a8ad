package io.lakeforge.datalake.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-column feature transforms: what a spec may say, and the one line it gets when it may not. */
class TabularSpecErrorsTest {
  static final File HOME = new File(System.getProperty("lakeforge.home", ".."));
  static final String SCHEMA =
      "format = csv\nsource { path = x }\nschema = [\n"
          + "  { name = species, type = string }\n  { name = island, type = string }\n"
          + "  { name = mass, type = double, nullable = true }\n  { name = depth, type = double }\n"
          + "  { name = year, type = int }\n  { name = pixels, type = \"array<int>\" }\n]\n";

  @TempDir Path dir;

  DatasetSpec load(String features) throws IOException {
    Files.writeString(dir.resolve("t.conf"), SCHEMA + "features {\n" + features + "\n}\n");
    return DatasetSpec.load(dir.toFile(), "t", HOME);
  }

  void rejected(String features, String... parts) {
    assertThatThrownBy(() -> load(features))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(parts).doesNotContain("\n"));
  }

  @Test
  void shippedPenguinsSpecParsesWithDefaultsFilledIn() {
    DatasetSpec p = DatasetSpec.load(new File(HOME, "conf/datasets"), "penguins", HOME);
    assertThat(p.features().transforms()).hasSize(6);
    ColumnSpec sex = p.resolved(p.features().transforms().get(5));
    assertThat(sex.transform()).isEqualTo("one-hot");
    assertThat(sex.maxCategories()).isEqualTo(ColumnSpec.DEFAULT_MAX_CATEGORIES);
    assertThat(sex.impute()).isEqualTo("most-frequent");
    assertThat(p.readerOptions()).containsEntry("null-value", "NA");
  }

  @Test
  void imputeOnANonNullableColumnIsRejected() {
    rejected(
        "columns = [{ name = depth, impute = mean }]",
        "features column 'depth'",
        "impute = mean",
        "not nullable",
        "nullable = true");
  }

  @Test
  void nullableColumnWithoutImputeIsRejected() {
    rejected(
        "columns = [{ name = mass, transform = standardize }]",
        "features column 'mass'",
        "is nullable but has no impute",
        "impute = mean | median | most-frequent | constant");
  }

  @Test
  void numericTransformOnAStringColumnIsRejected() {
    rejected(
        "columns = [{ name = island, transform = standardize }]",
        "features column 'island'",
        "transform = one-hot or index");
  }

  @Test
  void categoricalTransformOnADoubleAndUnknownTransformsAreRejected() {
    rejected(
        "columns = [{ name = depth, transform = one-hot }]",
        "features column 'depth'",
        "double field");
    rejected(
        "columns = [{ name = depth, transform = zscore }]",
        "features column 'depth'",
        "transform = zscore",
        "standardize | minmax | none | log1p");
  }

  @Test
  void meanImputeOnACategoricalColumnAndBadConstantsAreRejected() {
    rejected(
        "columns = [{ name = island, impute = mean }]", "features column 'island'", "not nullable");
    rejected(
        "columns = [{ name = mass, impute = constant }]",
        "features column 'mass'",
        "constant = VALUE");
    rejected(
        "columns = [{ name = mass, impute = constant, constant = heavy }]",
        "features column 'mass'",
        "constant = heavy",
        "a number");
    rejected(
        "columns = [{ name = mass, impute = average }]",
        "features column 'mass'",
        "impute = average");
  }

  @Test
  void maxCategoriesNeedsACategoricalColumnAndAPositiveNumber() {
    rejected(
        "columns = [{ name = year, max-categories = 3 }]",
        "features column 'year'",
        "max-categories = 3",
        "one-hot or index");
    rejected(
        "columns = [{ name = island, max-categories = -1 }]",
        "features column 'island'",
        "max-categories = -1",
        ">= 1");
  }

  @Test
  void arrayColumnsLabelTypesAndUnknownKeysAreRejected() {
    rejected("columns = [{ name = pixels }]", "features column 'pixels'", "features.vector");
    rejected(
        "vector = pixels\nlabel = pixels",
        "features.label = pixels",
        "int, long, double or string");
    rejected("columns = [{ name = year, scale = 2 }]", "features column 'year' key scale");
    rejected(
        "columns = [{ name = year }]\nscaling = standardize",
        "features.scaling",
        "a transform on each column");
    rejected("columns = [{ name = year }, year]", "features column 'year'", "listed once");
    rejected(
        "columns = [{ name = year }, island]\nlabel = island",
        "features column 'island'",
        "the label to be left out");
  }

  @Test
  void aStringLabelAndPlainNamesAmongObjectsAreAccepted() throws IOException {
    DatasetSpec s =
        load("columns = [{ name = mass, impute = median }, island, year]\n" + "label = species");
    assertThat(s.features().columns()).containsExactly("mass", "island", "year");
    assertThat(s.resolved(s.features().transforms().get(1)).transform()).isEqualTo("one-hot");
    assertThat(s.resolved(s.features().transforms().get(2)).transform()).isEqualTo("none");
    assertThat(s.features().label()).isEqualTo("species");
  }
}
