package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.registry.TrialRecord;
import io.lakeforge.datalake.registry.TuningLog;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.tuning.MedianStopping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakeforge tune} on the prepared blobs lake: trials side by side are the trials of a
 * sequential job, every trial lands in registry/tuning, the best is registered with its lineage, a
 * job that died resumes without re-running a recorded trial, and early stopping stops a bad trial.
 */
class TuningTest {
  private static final Pattern TUNING_ID = Pattern.compile("(tune-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8})");

  @TempDir static Path tmp;
  static String lake;
  static SparkSession spark;

  /** The sequential random job every test compares with: run once for the class. */
  static Cli.Result sequential;

  @BeforeAll
  static void prepare() throws IOException {
    lake = PreparedLake.blobs(tmp.resolve("lake")).toString();
    spark = LocalSpark.get();
    sequential = Cli.run(lake, "tune", "--spec", kmeansSpec("tuned-seq", 1, "").toString());
    assertThat(sequential.code()).as(sequential.err()).isZero();
  }

  /** A random search of Lloyd K-Means on blobs, for NMI with the blob labels. */
  private static Path kmeansSpec(String model, int parallel, String extra) throws IOException {
    Path f = tmp.resolve(model + ".conf");
    Files.writeString(
        f,
        String.join(
            "\n",
            "tuning {",
            "  dataset = blobs",
            "  algorithm = kmeans",
            "  model-name = " + model,
            "  hyperparameters { mode = lloyd, max_iter = 10 }",
            "  ranges {",
            "    k { type = integer, min = 2, max = 6 }",
            "    init_method { type = categorical, values = [random, \"kmeans++\"] }",
            "  }",
            "  objective { metric = nmi, goal = maximize }",
            "  max-jobs = 6",
            "  max-parallel-jobs = " + parallel,
            "  seed = 5",
            extra,
            "}"));
    return f;
  }

