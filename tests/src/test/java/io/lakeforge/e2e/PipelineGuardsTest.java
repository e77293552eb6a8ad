package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.testing.LocalSpark;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pipeline run on the blobs sample with a recognisable secret in every kind of secret key,
 * shared by the checks that need a registered model: the secrets appear in no output, log, table,
 * artifact or registry row; {@code lake vacuum} guards every table a model's lineage pins, however
 * the table is spelled; and an OutOfMemoryError inside a command ends with the usual error line.
 */
class PipelineGuardsTest {
  @TempDir static Path tmp;

  static SparkSession spark;
  static String lake;
  static LakeLayout layout;
  static final List<String> printed = new ArrayList<>();
  static final StringWriter logs = new StringWriter();
  static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static {
    SECRETS.put("spark.hadoop.fs.s3a.encryption.key", "Secret1-sse-4f1c9d");
    SECRETS.put(
        "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net", "Secret2-azure-8e2a7b");
    SECRETS.put("spark.hadoop.fs.gs.auth.service.account.private.key", "Secret3-pk-5d7b3a");
    SECRETS.put("spark.hadoop.fs.s3a.secret.key", "Secret4-s3a-9a3e1f");
    SECRETS.put("spark.hadoop.my.vault.pin", "Secret5-vault-2c6f0e");
  }

  static String[] secretFlags() {
    List<String> flags = new ArrayList<>(List.of("--conf", "secrets.key-pattern=vault[.]pin"));
    SECRETS.forEach((k, v) -> flags.addAll(List.of("--conf", k + "=" + v)));
    return flags.toArray(new String[0]);
  }

