package io.lakeforge.benchmarks;

import static io.lakeforge.benchmarks.IdxDataset.FEATURES;
import static io.lakeforge.benchmarks.IdxDataset.LABEL;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeforge.Lakeforge;
import io.lakeforge.algorithms.eval.SupervisedEvaluator;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.TrialRecord;
import io.lakeforge.datalake.registry.TuningLog;
import io.lakeforge.jobs.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lakeforge tune} on Fashion-MNIST: the 60,000 training images through ingest, curate and
 * featurize (48,000 train, 12,000 validation rows), the multiclass linear learner tuned over
 * learning_rate, wd, l1 (log), mini_batch_size and epochs, every tuned model scored on the 10,000
 * test images. Measures Bayesian against random search per seed, one against two trials at a time
 * on the same trials, and MLlib's {@code TrainValidationSplit} with {@code LogisticRegression}
 * beside a grid of the same size. Writes the tuning section of {@code docs/benchmarks.md} and
 * {@code docs/benchmarks-tuning.json}. A program, not a test.
 */
public final class TuningBenchmark {
  private static final Pattern TUNING_ID = Pattern.compile("(tune-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8})");

  private static final String RANGES =
      String.join(
          "\n",
          "  ranges {",
          "    learning_rate { type = continuous, min = 0.0001, max = 0.5, scaling = log }",
          "    wd { type = continuous, min = 0.0000001, max = 0.1, scaling = log }",
          "    l1 { type = continuous, min = 0.0000001, max = 0.01, scaling = log }",
          "    mini_batch_size { type = integer, min = 100, max = 2000, scaling = log }",
          "    epochs { type = integer, min = 5, max = 15 }",
          "  }");

  private final SparkSession spark;
  private final String lake;
  private final Path specs;
  private final Dataset<Row> test;
  private final File data;
  private final Map<String, Object> results = new LinkedHashMap<>();

  private TuningBenchmark(
      SparkSession spark, String lake, Path specs, Dataset<Row> test, File data) {
    this.spark = spark;
    this.data = data;
    this.lake = lake;
    this.specs = specs;
    this.test = test;
  }

