package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (scripts/local-cluster.sh): the pipeline through
 * scripts/spark-submit.sh in client and in cluster deploy mode gives the centers a local-mode run
 * gives, and a failing job makes the submit script fail in both modes.
 */
class ClusterTest {
  @TempDir static Path tmp;

  static String master;
  static Path spec;

  @BeforeAll
  static void startCluster() throws Exception {
    Scripts.Proc up = Scripts.run(4, "scripts/local-cluster.sh", "start");
    assertThat(up.code()).as(up.err()).isZero();
    master = up.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(master).isEqualTo("spark://127.0.0.1:7077");
    spec = tmp.resolve("blobs-kmeans.conf");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "pipeline {",
            "  dataset = blobs",
            "  train { algorithm = kmeans, model-name = blobs-kmeans, partitions = 2,",
            "    hyperparameters { k = 3, mode = lloyd, seed = 5, max_iter = 10 } }",
            // Reports are covered in local mode; here the driver's time goes to the lake stages.
            "  report.enabled = false",
            "}"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Scripts.Proc down = Scripts.run(2, "scripts/local-cluster.sh", "stop");
    assertThat(down.code()).isZero();
    Scripts.Proc left =
        Scripts.run(
            1,
            "/usr/bin/env",
            "pgrep",
            "-f",
            "org.apache.spark.deploy.(master.Master|worker.Worker)|CoarseGrainedExecutorBackend");
    assertThat(left.out()).as("no Spark process left behind").isBlank();
  }

  private static double[] centers(String lake) {
    SparkSession spark = LocalSpark.get();
    ModelVersion v =
        new ModelRegistry(spark, new LakeLayout(lake, null))
            .resolve(ModelRef.parse("blobs-kmeans@latest"));
    assertThat(v.version()).isEqualTo(1);
    return centersOf(v);
  }

  private static double[] centersOf(ModelVersion v) {
    return ((KMeansModel) ModelFolders.read(v.artifactUri())).centers().values;
  }

  @Test
  void clientAndClusterModeGiveTheCentersOfALocalRun() throws Exception {
    String localLake = PreparedLake.blobs(tmp.resolve("local")).toString();
    assertThat(Cli.run(localLake, "pipeline", "--spec", spec.toString()).code()).isZero();
    double[] local = centers(localLake);

    for (String mode : new String[] {"client", "cluster"}) {
      // Every lake starts from the same prepared stages (the pipeline finds them unchanged): the
      // cluster's time goes to training, scoring and registering, where the executors compute.
      // The stages themselves are covered locally and on S3 by the other tests.
      String lake = PreparedLake.blobs(tmp.resolve(mode)).toString();
      Scripts.Proc r =
          Scripts.finish(
              Scripts.start(
                  SMALL_DRIVER,
                  submit(mode, "pipeline", "--spec", spec.toString(), "--lake", lake)
                      .toArray(new String[0])),
              6);
      assertThat(r.code()).as(mode + ": " + r.err()).isZero();
      assertThat(centers(lake)).as(mode).containsExactly(local);
    }
  }

  /**
   * Cluster mode only: there the exit code comes from following the driver's state on the master,
   * which is what can go wrong; in client mode the driver is the submitting process.
   */
  @Test
  void aFailingJobFailsTheSubmitInClusterMode() throws Exception {
    for (String mode : new String[] {"cluster"}) {
      Scripts.Proc r =
          Scripts.run(
              4,
              "scripts/spark-submit.sh",
              "--master",
              master,
              "--deploy-mode",
              mode,
              "pipeline",
              "--spec",
              spec.toString(),
              "--lake",
              tmp.resolve("bad-" + mode).toString(),
              "--hp",
              "k=0");
      assertThat(r.code()).as(mode).isNotZero();
      assertThat(r.err()).as(mode).contains("k=0");
    }
  }

