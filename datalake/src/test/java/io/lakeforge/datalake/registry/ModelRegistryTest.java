package io.lakeforge.datalake.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.testing.LocalSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static ModelRegistry registry;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    registry = new ModelRegistry(spark, new LakeLayout(tmp.resolve("lake").toString(), null));
  }

  static ModelVersion version(String name, int v, String fingerprint) {
    return new ModelVersion(name, v, "kmeans", "{\"k\":3}", Map.of("nmi", 0.5 + v / 100.0),
        "{\"features_version\":" + v + "}", "/models/" + name + "/v" + v, "run-" + v,
        fingerprint, "0.1.0", "4.0.1", new Timestamp(System.currentTimeMillis()));
  }

  @Test
  void versionsAreNumberedResolvedAndImmutable() {
    assertThat(registry.nextVersion("digits")).isEqualTo(1);
    registry.register(version("digits", 1, "fp1"));
    assertThat(registry.nextVersion("digits")).isEqualTo(2);
    registry.register(version("digits", 2, "fp2"));

    assertThat(registry.resolve(ModelRef.parse("digits@latest")).version()).isEqualTo(2);
    assertThat(registry.resolve(ModelRef.parse("digits")).version()).isEqualTo(2);
    assertThat(registry.resolve(ModelRef.parse("digits@1")).metrics())
        .containsEntry("nmi", 0.51);
    assertThat(registry.findByFingerprint("digits", "fp1")).map(ModelVersion::version)
        .contains(1);

    long before = DeltaTables.latestVersion(spark, registry.table());
    assertThatThrownBy(() -> registry.register(version("digits", 2, "other")))
        .hasMessageContaining("digits@2 is already registered");
    assertThat(DeltaTables.latestVersion(spark, registry.table())).isEqualTo(before);
    assertThat(registry.list("digits")).hasSize(2);
  }

  @Test
  void aliasesMoveAndKeepTheirHistory() {
    registry.register(version("aliased", 1, "a"));
    registry.register(version("aliased", 2, "b"));
    registry.setAlias("aliased", "production", 1, "alice");
    assertThat(registry.resolve(ModelRef.parse("aliased@production")).version()).isEqualTo(1);
    registry.setAlias("aliased", "production", 2, "bob");
    assertThat(registry.resolve(ModelRef.parse("aliased@production")).version()).isEqualTo(2);
    assertThat(registry.aliasHistory("aliased")).hasSize(2);
    assertThat(registry.aliasHistory("aliased").get(0).getString(4)).isEqualTo("alice");
    assertThatThrownBy(() -> registry.setAlias("aliased", "staging", 9, "carol"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no version 9");
  }

  @Test
  void unknownReferencesSayWhatExists() {
    registry.register(version("known", 1, "k"));
    assertThatThrownBy(() -> registry.resolve(ModelRef.parse("missing@latest")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model 'missing' is not registered");
    assertThatThrownBy(() -> registry.resolve(ModelRef.parse("known@7")))
        .hasMessageContaining("registered versions: [1]");
    assertThatThrownBy(() -> registry.resolve(ModelRef.parse("known@production")))
        .hasMessageContaining("has no alias 'production'");
    assertThatThrownBy(() -> ModelRef.parse("bad name@1"))
        .hasMessageContaining("model name 'bad name' is invalid");
  }
}
