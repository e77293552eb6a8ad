package io.lakeforge.jobs.stages;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.TrainingListener;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.registry.TrialRecord;
import io.lakeforge.datalake.registry.TuningLog;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.jobs.report.ReportPage;
import io.lakeforge.jobs.report.TuningReport;
import io.lakeforge.tuning.MedianStopping;
import io.lakeforge.tuning.SearchHistory;
import io.lakeforge.tuning.SearchStrategy;
import io.lakeforge.tuning.TrialResult;
import io.lakeforge.tuning.TuningSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;

/**
 * A tuning job: trials of one algorithm on one pinned features version, read and cached once, run
 * up to {@code max-parallel-jobs} at a time as concurrent Spark jobs (a fair-scheduler pool and a
 * job description per trial), each recorded in {@code registry/tuning} as it finishes. The best
 * trial is registered as a model version whose lineage names the tuning job and trial. A killed job
 * resumes ({@code --resume}) on the same features version without re-running a recorded trial; the
 * trials proposed depend on the spec's seed and parallelism only, never on timing.
 */
public final class TuneJob {
  /** Validated tune options: the spec is checked whole before Spark starts. */
  public record Options(TuningSpec spec, String resumeId, int partitions) {
    public Options {
      if (resumeId != null && !resumeId.matches("tune-[0-9A-Za-z-]+")) {
        throw new UsageException(
            "--resume "
                + resumeId
                + " is invalid: expected a tuning id like tune-20261204T021500Z-1a2b3c4d");
      }
      TrainJob.requirePartitions(partitions);
    }
  }

  /** What the job did: every trial by number, the best, and the version registered for it. */
  public record Result(
      String tuningId,
      List<TrialRecord> trials,
      TrialRecord best,
      ModelVersion registered,
      String report) {}

  /** A trial's row, and its fitted model while it may still be the best. */
  private record Outcome(TrialRecord record, Trainer trainer, TrainJob.Fitted fitted) {}

  private final JobContext ctx;
  private final TuningSpec spec;
  private final int parallel;
  private final TuningLog log;
  private final String specFingerprint;
  private String tuningId;
  private TrainJob.Inputs in;
  private TrainJob.Splits splits;
  private final Map<Integer, TrialRecord> finished = new TreeMap<>();
  private final Map<Integer, Map<String, String>> proposed = new TreeMap<>();
  private final List<TrialResult> warm = new ArrayList<>();
  private Outcome best;

  private TuneJob(JobContext ctx, TuningSpec spec) {
    this.ctx = ctx;
    this.spec = spec;
    this.parallel = spec.maxParallelJobs();
    this.log = new TuningLog(ctx.spark(), ctx.lake());
    this.specFingerprint = fingerprint(spec);
  }

  public static Result run(JobContext ctx, Options o) {
    return new TuneJob(ctx, o.spec()).run(o);
  }

  private Result run(Options o) {
    long t0 = System.nanoTime();
    start(o.resumeId());
    readWarmStart();
    splits = TrainJob.splits(ctx, in, o.partitions()).cached();
    try {
      runTrials();
    } finally {
      splits.release();
    }
    List<TrialRecord> all = new ArrayList<>(finished.values());
    TrialRecord top = bestOf(all);
    if (top == null) {
      throw new IllegalStateException(
          String.format(
              "tune %s: all %d trials failed; the first: %s",
              tuningId, all.size(), all.isEmpty() ? "none ran" : all.get(0).reason()));
    }
    ModelVersion mv = registerBest(top);
    String report = writeReport(all, top, mv);
    ctx.println(
        String.format(
            "tune %s: %d trials (%s), best trial %d %s %.4g, registered %s, %.1f s",
            tuningId,
            all.size(),
            statusCounts(all),
            top.trial(),
            spec.objective().metric(),
            top.objective(),
            mv.ref(),
            (System.nanoTime() - t0) / 1e9));
    ctx.println(report);
    return new Result(tuningId, all, top, mv, report);
  }

