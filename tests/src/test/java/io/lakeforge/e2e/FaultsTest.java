package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.jobs.stages.FaultPoints;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormats;
import io.lakeforge.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a scheduler does to jobs: kills them with SIGKILL at every point of a training run, runs
 * them again, runs several at once, on a local lake and on S3. The registry must stay consistent
 * (every row's artifact exists and loads), the retry must register, concurrent runs must end with
 * distinct versions, and {@code models gc} must remove exactly the leftovers.
 */
class FaultsTest {
  @TempDir static Path tmp;

  static SparkSession spark;
  static S3Fixture s3;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.get();
    s3 = new S3Fixture(spark, tmp.resolve("s3-data"));
    PreparedLake.blobs(Path.of(lake("local")));
    for (String stage : List.of("ingest", "curate", "featurize")) {
      Cli.Result r = run("s3", stage, "--dataset", "blobs");
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    s3.close();
  }

  static String lake(String storage) {
    return storage.equals("s3")
        ? "s3a://" + S3Fixture.BUCKET + "/faults"
        : tmp.resolve("lake").toString();
  }

  /** A command in this JVM, as the user would type it for that storage. */
  static Cli.Result run(String storage, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (storage.equals("s3")) {
      all.addAll(List.of(s3.confFlags()));
      all.addAll(List.of("--profile", "s3"));
    }
    return Cli.run(lake(storage), all.toArray(new String[0]));
  }

  /** bin/lakeforge in its own JVM, small and quick (one core, no C2), for that storage. */
  static Process start(String storage, String faults, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bin/lakeforge"));
    cmd.addAll(childArgs(storage, args));
    Map<String, String> env = childEnv(storage);
    env.put("LAKEFORGE_HEAP", "1g");
    env.put(
        "LAKEFORGE_JAVA_OPTS", QUICK_JVM + (faults == null ? "" : " -Dlakeforge.faults=" + faults));
    return Scripts.start(env, cmd.toArray(new String[0]));
  }

  /**
   * Several commands at once in one driver JVM ({@link ConcurrentCommands}), with the flags and
   * code version bin/lakeforge gives its JVM: one JVM start for several runs, and one SIGKILL ends
   * them all.
   */
  static Process startTogether(String storage, String faults, List<String[]> commands)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // Spark's module flags, as the test JVM was given them.
      if (a.startsWith("--add-opens")
          || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")
          || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of(QUICK_JVM.split(" ")));
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-Djava.awt.headless=true",
            "-Dlakeforge.home=" + Scripts.HOME,
            "-Dlakeforge.git.commit=" + launcherCommit(),
            "-Dlog4j2.configurationFile=" + Scripts.HOME + "/conf/log4j2.properties",
            "-Dlakeforge.faults=" + faults,
            "-cp",
            System.getProperty("java.class.path"),
            ConcurrentCommands.class.getName()));
    for (int i = 0; i < commands.size(); i++) {
      if (i > 0) {
        cmd.add(ConcurrentCommands.AND);
      }
      cmd.addAll(childArgs(storage, commands.get(i)));
    }
    return Scripts.start(childEnv(storage), cmd.toArray(new String[0]));
  }

  /** The git commit bin/lakeforge records (none outside a clone), from its --version line. */
  static String launcherCommit() throws Exception {
    Scripts.Proc v = Scripts.run(2, "bin/lakeforge", "--version");
    assertThat(v.code()).as(v.err()).isZero();
    String version = v.out().strip().split(" ")[1];
    return version.contains("+") ? version.substring(version.indexOf('+') + 1) : "";
  }

  private static List<String> childArgs(String storage, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--lake",
            lake(storage),
            "--conf",
            "spark.master=local[1]",
            "--conf",
            "spark.ui.enabled=false"));
    if (storage.equals("s3")) {
      all.addAll(List.of("--profile", "s3"));
    }
    return all;
  }

  private static Map<String, String> childEnv(String storage) {
    Map<String, String> env = new HashMap<>();
    if (storage.equals("s3")) {
      env.put("LAKEFORGE_S3_ENDPOINT", s3.server.endpoint());
      env.put("LAKEFORGE_S3_SSL", "false");
      env.put("AWS_ACCESS_KEY_ID", S3Fixture.ACCESS_KEY);
      env.put("AWS_SECRET_ACCESS_KEY", S3Fixture.SECRET_KEY);
    }
    return env;
  }

  /** Child JVMs on tiny data: no C2 and the serial collector leave the two cores to the job. */
  static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  static String[] train(String model, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "train",
                "--algorithm",
                "kmeans",
                "--dataset",
                "blobs",
                "--model-name",
                model,
                "--hp",
                "k=3",
                "--hp",
                "mode=lloyd",
                "--hp",
                "max_iter=5"));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** Every registered row's artifact exists and loads; returns the registry's rows. */
  static List<ModelVersion> assertRegistryConsistent(String storage) throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<ModelVersion> rows =
        new ModelRegistry(spark, new LakeLayout(lake(storage), null)).list(null);
    for (ModelVersion v : rows) {
      assertThat(ModelFormats.read(new ModelFolder(conf, v.artifactUri())).featureDim())
          .as("the artifact of %s loads", v.ref())
          .isEqualTo(4);
    }
    return rows;
  }

  /** The artifact folders under a model's folder. */
  static Set<String> folders(String storage, String model) throws Exception {
    org.apache.hadoop.fs.Path dir =
        new org.apache.hadoop.fs.Path(lake(storage) + "/models/" + model);
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Set<String> out = new TreeSet<>();
    if (fs.exists(dir)) {
      for (FileStatus s : fs.listStatus(dir)) {
        out.add(fs.makeQualified(s.getPath()).toString());
      }
    }
    return out;
  }

  static final List<String> KILL_POINTS =
      List.of(
          FaultPoints.BEFORE_ARTIFACT,
          FaultPoints.WRITING_ARTIFACT,
          FaultPoints.BEFORE_REGISTER,
          FaultPoints.AFTER_REGISTER);

  /** Waits until a child prints that it paused at its fault point. */
  static void awaitPause(Process p, String point) throws Exception {
    Path err = Scripts.errFile(p);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (!Files.readString(err).contains("lakeforge-fault: paused at " + point)) {
      assertThat(p.isAlive()).as("the run reaches %s: %s", point, Files.readString(err)).isTrue();
      assertThat(System.nanoTime()).as("reached %s in time", point).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /**
   * Every kill point on both storages at once: per storage, one driver holds a run of its own model
   * at each point (one JVM start each is the cost). While they are paused, {@code models gc} with
   * its default age keeps their folders; after SIGKILL the registry is consistent, the scheduler's
   * retry registers exactly one version, and gc removes exactly the dead runs' folders.
   */
  @Test
  void aTrainKilledAnywhereLeavesTheRegistryConsistentAndItsRetryRegisters() throws Exception {
    Map<String, Process> children = new java.util.LinkedHashMap<>();
    for (String storage : List.of("local", "s3")) {
      List<String> faults = new ArrayList<>();
      List<String[]> trains = new ArrayList<>();
      for (String point : KILL_POINTS) {
        faults.add("pause:" + point + "@killed-" + point);
        trains.add(train("killed-" + point));
      }
      children.put(storage, startTogether(storage, String.join(",", faults), trains));
    }
    for (Process p : children.values()) {
      for (String point : KILL_POINTS) {
        awaitPause(p, point + " in killed-" + point);
      }
    }
    // A running job's folder is young: gc with its default age (24 h) leaves it alone.
    assertThat(run("local", "models", "gc").code()).isZero();
    assertThat(folders("local", "killed-" + FaultPoints.BEFORE_REGISTER)).hasSize(1);
    assertThat(folders("local", "killed-" + FaultPoints.WRITING_ARTIFACT)).hasSize(1);
    for (Process p : children.values()) {
      p.destroyForcibly();
    }
    for (Process p : children.values()) {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("killed with SIGKILL").isEqualTo(137);
    }

    for (String storage : List.of("local", "s3")) {
      List<ModelVersion> rows = assertRegistryConsistent(storage);
      for (String point : KILL_POINTS) {
        assertThat(rows.stream().filter(v -> v.name().equals("killed-" + point)))
            .as("%s %s", storage, point)
            .hasSize(point.equals(FaultPoints.AFTER_REGISTER) ? 1 : 0);
      }
    }
    // The scheduler's retry: the same command again. Where the kill came after the commit, the
    // retry (through the same launcher, so the same code version) finds the version registered.
    List<Process> afterRegister = new ArrayList<>();
    for (String storage : List.of("local", "s3")) {
      afterRegister.add(start(storage, null, train("killed-" + FaultPoints.AFTER_REGISTER)));
      for (String point : KILL_POINTS) {
        if (point.equals(FaultPoints.AFTER_REGISTER)) {
          continue;
        }
        Cli.Result retry = run(storage, train("killed-" + point));
        assertThat(retry.code()).as(retry.err()).isZero();
      }
    }
    for (Process p : afterRegister) {
      Scripts.Proc r = Scripts.finish(p, 4);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("unchanged");
    }

    for (String storage : List.of("local", "s3")) {
      List<ModelVersion> rows = assertRegistryConsistent(storage);
      Cli.Result gc = run(storage, "models", "gc", "--older-than-hours", "0");
      assertThat(gc.code()).as(gc.err()).isZero();
      for (String point : KILL_POINTS) {
        List<ModelVersion> mine =
            rows.stream().filter(v -> v.name().equals("killed-" + point)).toList();
        assertThat(mine).as("%s %s: one version after the retry", storage, point).hasSize(1);
        org.apache.hadoop.fs.Path registered =
            new org.apache.hadoop.fs.Path(mine.get(0).artifactUri());
        FileSystem fs = registered.getFileSystem(spark.sparkContext().hadoopConfiguration());
        assertThat(folders(storage, "killed-" + point))
            .as("%s %s: gc kept only the registered " + "artifact", storage, point)
            .containsExactly(fs.makeQualified(registered).toString());
      }
    }
  }

  /** In this JVM: a failure is an exception, not a kill, so no child process is needed. */
  @Test
  void aFailureAfterTheRegistryCommitKeepsTheRegisteredArtifact() throws Exception {
    String model = "late-failure";
    for (String storage : List.of("local", "s3")) {
      System.setProperty("lakeforge.faults", "fail:" + FaultPoints.AFTER_REGISTER);
      Cli.Result r;
      try {
        r = run(storage, train(model));
      } finally {
        System.clearProperty("lakeforge.faults");
      }
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("injected failure at after-register");
      assertThat(assertRegistryConsistent(storage).stream().filter(v -> v.name().equals(model)))
          .hasSize(1);
      assertThat(run(storage, "models", "list").out()).contains(model);
    }
  }

  @Test
  void threeTrainProcessesOfOneModelEndWithThreeVersions() throws Exception {
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ps.add(start("local", null, train("raced", "--force", "--hp", "seed=" + i)));
    }
    for (Process p : ps) {
      Scripts.Proc r = Scripts.finish(p, 4);
      assertThat(r.code()).as(r.err()).isZero();
    }
    List<ModelVersion> rows =
        assertRegistryConsistent("local").stream().filter(v -> v.name().equals("raced")).toList();
    assertThat(rows).extracting(ModelVersion::version).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(rows).extracting(ModelVersion::artifactUri).doesNotHaveDuplicates();
  }

  /**
   * On S3 one driver writes a table safely (Delta's single-driver log store); several drivers need
   * the DynamoDB log store (README). So the S3 races run in one JVM, as concurrent commands; on a
   * local lake too, for several models at once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"s3", "local"})
  void concurrentTrainsInOneDriverGetDistinctVersionsOfOneModelAndOfSeveral(String storage)
      throws Exception {
    // One wave: two runs of one model and two different models, all at once (each commit races
    // the others: the registry's retry is what is exercised, not the number of runs).
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Cli.Result>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String seed = "seed=" + i;
        String name = "model-" + i;
        runs.add(pool.submit(() -> run(storage, train("shared", "--force", "--hp", seed))));
        runs.add(pool.submit(() -> run(storage, train(name))));
      }
      for (Future<Cli.Result> f : runs) {
        Cli.Result r = f.get(5, TimeUnit.MINUTES);
        assertThat(r.code()).as(r.err()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    List<ModelVersion> rows = assertRegistryConsistent(storage);
    assertThat(rows.stream().filter(v -> v.name().equals("shared")).map(ModelVersion::version))
        .containsExactlyInAnyOrder(1, 2);
    for (int i = 0; i < 2; i++) {
      String name = "model-" + i;
      assertThat(rows.stream().filter(v -> v.name().equals(name)).map(ModelVersion::version))
          .containsExactly(1);
    }
  }

  @Test
  void twoPipelinesOnOneLakeAtOnceIngestTheSharedFileOnce() throws Exception {
    Path lake = tmp.resolve("two-pipelines");
    List<Process> ps = new ArrayList<>();
    for (String alg : List.of("kmeans", "knn")) {
      Path spec = tmp.resolve("blobs-" + alg + ".conf");
      Files.writeString(
          spec,
          String.join(
              "\n",
              "pipeline {",
              "  dataset = blobs",
              "  train { algorithm = "
                  + alg
                  + ", model-name = blobs-"
                  + alg
                  + ", hyperparameters "
                  + (alg.equals("kmeans")
                      ? "{ k = 3, mode = lloyd }"
                      : "{ k = 5, predictor_type = classifier }")
                  + " }",
              "  report.enabled = false",
              "}"));
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "bin/lakeforge",
                  "pipeline",
                  "--spec",
                  spec.toString(),
                  "--lake",
                  lake.toString(),
                  "--conf",
                  "spark.master=local[1]",
                  "--conf",
                  "spark.ui.enabled=false"));
      ps.add(
          Scripts.start(
              Map.of("LAKEFORGE_HEAP", "1g", "LAKEFORGE_JAVA_OPTS", QUICK_JVM),
              cmd.toArray(new String[0])));
    }
    for (Process p : ps) {
      Scripts.Proc r = Scripts.finish(p, 5);
      assertThat(r.code()).as(r.err()).isZero();
    }
    LakeLayout layout = new LakeLayout(lake.toString(), null);
    for (String t : List.of("raw/blobs", "curated/blobs", "features/blobs")) {
      assertThat(spark.read().format("delta").load(layout.table(t)).count()).as(t).isEqualTo(600);
    }
    assertThat(
            spark
                .read()
                .format("delta")
                .load(layout.raw("blobs"))
                .select("_batch_id")
                .distinct()
                .count())
        .isEqualTo(1);
    assertThat(new ModelRegistry(spark, layout).list(null))
        .extracting(ModelVersion::name)
        .containsExactlyInAnyOrder("blobs-kmeans", "blobs-knn");
  }
}