  @Test
  void losingAnExecutorMidTrainingStillGivesIdenticalCenters() throws Exception {
    String[] train = {
      "train",
      "--algorithm",
      "kmeans",
      "--dataset",
      "blobs",
      "--model-name",
      "long",
      "--partitions",
      "2",
      "--hp",
      "k=3",
      "--hp",
      "mode=lloyd",
      "--hp",
      "seed=5",
      "--hp",
      "max_iter=40",
      "--hp",
      "tol=0"
    };
    // One lake: the local run registers long@1; the cluster run (--force) registers long@2 from
    // the same features, which every node of this single-machine cluster can read.
    String lake = PreparedLake.blobs(tmp.resolve("kill")).toString();
    assertThat(Cli.run(lake, train).code()).isZero();

    List<String> args = submit("client", train);
    args.addAll(List.of("--lake", lake, "--force"));
    Process p = Scripts.start(SMALL_DRIVER, args.toArray(new String[0]));
    Path err = Scripts.errFile(p);
    boolean killed = false;
    for (int i = 0; i < 1800 && p.isAlive() && !killed; i++) {
      if (Files.readString(err).contains("kmeans lloyd iteration 10:")) {
        Scripts.Proc executors =
            Scripts.run(1, "/usr/bin/env", "pgrep", "-f", "CoarseGrainedExecutorBackend");
        String pid = executors.out().strip().lines().findFirst().orElseThrow();
        Scripts.run(1, "/bin/kill", "-9", pid);
        killed = true;
      }
      Thread.sleep(100);
    }
    assertThat(killed).as("an executor was killed during training").isTrue();
    Scripts.Proc r = Scripts.finish(p, 6);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("kmeans lloyd iteration 40:");
    SparkSession spark = LocalSpark.get();
    ModelRegistry registry = new ModelRegistry(spark, new LakeLayout(lake, null));
    double[] expected = centersOf(registry.resolve(ModelRef.parse("long@1")));
    double[] actual = centersOf(registry.resolve(ModelRef.parse("long@2")));
    assertThat(actual).containsExactly(expected);
  }

  /**
   * XGBoost's workers train together, so a lost executor cannot be retried around as Lloyd's tasks
   * are: the job must end with one line and a non-zero exit in bounded time, and the scheduler's
   * retry (the same command; the cluster has replaced the executor) must register the model.
   */
  @Test
  void losingAnExecutorDuringXgboostEndsTheJobWithOneLineAndTheRetrySucceeds() throws Exception {
    String lake = PreparedLake.blobs(tmp.resolve("xgb-kill")).toString();
    List<String> args =
        submit(
            "client",
            "train",
            "--algorithm",
            "xgboost",
            "--dataset",
            "blobs",
            "--model-name",
            "boosted",
            "--partitions",
            "2",
            "--hp",
            "objective=multi:softprob",
            "--hp",
            "num_class=3",
            "--hp",
            "num_round=" + XGB_ROUNDS,
            "--lake",
            lake);
    Process p = Scripts.start(SMALL_DRIVER, args.toArray(new String[0]));
    Path err = Scripts.errFile(p);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    // XGBoost's tracker on the driver relays the workers' round log: once rounds are logged,
    // the workers are inside their collective, in the barrier stage.
    while (!Files.readString(err).contains("train-mlogloss")) {
      assertThat(p.isAlive()).as("reaches training: %s", Files.readString(err)).isTrue();
      assertThat(System.nanoTime()).as("reaches training in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("still training when the executor is killed").isTrue();
    Scripts.Proc executors =
        Scripts.run(1, "/usr/bin/env", "pgrep", "-f", "CoarseGrainedExecutorBackend");
    String pid = executors.out().strip().lines().findFirst().orElseThrow();
    Scripts.run(1, "/bin/kill", "-9", pid);
    long killedAt = System.nanoTime();
    Scripts.Proc r = Scripts.finish(p, 3);
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    System.out.printf("xgboost executor kill: the job ended %.1f s after the kill%n", seconds);
    assertThat(r.code()).as(r.err()).isNotZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("lakeforge: error:")))
        .singleElement()
        .asString()
        .contains("XGBoost training stopped:", "run it again");
    assertThat(new ModelRegistry(LocalSpark.get(), new LakeLayout(lake, null)).list("boosted"))
        .as("nothing registered")
        .isEmpty();

    Scripts.Proc retry =
        Scripts.finish(Scripts.start(SMALL_DRIVER, args.toArray(new String[0])), 6);
    assertThat(retry.code()).as(retry.err()).isZero();
    assertThat(
            new ModelRegistry(LocalSpark.get(), new LakeLayout(lake, null))
                .resolve(ModelRef.parse("boosted@1"))
                .metrics()
                .get("accuracy"))
        .isGreaterThan(0.95);
  }

  /**
   * Short-lived JVMs on tiny data: without C2 and with the serial collector they spend their two
   * cores on the job instead of compiling and collecting (the cluster's own defaults are
   * untouched).
   */
  static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  static final String[] SMALL_EXECUTORS = {
    "--conf", "spark.executor.extraJavaOptions=" + QUICK_JVM
  };
  static final Map<String, String> SMALL_DRIVER = Map.of("LAKEFORGE_JAVA_OPTS", QUICK_JVM);

  /** scripts/spark-submit.sh to this cluster in {@code mode}, with small executors. */
  static List<String> submit(String mode, String... command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scripts/spark-submit.sh",
                "--master",
                master,
                "--deploy-mode",
                mode,
                SMALL_EXECUTORS[0],
                SMALL_EXECUTORS[1]));
    args.addAll(List.of(command));
    return args;
  }

  /** Enough rounds on the blobs that training outlasts the kill, few enough for the retry. */
  static final int XGB_ROUNDS = 3000;
}