  /** Writes the job's report page and returns its path. */
  private String writeReport(List<TrialRecord> all, TrialRecord top, ModelVersion mv) {
    String dir = ctx.lake().tuningReport(tuningId);
    String html = ReportPage.html(TuningReport.data(tuningId, all, spec.ranges(), top, mv.ref()));
    try {
      Path page = new Path(dir, ReportJob.PAGE);
      FileSystem fs = page.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(page, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
      return page.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the tuning report to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A new tuning id, or the resumed job's recorded trials and its pinned features version. */
  private void start(String resumeId) {
    if (resumeId == null) {
      tuningId = "tune-" + TrainJob.newId();
      in = TrainJob.pin(ctx, spec.dataset());
      ctx.println(
          String.format(
              "tune %s: %s %s on %s@%d, %d trials, %d at a time",
              tuningId,
              spec.strategy().name().toLowerCase(java.util.Locale.ROOT),
              spec.algorithm(),
              in.table(),
              in.version(),
              spec.maxJobs(),
              parallel));
      return;
    }
    tuningId = resumeId;
    List<TrialRecord> done = log.trials(resumeId);
    if (done.isEmpty()) {
      throw new UsageException(
          "--resume " + resumeId + ": no trials of that tuning job in " + log.table());
    }
    if (!done.get(0).specFingerprint().equals(specFingerprint)) {
      throw new UsageException(
          "--resume "
              + resumeId
              + ": that job ran another spec (fingerprint "
              + done.get(0).specFingerprint().substring(0, 12)
              + "); resume it with the spec it started with");
    }
    // The same data as the trials already run, even if features were rebuilt since.
    in = TrainJob.pin(ctx, spec.dataset(), done.get(0).featuresVersion());
    for (TrialRecord t : done) {
      finished.put(t.trial() - 1, t);
      proposed.put(t.trial() - 1, varied(t));
    }
    ctx.println(
        String.format(
            "tune %s: resuming, %d of %d trials recorded, on %s@%d",
            tuningId, done.size(), spec.maxJobs(), in.table(), in.version()));
  }

  /** Earlier jobs' trials, seeding the search as trials numbered below 0. */
  private void readWarmStart() {
    int number = -1;
    for (String id : spec.warmStart()) {
      List<TrialRecord> rows = log.trials(id);
      if (rows.isEmpty()) {
        throw new UsageException(
            "tuning.warm-start names " + id + ", which has no trials in " + log.table());
      }
      TrialRecord first = rows.get(0);
      if (!first.algorithm().equals(spec.algorithm())
          || !first.objectiveMetric().equals(spec.objective().metric())) {
        throw new UsageException(
            String.format(
                "tuning.warm-start names %s, which tuned %s for %s; this spec tunes %s for %s",
                id,
                first.algorithm(),
                first.objectiveMetric(),
                spec.algorithm(),
                spec.objective().metric()));
      }
      for (TrialRecord t : rows) {
        warm.add(new TrialResult(number--, varied(t), objectiveOf(t)));
      }
      ctx.println(String.format("tune %s: warm start: %d trials of %s", tuningId, rows.size(), id));
    }
  }

  private void runTrials() {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "lakeforge-trial-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    CompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
    SearchStrategy strategy = spec.search();
    int running = 0;
    try {
      for (int n = 0; n < spec.maxJobs(); n++) {
        if (finished.containsKey(n)) {
          continue;
        }
        int needs = strategy.needs(n, parallel);
        if (spec.earlyStopping()) {
          // Early stopping compares with the trials before this one's parallel window: they must
          // have finished, or the rule would depend on timing.
          needs = Math.max(needs, n - parallel + 1);
        }
        while (running >= parallel || !prefixFinished(needs)) {
          collect(done);
          running--;
        }
        Optional<Map<String, String>> next = strategy.propose(n, history(n, needs));
        if (next.isEmpty()) {
          break;
        }
        int number = n;
        Map<String, String> varied = next.get();
        proposed.put(number, varied);
        MedianStopping stopping = spec.earlyStopping() ? stopping(needs) : null;
        done.submit(() -> trial(number, varied, stopping));
        running++;
      }
      while (running > 0) {
        collect(done);
        running--;
      }
    } catch (RuntimeException e) {
      // The job ends here: trials still running would hold the executors for nothing.
      for (int n : proposed.keySet()) {
        if (!finished.containsKey(n)) {
          ctx.spark().sparkContext().cancelJobGroup("lakeforge-" + stage(n));
        }
      }
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A trial's job group ({@code lakeforge-<tuning id>-trial-<n>}): the Spark UI's jobs table shows
   * it beside every job of the trial, and a failing job cancels the trials still running by it.
   */
  private String stage(int number) {
    return tuningId + "-trial-" + (number + 1);
  }

  private boolean prefixFinished(int needs) {
    for (int i = 0; i < needs; i++) {
      if (!finished.containsKey(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code needs} trials, warm-start trials before them, and the proposals after. */
  private SearchHistory history(int number, int needs) {
    List<TrialResult> results = new ArrayList<>(warm);
    List<Map<String, String>> pending = new ArrayList<>();
    for (int i = 0; i < number; i++) {
      if (i < needs) {
        TrialRecord t = finished.get(i);
        results.add(new TrialResult(i, proposed.get(i), objectiveOf(t)));
      } else if (proposed.containsKey(i)) {
        pending.add(proposed.get(i));
      }
    }
    return new SearchHistory(results, pending);
  }

  /** The rule over the intermediate objectives of the first {@code needs} trials. */
  private MedianStopping stopping(int needs) {
    List<List<Double>> curves = new ArrayList<>();
    for (int i = 0; i < needs; i++) {
      TrialRecord t = finished.get(i);
      if (!t.status().equals(TrialRecord.FAILED)) {
        curves.add(t.intermediate());
      }
    }
    // The intermediate objective is the training cost, lower being better: trainers report it
    // after every epoch or iteration, while the objective needs a pass over the validation split.
    return new MedianStopping(curves, false);
  }

  /** Waits for one trial, records it, and keeps its model if it is the best so far. */
  private void collect(CompletionService<Outcome> done) {
    Outcome o;
    try {
      o = done.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("tune " + tuningId + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
    }
    TrialRecord t = o.record();
    log.record(t);
    finished.put(t.trial() - 1, t);
    FaultPoints.reach(FaultPoints.AFTER_TRIAL + "-" + finished.size(), spec.modelName());
    if (t.objective() != null
        && (best == null || spec.objective().better(t.objective(), best.record().objective()))) {
      best = o;
    }
    TrialRecord top = bestOf(new ArrayList<>(finished.values()));
    ctx.println(
        String.format(
            "tune %s: trial %d/%d %s%s, %.1f s, %s (best: %s)",
            tuningId,
            t.trial(),
            spec.maxJobs(),
            t.status(),
            t.objective() == null
                ? ": " + t.reason()
                : String.format(" %s %.4g", spec.objective().metric(), t.objective()),
            t.seconds(),
            varied(t),
            top == null
                ? "none yet"
                : String.format("trial %d, %.4g", top.trial(), top.objective())));
  }

  /** One trial, on a pool thread: fit, evaluate, and its row (failed with the reason if so). */
  private Outcome trial(int number, Map<String, String> varied, MedianStopping stopping) {
    long t0 = System.nanoTime();
    SparkContext sc = ctx.spark().sparkContext();
    // A pool per trial: the fair scheduler shares the executors between the trials running.
    sc.setLocalProperty("spark.scheduler.pool", "trial-" + (number + 1));
    Map<String, String> hp = new TreeMap<>(spec.hyperparameters());
    hp.putAll(varied);
    List<Double> curve = java.util.Collections.synchronizedList(new ArrayList<>());
    boolean[] stopped = {false};
    try {
      Trainer trainer = Algorithms.get(spec.algorithm()).trainer(hp);
      TrainJob.checkLabelKind(trainer, in.featureSpec());
      TrainingListener listener =
          (step, metrics) -> {
            Double v = metrics.get("train_cost");
            if (v != null) {
              curve.add(v);
              if (stopping != null && stopping.stop(step, v)) {
                stopped[0] = true;
                return false;
              }
            }
            return true;
          };
      TrainJob.Fitted fitted =
          TrainJob.fit(
              ctx,
              stage(number),
              spec.algorithm() + " trial " + (number + 1) + " of " + tuningId,
              trainer,
              splits,
              listener);
      Double objective = fitted.metrics().get(spec.objective().metric());
      if (objective == null) {
        throw new UsageException(
            String.format(
                "tuning.objective.metric = %s is not a metric %s records on dataset %s; it "
                    + "records %s",
                spec.objective().metric(),
                spec.algorithm(),
                spec.dataset(),
                new java.util.TreeSet<>(fitted.metrics().keySet())));
      }
      String status = stopped[0] ? TrialRecord.STOPPED : TrialRecord.COMPLETED;
      String reason =
          stopped[0]
              ? "early stopping after step "
                  + curve.size()
                  + ": training cost worse than the median of earlier trials"
              : null;
      return new Outcome(
          row(number, hp, varied, objective, fitted.metrics(), curve, status, reason, t0),
          trainer,
          fitted);
    } catch (UsageException e) {
      throw e;
    } catch (RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      String reason = io.lakeforge.jobs.config.Secrets.mask(m.lines().findFirst().orElse(m));
      return new Outcome(
          row(number, hp, varied, null, Map.of(), curve, TrialRecord.FAILED, reason, t0),
          null,
          null);
    } finally {
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
  }

  private TrialRecord row(
      int number,
      Map<String, String> hp,
      Map<String, String> varied,
      Double objective,
      Map<String, Double> metrics,
      List<Double> curve,
      String status,
      String reason,
      long t0) {
    return new TrialRecord(
        tuningId,
        number + 1,
        spec.modelName(),
        spec.algorithm(),
        spec.strategy().name().toLowerCase(java.util.Locale.ROOT),
        specFingerprint,
        DeltaTables.toJson(hp),
        DeltaTables.toJson(varied),
        spec.objective().metric(),
        spec.objective().maximize() ? "maximize" : "minimize",
        objective,
        metrics,
        List.copyOf(curve),
        status,
        reason,
        (System.nanoTime() - t0) / 1e9,
        in.table(),
        in.version(),
        Timestamp.from(Instant.now()));
  }

  /**
   * Registers the best trial's model; a best trial of an earlier, killed run is trained again
   * (trials are deterministic). A version with the same inputs (a resumed job that had registered
   * already) is not registered twice.
   */
  private ModelVersion registerBest(TrialRecord top) {
    Outcome o = best != null && best.record().trial() == top.trial() ? best : null;
    Map<String, String> hp = new TreeMap<>(spec.hyperparameters());
    hp.putAll(varied(top));
    Trainer trainer = o != null ? o.trainer() : Algorithms.get(spec.algorithm()).trainer(hp);
    String fingerprint = TrainJob.fingerprint(trainer, in);
    Optional<ModelVersion> same = ctx.registry().findByFingerprint(spec.modelName(), fingerprint);
    if (same.isPresent()) {
      return same.get();
    }
    TrainJob.Fitted fitted = o != null ? o.fitted() : refit(trainer, top);
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("tuning_id", tuningId);
    lineage.put("tuning_trial", top.trial());
    lineage.put("tuning_objective", spec.objective().metric());
    lineage.put("tuning_strategy", top.strategy());
    return TrainJob.register(ctx, spec.modelName(), trainer, in, fitted, fingerprint, lineage);
  }

  private TrainJob.Fitted refit(Trainer trainer, TrialRecord top) {
    ctx.println(
        String.format(
            "tune %s: training the best trial %d again to register it", tuningId, top.trial()));
    TrainJob.Splits s = TrainJob.splits(ctx, in, splits.partitions());
    return TrainJob.fit(
        ctx,
        "train",
        spec.algorithm() + " best trial of " + tuningId,
        trainer,
        s,
        TrainingListener.NONE);
  }

  /** The best trial with an objective (the first of equals), or null. */
  static TrialRecord bestOf(List<TrialRecord> trials) {
    TrialRecord top = null;
    for (TrialRecord t : trials) {
      if (t.objective() == null) {
        continue;
      }
      if (top == null
          || (t.maximize() ? t.objective() > top.objective() : t.objective() < top.objective())) {
        top = t;
      }
    }
    return top;
  }

  static String statusCounts(List<TrialRecord> trials) {
    Map<String, Integer> counts = new TreeMap<>();
    trials.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder();
    counts.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    return sb.toString();
  }

  private static double objectiveOf(TrialRecord t) {
    return t.objective() == null ? Double.NaN : t.objective();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> varied(TrialRecord t) {
    Map<String, String> out = new LinkedHashMap<>();
    DeltaTables.parse(t.varied()).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  /** Identifies a spec: a job resumes only with the spec it started with. */
  static String fingerprint(TuningSpec s) {
    String text =
        String.join(
            "\n",
            s.dataset(),
            s.algorithm(),
            s.modelName(),
            new TreeMap<>(s.hyperparameters()).toString(),
            s.ranges().toString(),
            s.objective().toString(),
            s.strategy().toString(),
            String.valueOf(s.maxJobs()),
            String.valueOf(s.maxParallelJobs()),
            String.valueOf(s.earlyStopping()),
            String.valueOf(s.seed()),
            s.warmStart().toString());
    return TrainJob.sha256(text);
  }
}