  private static String tuningId(Cli.Result r) {
    Matcher m = TUNING_ID.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  private static List<TrialRecord> trials(String id) {
    return new TuningLog(spark, new LakeLayout(lake, lake + "/models")).trials(id);
  }

  private static List<String> whatRan(List<TrialRecord> trials) {
    List<String> out = new ArrayList<>();
    for (TrialRecord t : trials) {
      out.add(t.trial() + " " + t.varied() + " " + t.status() + " " + t.objective());
    }
    return out;
  }

  @Test
  void parallelTrialsAreTheTrialsOfASequentialJobAndTheBestIsRegisteredWithItsLineage()
      throws IOException {
    Cli.Result seq = sequential;
    Cli.Result par = Cli.run(lake, "tune", "--spec", kmeansSpec("tuned-par", 2, "").toString());
    assertThat(par.code()).as(par.err()).isZero();

    // Each trial ran in a fair-scheduler pool and a job group of its own.
    assertThat(spark.sparkContext().getPoolForName("trial-6").isDefined()).isTrue();
    assertThat(
            spark
                .sparkContext()
                .statusTracker()
                .getJobIdsForGroup("lakeforge-" + tuningId(par) + "-trial-6"))
        .isNotEmpty();
    List<TrialRecord> sequential = trials(tuningId(seq));
    List<TrialRecord> parallel = trials(tuningId(par));
    assertThat(sequential).hasSize(6).allMatch(t -> t.status().equals(TrialRecord.COMPLETED));
    assertThat(whatRan(parallel)).isEqualTo(whatRan(sequential));
    assertThat(sequential.stream().map(TrialRecord::varied).distinct().count())
        .as("random draws over 10 points")
        .isGreaterThan(1);

    TrialRecord best = sequential.get(0);
    for (TrialRecord t : sequential) {
      assertThat(t.metrics()).containsKeys("nmi", "validation_msd");
      assertThat(t.objective()).isEqualTo(t.metrics().get("nmi"));
      assertThat(t.featuresVersion()).isEqualTo(sequential.get(0).featuresVersion());
      if (t.objective() > best.objective()) {
        best = t;
      }
    }
    ModelRegistry registry = new ModelRegistry(spark, new LakeLayout(lake, lake + "/models"));
    List<ModelVersion> versions = registry.list("tuned-seq");
    assertThat(versions).hasSize(1);
    ModelVersion v = versions.get(0);
    Map<String, Object> lineage = DeltaTables.parse(v.lineage());
    assertThat(lineage)
        .containsEntry("tuning_id", tuningId(seq))
        .containsEntry("tuning_trial", best.trial())
        .containsEntry("features_version", (int) best.featuresVersion());
    assertThat(v.metrics().get("nmi")).isEqualTo(best.objective());
    Map<String, Object> hp = DeltaTables.parse(v.hyperparameters());
    DeltaTables.parse(best.varied())
        .forEach((k, val) -> assertThat(String.valueOf(hp.get(k))).isEqualTo(val));

    // The report: every trial's objective with the best so far, one scatter per range, the best
    // trial's training cost.
    Path page = Path.of(seq.lastLine().replaceFirst("^file:", ""));
    assertThat(page).hasFileName("report.html");
    String html = Files.readString(page);
    assertThat(html)
        .contains("Objective by trial", "best so far", "Objective against k")
        .contains("Objective against init_method", "1: random, 2: kmeans++");
    assertThat(html.split("<svg", -1)).hasSize(5);

    Cli.Result show = Cli.run(lake, "tune", "show", tuningId(seq));
    assertThat(show.code()).as(show.err()).isZero();
    List<String> rows = show.out().lines().filter(l -> l.matches("^\\d+ +completed.*")).toList();
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0)).startsWith(best.trial() + " ");
  }

  @Test
  void aJobThatDiedResumesWithoutRerunningARecordedTrial() throws IOException {
    Path spec = kmeansSpec("tuned-resume", 1, "");
    System.setProperty("lakeforge.faults", "fail:after-trial-2@tuned-resume");
    Cli.Result died;
    try {
      died = Cli.run(lake, "tune", "--spec", spec.toString());
    } finally {
      System.clearProperty("lakeforge.faults");
    }
    assertThat(died.code()).isEqualTo(1);
    String id = tuningId(died);
    List<TrialRecord> before = trials(id);
    assertThat(before).hasSize(2);
    assertThat(
            new ModelRegistry(spark, new LakeLayout(lake, lake + "/models")).list("tuned-resume"))
        .as("nothing registered by the job that died")
        .isEmpty();

    Cli.Result resumed = Cli.run(lake, "tune", "--spec", spec.toString(), "--resume", id);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming, 2 of 6 trials recorded");
    List<TrialRecord> after = trials(id);
    assertThat(after).hasSize(6);
    // The two recorded trials are the same rows (not run again), the rest what a fresh job runs.
    assertThat(after.subList(0, 2)).isEqualTo(before);
    assertThat(whatRan(after)).isEqualTo(whatRan(trials(tuningId(sequential))));

    // A Bayesian job warm-started from it: its model sees those six trials from the first
    // proposal after its random ones.
    Cli.Result warm =
        Cli.run(
            lake,
            "tune",
            "--spec",
            kmeansSpec(
                    "tuned-warm",
                    1,
                    "strategy = bayesian, max-jobs = 5, warm-start = [\"" + id + "\"]")
                .toString());
    assertThat(warm.code()).as(warm.err()).isZero();
    assertThat(warm.out()).contains("warm start: 6 trials of " + id);
    Cli.Result unknownWarm =
        Cli.run(
            lake,
            "tune",
            "--spec",
            kmeansSpec("tuned-warm2", 1, "warm-start = [tune-20260101T000000Z-00000000]")
                .toString());
    assertThat(unknownWarm.code()).isEqualTo(2);
    assertThat(unknownWarm.err())
        .contains("tuning.warm-start names tune-20260101T000000Z-00000000");

    Cli.Result otherSpec =
        Cli.run(
            lake, "tune", "--spec", kmeansSpec("tuned-other", 2, "").toString(), "--resume", id);
    assertThat(otherSpec.code()).isEqualTo(2);
    assertThat(otherSpec.err()).contains("that job ran another spec");
  }

  @Test
  void earlyStoppingStopsATrialWorseThanTheMedianOfTheTrialsBefore() throws IOException {
    // Three good trials, then k = 2 on three blobs: its cost is far above theirs from the start.
    Path f = tmp.resolve("early.conf");
    Files.writeString(
        f,
        String.join(
            "\n",
            "tuning {",
            "  dataset = blobs, algorithm = kmeans, model-name = tuned-early",
            "  hyperparameters { mode = lloyd, max_iter = 10, tol = 0, init_method = random }",
            "  ranges { k { type = categorical, values = [\"6\", \"7\", \"8\", \"2\"] } }",
            "  objective { metric = validation_msd, goal = minimize }",
            "  strategy = grid, max-jobs = 4, early-stopping = auto",
            "}"));
    Cli.Result r = Cli.run(lake, "tune", "--spec", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<TrialRecord> t = trials(tuningId(r));
    assertThat(t)
        .extracting(TrialRecord::status)
        .containsExactly("completed", "completed", "completed", "stopped");
    assertThat(t.subList(0, 3)).allMatch(x -> x.intermediate().size() == 10);
    TrialRecord stopped = t.get(3);
    assertThat(stopped.intermediate()).hasSizeLessThan(10);
    assertThat(stopped.reason()).contains("early stopping");
    int step = stopped.intermediate().size();
    MedianStopping rule =
        new MedianStopping(t.subList(0, 3).stream().map(TrialRecord::intermediate).toList(), false);
    assertThat(rule.stop(step, stopped.intermediate().get(step - 1))).isTrue();
    // A stopped trial still has its model evaluated: its objective is known.
    assertThat(stopped.objective()).isNotNull();
  }

  @Test
  void aBadSpecFailsBeforeSparkWithTheField() throws IOException {
    Path f = tmp.resolve("bad.conf");
    Files.writeString(
        f,
        "tuning { dataset = blobs, algorithm = kmeans, model-name = m, "
            + "ranges { k { type = integer, min = 2, max = 6 } }, objective { metric = nmi, "
            + "goal = maximize }, max-jobs = 4, strategy = hyperband }");
    Cli.Result r = Cli.run(lake, "tune", "--spec", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("tuning.ranges.max_iter").contains("hyperband");
    Cli.Result unknown = Cli.run(lake, "tune", "show", "tune-20260101T000000Z-00000000");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no tuning job tune-20260101T000000Z-00000000");
  }
}
