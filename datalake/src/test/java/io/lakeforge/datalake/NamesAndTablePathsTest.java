package io.lakeforge.datalake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.io.File;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that become paths, table arguments, and references that must mean one thing. */
class NamesAndTablePathsTest {
  static final File HOME = new File(System.getProperty("lakeforge.home", ".."));
  static final LakeLayout LAKE = new LakeLayout("/data/lake", null);

  @ParameterizedTest
  @ValueSource(
      strings = {"..", "../../x", "a/b", "", " ", "a b", ".hidden", "a.b", "x\ny", "-dash-first"})
  void pathLikeOrSpacedDatasetNamesAreRefusedBeforeAnyFileIsRead(String name) {
    assertThatThrownBy(() -> DatasetSpec.load(new File(HOME, "conf/datasets"), name, HOME))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dataset name '")
        .hasMessageContaining("is invalid: expected letters, digits, '_' or '-'");
    assertThatThrownBy(() -> LAKE.raw(name)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> LAKE.predictions(name)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void namesAreBoundedInLength() {
    assertThat(Names.isValid("a".repeat(Names.MAX_LENGTH))).isTrue();
    assertThat(Names.isValid("a".repeat(Names.MAX_LENGTH + 1))).isFalse();
    assertThat(Names.isValid("mnist_v2-small")).isTrue();
  }

  @Test
  void spellingsOfALakeTableResolveToOnePath() {
    String expected = "/data/lake/features/mnist";
    for (String t :
        new String[] {
          "features/mnist",
          "features/mnist/",
          "./features/mnist",
          "features//mnist",
          "./features/./mnist/",
          "/data/lake/features/mnist/"
        }) {
      assertThat(TablePaths.resolve(LAKE, t)).as(t).isEqualTo(expected);
    }
    Configuration conf = new Configuration();
    assertThat(TablePaths.same(conf, "file:///data/lake/features/mnist", expected)).isTrue();
    assertThat(
            TablePaths.same(conf, "s3a://b/lake/features/mnist/", "s3a://b//lake/features/mnist"))
        .isTrue();
    assertThat(TablePaths.same(conf, expected, "/data/lake/features/other")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../raw/mnist", "features/../../etc", "/data/lake/../x", ".", ""})
  void tableArgumentsCannotClimbOutOfTheLake(String table) {
    assertThatThrownBy(() -> TablePaths.resolve(LAKE, table))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is invalid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "v3", "V12", "latest", "Latest", "LATEST", "1x", "", "pro duction"})
  void aliasesThatLookLikeVersionsOrLatestAreRefused(String alias) {
    assertThatThrownBy(() -> ModelRef.requireAlias(alias))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("alias '" + alias + "' is invalid");
  }

  @Test
  void referencesParseToOneMeaning() {
    assertThat(ModelRef.parse("m@v3").version()).isEqualTo(3);
    assertThat(ModelRef.parse("m@V3").version()).isEqualTo(3);
    assertThat(ModelRef.parse("m@LATEST").alias()).isEqualTo("latest");
    assertThat(ModelRef.parse("m@production").alias()).isEqualTo("production");
    assertThat(ModelRef.requireAlias("v3-candidate")).isEqualTo("v3-candidate");
    assertThatThrownBy(() -> ModelRef.parse("m@99999999999"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("version 99999999999 is not a version number");
    assertThatThrownBy(() -> ModelRef.parse("m@0")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ModelRef.parse("../m@1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model name '../m' is invalid");
  }
}