  static Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(secretFlags()));
    Cli.Result r = Cli.run(lake, all.toArray(new String[0]));
    printed.add(r.out());
    printed.add(r.err());
    return r;
  }

  static Appender capture;

  @BeforeAll
  static void runPipeline() throws IOException {
    spark = LocalSpark.get();
    lake = tmp.resolve("lake").toString();
    layout = new LakeLayout(lake, null);
    // Everything Spark, Delta and Lakeforge log at INFO and above, while the pipeline runs.
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    capture =
        WriterAppender.newBuilder()
            .setName("secrets-capture")
            .setTarget(logs)
            .setLayout(PatternLayout.newBuilder().withPattern("%c: %m%n%ex").build())
            .build();
    capture.start();
    LoggerConfig root = config.getRootLogger();
    List<Appender> console = new ArrayList<>(root.getAppenders().values());
    console.forEach(a -> root.removeAppender(a.getName()));
    console.forEach(a -> root.addAppender(a, Level.ERROR, null));
    root.addAppender(capture, Level.INFO, null);
    root.setLevel(Level.INFO);
    ctx.updateLoggers();
    try {
      Path spec =
          Files.writeString(
              tmp.resolve("guard.conf"),
              String.join(
                  "\n",
                  "pipeline {",
                  "  dataset = blobs",
                  "  train { algorithm = kmeans, model-name = guard-kmeans, partitions = 2,",
                  "    hyperparameters { k = 3, mode = lloyd, seed = 5, max_iter = 5 } }",
                  "}"));
      Cli.Result r = run("pipeline", "--spec", spec.toString());
      assertThat(r.code()).as(r.err()).isZero();
      run("config");
      run("models", "list");
      // An error message that would carry a secret (here in a path) prints it masked.
      Cli.Result missing =
          run(
              "ingest",
              "--dataset",
              "blobs",
              "--source",
              "path=/nonexistent/" + SECRETS.get("spark.hadoop.fs.s3a.encryption.key"));
      assertThat(missing.code()).isEqualTo(2);
      assertThat(missing.err()).contains("/nonexistent/****: file does not exist");
    } finally {
      root.setLevel(Level.ERROR);
      root.removeAppender(capture.getName());
      console.forEach(a -> root.removeAppender(a.getName()));
      console.forEach(a -> root.addAppender(a, null, null));
      ctx.updateLoggers();
    }
  }

  @AfterAll
  static void stopCapture() {
    capture.stop();
  }

  @Test
  void secretsAppearInNoOutputLogFileArtifactOrRegistryRow() throws IOException {
    assertThat(logs.toString())
        .as("logs were captured")
        .contains("org.apache.spark.scheduler.DAGScheduler");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(tmp.resolve("lake"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files)
        .as("the lake has tables, an artifact and a report")
        .anyMatch(f -> f.toString().endsWith("model.json"))
        .anyMatch(f -> f.toString().endsWith("report.html"))
        .anyMatch(f -> f.toString().contains("_delta_log"));
    List<ModelVersion> versions = new ModelRegistry(spark, layout).list(null);
    assertThat(versions).isNotEmpty();
    for (String secret : SECRETS.values()) {
      byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
      for (Path f : files) {
        assertThat(indexOf(Files.readAllBytes(f), needle)).as(f + " holds " + secret).isNegative();
      }
      for (String text : printed) {
        assertThat(text).doesNotContain(secret);
      }
      assertThat(logs.toString()).doesNotContain(secret);
      for (ModelVersion v : versions) {
        assertThat(v.toString()).doesNotContain(secret);
      }
    }
    String config = String.join("\n", printed);
    for (String key : SECRETS.keySet()) {
      assertThat(config).contains(key + " = ****");
    }
  }

  @Test
  void vacuumRefusesEveryPinnedTableHoweverItIsSpelled() {
    ModelVersion v = new ModelRegistry(spark, layout).resolve(ModelRef.parse("guard-kmeans@1"));
    Map<String, Object> lineage = DeltaTables.parse(v.lineage());
    assertThat(lineage).containsKeys("features_table", "curated_table", "curated_version");
    Map<String, Long> before = new LinkedHashMap<>();
    for (String t : List.of("raw/blobs", "curated/blobs", "features/blobs")) {
      before.put(t, DeltaTables.latestVersion(spark, layout.table(t)));
    }
    Map<String, String> spellings = new LinkedHashMap<>();
    spellings.put("features/blobs/", "was trained on version ");
    spellings.put("./features/blobs", "was trained on version ");
    spellings.put("features//blobs", "was trained on version ");
    spellings.put("file://" + lake + "/features/blobs", "was trained on version ");
    spellings.put("./curated/blobs/", "was trained on features built from version ");
    spellings.put("raw/blobs", "was trained on data curated from version ");
    spellings.put(lake + "/raw/blobs/", "was trained on data curated from version ");
    for (Map.Entry<String, String> t : spellings.entrySet()) {
      Cli.Result r = run("lake", "vacuum", t.getKey(), "--retain-hours", "0");
      assertThat(r.code()).as(t.getKey() + ": " + r.err()).isEqualTo(2);
      assertThat(r.err())
          .contains("refusing to vacuum")
          .containsPattern("guard-kmeans@1 " + t.getValue() + "\\d+ \\(committed ");
    }
    for (Map.Entry<String, Long> e : before.entrySet()) {
      assertThat(DeltaTables.latestVersion(spark, layout.table(e.getKey())))
          .as(e.getKey() + " untouched")
          .isEqualTo(e.getValue());
    }
    Cli.Result show = run("lake", "show", "./features/blobs/");
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("table:   " + lake + "/features/blobs\n");
    // Keeping more hours than the pinned versions' age is allowed.
    Cli.Result kept = run("lake", "vacuum", "./features/blobs/", "--retain-hours", "200");
    assertThat(kept.code()).as(kept.err()).isZero();
    assertThat(kept.out()).contains("vacuumed " + lake + "/features/blobs");
  }

  @Test
  void anOutOfMemoryErrorInACommandEndsWithTheUsualErrorLineAndExitOne() {
    Cli.Result r = Cli.run(lake, "ingest", "--dataset", "blobs", "--source", "path=oom:///big");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "lakeforge: error: out of memory in the driver (Java heap space); give it more with "
                + "LAKEFORGE_HEAP or spark.driver.memory",
            "lakeforge: (java.lang.OutOfMemoryError; set LAKEFORGE_DEBUG=1 for the stack trace)");
    // The session is still usable by the next command.
    assertThat(spark.range(3).count()).isEqualTo(3);
    Row any = spark.read().format("delta").load(layout.raw("blobs")).limit(1).first();
    assertThat(any).isNotNull();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