  public static void main(String[] args) throws Exception {
    String data = "/usr/share/datasets/fashion-mnist";
    String out = "docs";
    String lake = "/tmp/lakeforge-bench-tuning/lake";
    int trials = 30;
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L, 3L));
    List<String> only = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = args[++i];
        case "--out" -> out = args[++i];
        case "--lake" -> lake = args[++i];
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--seeds" -> {
          seeds.clear();
          for (String s : args[++i].split(",")) {
            seeds.add(Long.parseLong(s.trim()));
          }
        }
        case "--only" -> only.add(args[++i]);
        default -> {
          System.err.println(
              "usage: TuningBenchmark [--data DIR] [--out DIR] [--lake DIR] [--trials N] "
                  + "[--seeds 1,2,3] [--only strategies|parallel|mllib]...");
          System.exit(2);
        }
      }
    }
    // The session the commands join: Lakeforge's local-mode settings (fair scheduling included).
    SparkSession spark =
        io.lakeforge.jobs.config.SparkSessions.getOrCreate(
            io.lakeforge.jobs.config.LakeforgeConfig.load(null, List.of(), lake), "bench-tuning");
    prepareLake(new File(data), lake);
    Dataset<Row> test = IdxDataset.load(spark, new File(data), "t10k").cache();
    Path specs = Files.createTempDirectory("bench-tuning-specs");
    TuningBenchmark b = new TuningBenchmark(spark, lake, specs, test, new File(data));
    // A part run alone (--only) replaces its own figures and keeps the other parts' figures of
    // the last run; each comparison is within one part, measured in one run.
    File previous = new File(out, "benchmarks-tuning.json");
    if (!only.isEmpty() && previous.isFile()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> old = new ObjectMapper().readValue(previous, LinkedHashMap.class);
      b.results.putAll(old);
    }
    b.results.put("test_rows", test.count());
    b.defaults();
    if (only.isEmpty() || only.contains("parallel")) {
      b.parallel();
    }
    if (only.isEmpty() || only.contains("strategies")) {
      b.strategies(trials, seeds);
    }
    if (only.isEmpty() || only.contains("mllib")) {
      b.mllib();
    }
    b.write(new File(out));
    spark.stop();
  }

  /** Fashion-MNIST's training images as the lake's dataset mnist (the MNIST spec, other files). */
  private static void prepareLake(File data, String lake) {
    if (new File(lake, "features/mnist/_delta_log").isDirectory()) {
      Benchmarks.log("reusing the Fashion-MNIST features in %s", lake);
      return;
    }
    for (String stage : List.of("ingest", "curate", "featurize")) {
      List<String> args = new ArrayList<>(List.of(stage, "--dataset", "mnist", "--lake", lake));
      if (stage.equals("ingest")) {
        args.addAll(
            List.of(
                "--source",
                "images=" + new File(data, "train-images-idx3-ubyte.gz"),
                "--source",
                "labels=" + new File(data, "train-labels-idx1-ubyte.gz")));
      }
      cli(args.toArray(new String[0]));
    }
  }

  /** Runs a lakeforge command in this JVM and returns what it printed; a failure ends the run. */
  private static String cli(String... args) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int code = Main.execute(args, out, System.err);
    String text = buf.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    if (code != 0) {
      throw new IllegalStateException("lakeforge " + String.join(" ", args) + " exited " + code);
    }
    return text;
  }

  private Path spec(String name, String strategy, int maxJobs, int parallel, long seed, String body)
      throws IOException {
    Path f = specs.resolve(name + ".conf");
    Files.writeString(
        f,
        String.join(
            "\n",
            "tuning {",
            "  dataset = mnist",
            "  algorithm = linear-learner",
            "  model-name = " + name,
            "  hyperparameters { predictor_type = multiclass_classifier, num_classes = 10 }",
            body,
            "  objective { metric = accuracy, goal = maximize }",
            "  strategy = " + strategy,
            "  max-jobs = " + maxJobs,
            "  max-parallel-jobs = " + parallel,
            "  seed = " + seed,
            "}"));
    return f;
  }

  /** One tuning job: its wall time (JVM warm), its trials, and the best model's test accuracy. */
  private record Tuned(String id, double seconds, List<TrialRecord> trials, double testAccuracy) {}

  private Tuned tune(Path spec, String modelName) {
    long t0 = System.nanoTime();
    String out = cli("tune", "--spec", spec.toString(), "--lake", lake);
    double seconds = Benchmarks.secs(t0);
    Matcher m = TUNING_ID.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no tuning id in: " + out);
    }
    String id = m.group(1);
    List<TrialRecord> trials =
        new TuningLog(spark, new LakeLayout(lake, lake + "/models")).trials(id);
    return new Tuned(id, seconds, trials, testAccuracy(modelName + "@latest"));
  }

  private double testAccuracy(String ref) {
    Dataset<Row> scored = Lakeforge.open(spark, lake).load(ref).transform(test);
    return SupervisedEvaluator.classification(scored, LABEL, "predicted_label", null, 10)
        .metrics()
        .get("accuracy");
  }

  /** The linear learner with its defaults, as `train` runs it: the figure tuning must beat. */
  private void defaults() {
    cli(
        "train",
        "--algorithm",
        "linear-learner",
        "--dataset",
        "mnist",
        "--model-name",
        "defaults",
        "--hp",
        "predictor_type=multiclass_classifier",
        "--hp",
        "num_classes=10",
        "--lake",
        lake);
    double acc = testAccuracy("defaults@latest");
    Benchmarks.log("linear learner with its defaults: test accuracy %.4f", acc);
    results.put("defaults_test_accuracy", acc);
  }

  /** The same 12 random trials one at a time and two at a time, after a warm-up job. */
  private void parallel() throws IOException {
    tune(spec("warmup", "random", 2, 2, 99, RANGES), "warmup");
    Map<Integer, Tuned> runs = new LinkedHashMap<>();
    for (int p : new int[] {1, 2}) {
      Tuned t = tune(spec("parallel-" + p, "random", 12, p, 42, RANGES), "parallel-" + p);
      Benchmarks.log("12 random trials, %d at a time: %.1f s", p, t.seconds());
      runs.put(p, t);
    }
    boolean same = objectives(runs.get(1).trials()).equals(objectives(runs.get(2).trials()));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("trials", 12);
    r.put("seconds_parallel_1", runs.get(1).seconds());
    r.put("seconds_parallel_2", runs.get(2).seconds());
    r.put("ratio", runs.get(2).seconds() / runs.get(1).seconds());
    r.put("same_trials", same);
    r.put("date", java.time.LocalDate.now().toString());
    results.put("parallel", r);
  }

  /** Bayesian against random search, two trials at a time, per seed. */
  private void strategies(int trials, List<Long> seeds) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long seed : seeds) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("seed", seed);
      Map<String, List<Double>> curves = new LinkedHashMap<>();
      for (String strategy : List.of("random", "bayesian")) {
        String name = strategy + "-" + seed;
        Tuned t = tune(spec(name, strategy, trials, 2, seed, RANGES), name);
        List<Double> obj = objectives(t.trials());
        curves.put(strategy, obj);
        r.put(strategy + "_seconds", t.seconds());
        r.put(strategy + "_best_validation", best(obj, obj.size()));
        r.put(strategy + "_test_accuracy", t.testAccuracy());
        r.put(strategy + "_validation_by_trial", obj);
        Benchmarks.log(
            "seed %d, %s: best validation accuracy %.4f, its test accuracy %.4f, %.0f s",
            seed, strategy, best(obj, obj.size()), t.testAccuracy(), t.seconds());
      }
      double target = best(curves.get("random"), trials);
      int reached = -1;
      List<Double> bayes = curves.get("bayesian");
      for (int n = 1; n <= bayes.size(); n++) {
        if (best(bayes, n) >= target) {
          reached = n;
          break;
        }
      }
      r.put("bayesian_trials_to_random_best", reached);
      rows.add(r);
    }
    results.put("strategies", rows);
    results.put("strategies_date", java.time.LocalDate.now().toString());
  }

  /** MLlib's TrainValidationSplit over a 6-point grid, beside Lakeforge's grid of 6 trials. */
  private void mllib() throws IOException {
    String grid =
        String.join(
            "\n",
            "  hyperparameters { predictor_type = multiclass_classifier, num_classes = 10 }",
            "  ranges {",
            "    wd { type = categorical, values = [\"0.000001\", \"0.0001\", \"0.01\"] }",
            "    l1 { type = categorical, values = [\"0.0000001\", \"0.0001\"] }",
            "  }");
    Tuned ours = tune(spec("grid", "grid", 6, 2, 42, grid), "grid");
    Benchmarks.log(
        "Lakeforge grid of 6: %.1f s, best test accuracy %.4f",
        ours.seconds(), ours.testAccuracy());

    Dataset<Row> train = IdxDataset.load(spark, data, "train").cache();
    train.count();
    LogisticRegression lr =
        new LogisticRegression()
            .setFeaturesCol(FEATURES)
            .setLabelCol(LABEL)
            .setFamily("multinomial")
            .setMaxIter(100);
    ParamMap[] params =
        new ParamGridBuilder()
            .addGrid(lr.regParam(), new double[] {1e-6, 1e-4, 1e-2})
            .addGrid(lr.elasticNetParam(), new double[] {0.0, 0.5})
            .build();
    TrainValidationSplit tvs =
        new TrainValidationSplit()
            .setEstimator(lr)
            .setEstimatorParamMaps(params)
            .setEvaluator(
                new MulticlassClassificationEvaluator()
                    .setLabelCol(LABEL)
                    .setMetricName("accuracy"))
            .setTrainRatio(0.8)
            .setParallelism(2)
            .setSeed(42);
    long t0 = System.nanoTime();
    TrainValidationSplitModel model = tvs.fit(train);
    double seconds = Benchmarks.secs(t0);
    Dataset<Row> scored = model.bestModel().transform(test);
    double acc =
        SupervisedEvaluator.classification(scored, LABEL, "prediction", null, 10)
            .metrics()
            .get("accuracy");
    Benchmarks.log(
        "MLlib TrainValidationSplit of 6: %.1f s, best test accuracy %.4f", seconds, acc);
    train.unpersist();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lakeforge_seconds", ours.seconds());
    r.put("lakeforge_test_accuracy", ours.testAccuracy());
    r.put("mllib_seconds", seconds);
    r.put("mllib_test_accuracy", acc);
    r.put("date", java.time.LocalDate.now().toString());
    results.put("mllib", r);
  }

  private static List<Double> objectives(List<TrialRecord> trials) {
    List<Double> out = new ArrayList<>();
    for (TrialRecord t : trials) {
      out.add(t.objective() == null ? Double.NaN : t.objective());
    }
    return out;
  }

  /** The best of the first {@code n} values, NaN (failed trials) left out. */
  private static double best(List<Double> values, int n) {
    double b = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < Math.min(n, values.size()); i++) {
      if (!Double.isNaN(values.get(i))) {
        b = Math.max(b, values.get(i));
      }
    }
    return b;
  }

  private void write(File outDir) throws IOException {
    BenchmarkReport.writeSection(outDir, "tuning", results, markdown());
  }

  @SuppressWarnings("unchecked")
  private String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("## Hyperparameter tuning (`scripts/bench-tuning.sh`)\n\n");
    sb.append("Written on ")
        .append(java.time.LocalDate.now())
        .append(". One JVM, local[2]: Fashion-MNIST's 60,000 training images through ingest, ")
        .append("curate and featurize (pixels / 255; 48,000 train and 12,000 validation rows), ")
        .append("`lakeforge tune` of the multiclass linear learner over learning_rate, wd, l1 ")
        .append("(log), mini_batch_size (log) and epochs for validation accuracy; each job's ")
        .append("registered best scored on the 10,000 test images. Seconds are the wall time of ")
        .append("the `tune` command in a warm JVM, registration and report included. Each table ")
        .append("is one run of its part, both sides of a comparison in that run (`--only PART` ")
        .append("reruns one part and keeps the others' figures).\n\n");
    sb.append(
        String.format(
            "Linear learner with its defaults: test accuracy **%.4f**.%n%n",
            (Double) results.get("defaults_test_accuracy")));
    if (results.get("parallel") instanceof Map<?, ?> p) {
      sb.append("| 12 random trials | seconds |\n|---|---|\n");
      sb.append(
          String.format(
              "| max-parallel-jobs = 1 | %.1f |%n", (Double) p.get("seconds_parallel_1")));
      sb.append(
          String.format(
              "| max-parallel-jobs = 2 | %.1f |%n", (Double) p.get("seconds_parallel_2")));
      sb.append(
          String.format(
              "%nTwo at a time took **%.2f×** the wall time of one at a time; the trials were %s.%n%n",
              (Double) p.get("ratio"),
              Boolean.TRUE.equals(p.get("same_trials"))
                  ? "the same (identical validation accuracy, trial by trial)"
                  : "NOT the same"));
    }
    if (results.get("strategies") instanceof List<?> rows) {
      sb.append(
          "| seed | random: best validation | random: its test accuracy | bayesian: best "
              + "validation | bayesian: its test accuracy | bayesian trials to random's best "
              + "| seconds random / bayesian |\n|---|---|---|---|---|---|---|\n");
      for (Object o : rows) {
        Map<String, Object> r = (Map<String, Object>) o;
        sb.append(
            String.format(
                "| %s | %.4f | %.4f | %.4f | %.4f | %s | %.0f / %.0f |%n",
                r.get("seed"),
                (Double) r.get("random_best_validation"),
                (Double) r.get("random_test_accuracy"),
                (Double) r.get("bayesian_best_validation"),
                (Double) r.get("bayesian_test_accuracy"),
                ((Integer) r.get("bayesian_trials_to_random_best")) < 0
                    ? "not reached"
                    : r.get("bayesian_trials_to_random_best"),
                (Double) r.get("random_seconds"),
                (Double) r.get("bayesian_seconds")));
      }
      sb.append("\nBoth strategies ran two trials at a time; their first trials are the same ")
          .append("random draws.\n\n");
    }
    if (results.get("mllib") instanceof Map<?, ?> m) {
      sb.append(
              "| 6-point regularisation grid, 2 at a time | seconds | best model's test accuracy |\n")
          .append("|---|---|---|\n");
      sb.append(
          String.format(
              "| Lakeforge `tune`, strategy grid (wd × l1), linear learner | %.1f | %.4f |%n",
              (Double) m.get("lakeforge_seconds"), (Double) m.get("lakeforge_test_accuracy")));
      sb.append(
          String.format(
              "| MLlib `TrainValidationSplit` (regParam × elasticNetParam, trainRatio 0.8, "
                  + "parallelism 2), `LogisticRegression` | %.1f | %.4f |%n%n",
              (Double) m.get("mllib_seconds"), (Double) m.get("mllib_test_accuracy")));
    }
    return sb.toString();
  }
}
