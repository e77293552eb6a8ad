package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.ArtifactStore;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.testing.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same pipeline assertions on local disk and on S3 (a real S3 API on 127.0.0.1), plus what only
 * object stores do wrong: bad credentials, a missing bucket, an unreachable endpoint.
 */
class StorageTest {
  @TempDir static Path tmp;

  static SparkSession spark;
  static S3Fixture s3;
  static final List<String> printed = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.get();
    s3 = new S3Fixture(spark, tmp.resolve("s3-data"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    s3.close();
  }

  static String lakeFor(String storage) {
    return storage.equals("s3")
        ? "s3a://" + S3Fixture.BUCKET + "/lake"
        : tmp.resolve("local-lake").toString();
  }

  static Cli.Result run(String lake, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(s3.confFlags()));
    Cli.Result r = Cli.run(lake, all.toArray(new String[0]));
    printed.add(r.out());
    printed.add(r.err());
    return r;
  }

  static Path pipelineSpec() throws IOException {
    Path spec = tmp.resolve("blobs-kmeans.conf");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "pipeline {",
            "  dataset = blobs",
            "  train { algorithm = kmeans, model-name = blobs-kmeans,",
            "    hyperparameters { k = 3, mode = lloyd, seed = 5 } }",
            "  transform.split = validation",
            "}"));
    return spec;
  }

  /**
   * On S3; the same on a local lake is the walkthrough's (MnistWalkthroughTest) and gc's
   * (FaultsTest).
   */
  @ParameterizedTest
  @ValueSource(strings = {"s3"})
  void pipelineRegistersReportsAndRerunsAsANoOp(String storage) throws Exception {
    String lake = lakeFor(storage);
    LakeLayout layout = new LakeLayout(lake, null);
    String spec = pipelineSpec().toString();

    Cli.Result first = run(lake, "pipeline", "--spec", spec, "--profile", storage);
    assertThat(first.code()).as(first.err()).isZero();
    String report = first.lastLine();
    assertThat(report).startsWith(lake).endsWith("/report.html");
    org.apache.hadoop.fs.Path reportPath = new org.apache.hadoop.fs.Path(report);
    FileSystem fs = reportPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
    assertThat(fs.exists(reportPath)).isTrue();
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(reportPath.getParent(), "clusters.png")))
        .isTrue();

    ModelRegistry registry = new ModelRegistry(spark, layout);
    ModelVersion v1 = registry.resolve(ModelRef.parse("blobs-kmeans@latest"));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.artifactUri()).isEqualTo(lake + "/models/blobs-kmeans/" + v1.runId());
    assertThat(v1.metrics().get("nmi")).isGreaterThan(0.9);
    assertThat(spark.read().format("delta").load(layout.curated("blobs")).count()).isEqualTo(600);

    Map<String, Long> before = versions(layout);
    Cli.Result second = run(lake, "pipeline", "--spec", spec, "--profile", storage);
    assertThat(second.code()).isZero();
    assertThat(versions(layout)).isEqualTo(before);

    Cli.Result list = run(lake, "models", "list", "--profile", storage);
    assertThat(list.out()).containsPattern("blobs-kmeans\\s+1\\s+kmeans");

    // A run that died before registering leaves a folder no row points to: gc removes it, and
    // only it.
    ArtifactStore store =
        new ArtifactStore(layout.modelsRoot(), spark.sparkContext().hadoopConfiguration());
    String leftover = store.runDir("blobs-kmeans", "20260101T000000Z-dead0000");
    org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(leftover, "model.json");
    marker.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(marker).close();
    Cli.Result gc = run(lake, "models", "gc", "--older-than-hours", "0", "--profile", storage);
    assertThat(gc.code()).isZero();
    assertThat(gc.out()).contains("removed 1 unregistered folder");
    assertThat(store.exists(leftover)).isFalse();
    assertThat(store.exists(v1.artifactUri() + "/model.json")).isTrue();
  }

  /**
   * Each built-in trainer on the blobs dataset: train → register → transform with the registered
   * version on S3 (MnistWalkthroughTest runs the same round trip on local disk).
   */
  @ParameterizedTest
  @ValueSource(strings = {"s3"})
  void builtInTrainersTrainRegisterAndTransform(String storage) {
    // The pipeline test's lake: its blobs tables are reused when that test ran first.
    String lake = lakeFor(storage);
    LakeLayout layout = new LakeLayout(lake, null);
    for (String stage : List.of("ingest", "curate", "featurize")) {
      assertThat(run(lake, stage, "--dataset", "blobs", "--profile", storage).code()).isZero();
    }
    Map<String, List<String>> trainers = new java.util.LinkedHashMap<>();
    trainers.put(
        "linear-learner",
        List.of(
            "predictor_type=multiclass_classifier",
            "num_classes=3",
            "mini_batch_size=50",
            "epochs=5"));
    trainers.put("pca", List.of("num_components=2", "algorithm_mode=randomized"));
    trainers.put("knn", List.of("k=5", "predictor_type=classifier"));
    ModelRegistry registry = new ModelRegistry(spark, layout);
    for (Map.Entry<String, List<String>> t : trainers.entrySet()) {
      String name = "blobs-" + t.getKey();
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "train",
                  "--algorithm",
                  t.getKey(),
                  "--dataset",
                  "blobs",
                  "--model-name",
                  name,
                  "--profile",
                  storage));
      t.getValue().forEach(hp -> args.addAll(List.of("--hp", hp)));
      Cli.Result trained = run(lake, args.toArray(new String[0]));
      assertThat(trained.code()).as(trained.err()).isZero();
      ModelVersion v = registry.resolve(ModelRef.parse(name + "@latest"));
      assertThat(v.algorithm()).isEqualTo(t.getKey());
      assertThat(v.artifactUri())
          .startsWith(lake + "/models/" + name + "/")
          .isEqualTo(
              v.artifactUri().substring(0, v.artifactUri().lastIndexOf('/') + 1) + v.runId());
      Cli.Result scored =
          run(
              lake,
              "transform",
              "--model",
              name + "@1",
              "--dataset",
              "blobs",
              "--split",
              "all",
              "--profile",
              storage);
      assertThat(scored.code()).as(scored.err()).isZero();
      Dataset<Row> preds = spark.read().format("delta").load(layout.predictions(name));
      assertThat(preds.count()).isEqualTo(600);
      if (t.getKey().equals("pca")) {
        assertThat(preds.columns()).contains("projection");
        assertThat(v.metrics()).containsKey("explained_variance_ratio_total");
      } else {
        assertThat(v.metrics().get("accuracy")).isGreaterThan(0.95);
        assertThat(preds.where("predicted_label = label").count()).isGreaterThan(570);
      }
    }
  }

  /** A tuning job on S3: its trials table, the best version and the report land in the bucket. */
  @ParameterizedTest
  @ValueSource(strings = {"s3"})
  void aTuningJobRecordsItsTrialsAndRegistersTheBest(String storage) throws IOException {
    String lake = lakeFor(storage);
    LakeLayout layout = new LakeLayout(lake, null);
    for (String stage : List.of("ingest", "curate", "featurize")) {
      assertThat(run(lake, stage, "--dataset", "blobs", "--profile", storage).code()).isZero();
    }
    Path spec = tmp.resolve("blobs-tune.conf");
    Files.writeString(
        spec,
        "tuning { dataset = blobs, algorithm = kmeans, model-name = blobs-tuned, "
            + "hyperparameters { mode = lloyd, max_iter = 5 }, "
            + "ranges { k { type = integer, min = 2, max = 4 } }, "
            + "objective { metric = nmi, goal = maximize }, strategy = grid, max-jobs = 3, "
            + "max-parallel-jobs = 2 }");
    Cli.Result tuned = run(lake, "tune", "--spec", spec.toString(), "--profile", storage);
    assertThat(tuned.code()).as(tuned.err()).isZero();
    String report = tuned.lastLine();
    assertThat(report).startsWith(lake + "/reports/tuning/tune-").endsWith("/report.html");
    org.apache.hadoop.fs.Path page = new org.apache.hadoop.fs.Path(report);
    assertThat(page.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(page))
        .isTrue();
    Dataset<Row> trials = spark.read().format("delta").load(layout.registryTuning());
    assertThat(trials.where("status = 'completed'").count()).isEqualTo(3);
    ModelVersion best =
        new ModelRegistry(spark, layout).resolve(ModelRef.parse("blobs-tuned@latest"));
    assertThat(DeltaTables.parse(best.lineage())).containsKey("tuning_id");
    double top = trials.agg(org.apache.spark.sql.functions.max("objective")).first().getDouble(0);
    assertThat(best.metrics().get("nmi")).isEqualTo(top);
  }

  private static Map<String, Long> versions(LakeLayout layout) {
    Map<String, Long> m = new java.util.TreeMap<>();
    for (String t :
        List.of(
            "raw/blobs",
            "curated/blobs",
            "features/blobs",
            "predictions/blobs-kmeans",
            "registry/models")) {
      m.put(t, DeltaTables.latestVersion(spark, layout.table(t)));
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"wrongcreds", "nosuchbucket", "unreachable"})
  void objectStoreFailuresGiveOneLineNamingBucketAndEndpointQuickly(String bucket) {
    long t0 = System.nanoTime();
    Cli.Result r =
        run("s3a://" + bucket + "/lake", "ingest", "--dataset", "blobs", "--profile", "s3");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.code()).isEqualTo(1);
    String line =
        r.err().lines().filter(l -> l.startsWith("lakeforge: error:")).findFirst().orElseThrow();
    assertThat(line).contains("bucket " + bucket).contains("endpoint http://127.0.0.1:");
    assertThat(line)
        .contains(
            switch (bucket) {
              case "wrongcreds" -> "access denied";
              case "nosuchbucket" -> "bucket does not exist";
              default -> "unreachable";
            });
    assertThat(seconds).as("bounded retries").isLessThan(30);
  }

  @Test
  void secretsAreMaskedInConfigurationDumps() {
    Cli.Result r = run(lakeFor("s3"), "config", "--profile", "s3");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("spark.hadoop.fs.s3a.secret.key = ****")
        .doesNotContain(S3Fixture.SECRET_KEY);
  }

  @Test
  void noSecretInAnyObjectLogOrRegistryRow() throws Exception {
    pipelineRegistersReportsAndRerunsAsANoOp("s3");
    byte[] secret = S3Fixture.SECRET_KEY.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(s3.data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(indexOf(Files.readAllBytes(f), secret)).as(f.toString()).isNegative();
      }
    }
    for (String text : printed) {
      assertThat(text).doesNotContain(S3Fixture.SECRET_KEY);
    }
    for (ModelVersion v :
        new ModelRegistry(spark, new LakeLayout(lakeFor("s3"), null)).list(null)) {
      assertThat(v.toString()).doesNotContain(S3Fixture.SECRET_KEY);
    }
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
