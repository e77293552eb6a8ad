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
  @TempDir static Path tmp;

  static SparkSession spark;
  static ModelRegistry registry;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    registry = new ModelRegistry(spark, new LakeLayout(tmp.resolve("lake").toString(), null));
  }

  static ModelVersion version(String name, int v, String fingerprint) {
    return new ModelVersion(
        name,
        v,
        "kmeans",
        "{\"k\":3}",
        Map.of("nmi", 0.5),
        "{\"features_version\":" + v + "}",
        "/models/" + name + "/run-" + fingerprint,
        "run-" + fingerprint,
        fingerprint,
        "0.1.0",
        "4.0.1",
        new Timestamp(System.currentTimeMillis()));
  }

  @Test
  void versionsAreClaimedByTheCommitResolvedAndImmutable() {
    assertThat(registry.nextVersion("digits")).isEqualTo(1);
    assertThat(registry.register(version("digits", 0, "fp1")).version()).isEqualTo(1);
    assertThat(registry.nextVersion("digits")).isEqualTo(2);
    assertThat(registry.register(version("digits", 0, "fp2")).version()).isEqualTo(2);

    assertThat(registry.resolve(ModelRef.parse("digits@latest")).version()).isEqualTo(2);
    assertThat(registry.resolve(ModelRef.parse("digits")).version()).isEqualTo(2);
    assertThat(registry.resolve(ModelRef.parse("digits@1")).runId()).isEqualTo("run-fp1");
    assertThat(registry.findByFingerprint("digits", "fp1")).map(ModelVersion::version).contains(1);

    // Registering the same run again (a retry after an unknown outcome) adds nothing.
    long before = DeltaTables.latestVersion(spark, registry.table());
    assertThat(registry.register(version("digits", 7, "fp2")).version()).isEqualTo(2);
    assertThat(DeltaTables.latestVersion(spark, registry.table())).isEqualTo(before);
    assertThat(registry.list("digits")).hasSize(2);
  }

  @Test
  void concurrentRegistrationsOfOneModelGetDistinctVersions() throws Exception {
    LakeLayout lake = new LakeLayout(tmp.resolve("concurrent").toString(), null);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      java.util.List<java.util.concurrent.Future<ModelVersion>> futures =
          new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String fp = "c" + i;
        // One session per writer, as every lakeforge command has its own.
        futures.add(
            pool.submit(
                () ->
                    new ModelRegistry(spark.newSession(), lake).register(version("raced", 0, fp))));
      }
      java.util.Set<Integer> versions = new java.util.TreeSet<>();
      for (var f : futures) {
        versions.add(f.get().version());
      }
      assertThat(versions).containsExactly(1, 2, 3);
      assertThat(new ModelRegistry(spark, lake).list("raced"))
          .extracting(ModelVersion::runId)
          .containsExactlyInAnyOrder("run-c0", "run-c1", "run-c2");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aliasesMoveAndKeepTheirHistory() {
    registry.register(version("aliased", 0, "a"));
    registry.register(version("aliased", 0, "b"));
    registry.setAlias("aliased", "production", 1, "alice");
    assertThat(registry.resolve(ModelRef.parse("aliased@production")).version()).isEqualTo(1);
    registry.setAlias("aliased", "production", 2, "bob");
    assertThat(registry.resolve(ModelRef.parse("aliased@production")).version()).isEqualTo(2);
    assertThat(registry.aliasHistory("aliased")).hasSize(2);
    assertThat(registry.aliasHistory("aliased").get(0).getString(4)).isEqualTo("alice");
    assertThatThrownBy(() -> registry.setAlias("aliased", "staging", 9, "carol"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no version 9");
  }

  @Test
  void unknownReferencesSayWhatExists() {
    registry.register(version("known", 0, "k"));
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
