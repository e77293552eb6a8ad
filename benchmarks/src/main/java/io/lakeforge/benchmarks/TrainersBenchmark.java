package io.lakeforge.benchmarks;

import static io.lakeforge.benchmarks.IdxDataset.FEATURES;
import static io.lakeforge.benchmarks.IdxDataset.LABEL;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.SupervisedEvaluator;
import io.lakeforge.models.pca.PcaModel;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The built-in trainers beside their nearest Spark MLlib equivalents in one Spark application, on
 * Fashion-MNIST (60,000 train, 10,000 test, pixels / 255): linear learner vs {@code
 * LogisticRegression}, PCA vs {@code PCA}, and k-NN on its own. Time and quality side by side;
 * writes the trainers section of {@code docs/benchmarks.md} and {@code
 * docs/benchmarks-trainers.json}. A program, not a test.
 */
public final class TrainersBenchmark {
  private final SparkSession spark;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  private TrainersBenchmark(SparkSession spark) {
    this.spark = spark;
  }

  public static void main(String[] args) throws Exception {
    String data = "/usr/share/datasets/fashion-mnist";
    String out = "docs";
    List<String> only = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = args[++i];
        case "--out" -> out = args[++i];
        case "--only" -> only.add(args[++i]);
        default -> {
          System.err.println(
              "usage: TrainersBenchmark [--data DIR] [--out DIR] "
                  + "[--only linear-learner|pca|knn|xgboost]...");
          System.exit(2);
        }
      }
    }
    SparkSession spark = Benchmarks.session();
    try {
      new TrainersBenchmark(spark).run(new File(data), new File(out), only);
    } finally {
      spark.stop();
    }
  }

  private void run(File dataDir, File outDir, List<String> only) throws IOException {
    long t0 = System.nanoTime();
    Dataset<Row> train = IdxDataset.load(spark, dataDir, "train");
    Dataset<Row> test = IdxDataset.load(spark, dataDir, "t10k");
    Benchmarks.log(
        "loaded %d train and %d test rows from %s (%.1f s)",
        train.count(), test.count(), dataDir, Benchmarks.secs(t0));
    if (only.isEmpty() || only.contains("linear-learner")) {
      linearLearner(train, test);
    }
    if (only.isEmpty() || only.contains("pca")) {
      pca(train, test);
    }
    if (only.isEmpty() || only.contains("knn")) {
      knn(train, test, "none");
      knn(train, test, "sign");
    }
    if (only.isEmpty() || only.contains("xgboost")) {
      xgboost(train, test);
    }
    write(outDir);
  }

  private void linearLearner(Dataset<Row> train, Dataset<Row> test) {
    Trainer ll =
        Algorithms.get("linear-learner")
            .trainer(Map.of("predictor_type", "multiclass_classifier", "num_classes", "10"));
    ll.fit(train.limit(2000), FEATURES, LABEL);
    long t = System.nanoTime();
    TrainingRun run = ll.fit(train, FEATURES, LABEL);
    double oursSeconds = Benchmarks.secs(t);
    Map<String, Double> ours = ll.evaluate(run.model(), test, FEATURES, LABEL);
    Benchmarks.log(
        "linear-learner: %.1f s, %d epochs, test accuracy %.4f, macro F1 %.4f",
        oursSeconds, run.costHistory().size(), ours.get("accuracy"), ours.get("macro_f1"));

    LogisticRegression lr =
        new LogisticRegression()
            .setFeaturesCol(FEATURES)
            .setLabelCol(LABEL)
            .setFamily("multinomial")
            .setMaxIter(100)
            .setRegParam(0.0)
            .setStandardization(true);
    lr.setMaxIter(2).fit(train.limit(2000));
    lr.setMaxIter(100);
    t = System.nanoTime();
    LogisticRegressionModel mllib = lr.fit(train);
    double mllibSeconds = Benchmarks.secs(t);
    Dataset<Row> scored = mllib.transform(test);
    Map<String, Double> theirs =
        SupervisedEvaluator.classification(scored, LABEL, "prediction", null, 10).metrics();
    Benchmarks.log(
        "MLlib LogisticRegression: %.1f s, %d iterations, test accuracy %.4f, " + "macro F1 %.4f",
        mllibSeconds,
        mllib.summary().totalIterations(),
        theirs.get("accuracy"),
        theirs.get("macro_f1"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("trainer", "linear-learner (multiclass_classifier, defaults)");
    r.put("seconds", oursSeconds);
    r.put("quality_metric", "test accuracy");
    r.put("quality", ours.get("accuracy"));
    r.put("macro_f1", ours.get("macro_f1"));
    r.put("epochs", run.costHistory().size());
    r.put("mllib", "LogisticRegression (multinomial, standardization, regParam 0, maxIter 100)");
    r.put("mllib_seconds", mllibSeconds);
    r.put("mllib_quality", theirs.get("accuracy"));
    r.put("mllib_macro_f1", theirs.get("macro_f1"));
    r.put("mllib_iterations", mllib.summary().totalIterations());
    rows.add(r);
  }

  private void pca(Dataset<Row> train, Dataset<Row> test) {
    int k = 50;
    int compared = 10;
    PCA mlPca = new PCA().setK(k).setInputCol(FEATURES).setOutputCol("pca");
    mlPca.fit(train.limit(2000));
    long t = System.nanoTime();
    PCAModel mllib = mlPca.fit(train);
    double mllibSeconds = Benchmarks.secs(t);
    double mllibRatio = java.util.Arrays.stream(mllib.explainedVariance().toArray()).sum();
    Benchmarks.log("MLlib PCA k=%d: %.1f s, explained variance %.4f", k, mllibSeconds, mllibRatio);
    for (String mode : List.of("regular", "randomized")) {
      Trainer pca =
          Algorithms.get("pca")
              .trainer(Map.of("num_components", String.valueOf(k), "algorithm_mode", mode));
      pca.fit(train.limit(2000), FEATURES, null);
      t = System.nanoTime();
      PcaModel model = (PcaModel) pca.fit(train, FEATURES, null).model();
      double seconds = Benchmarks.secs(t);
      double ratio = model.trainingMetrics().get("explained_variance_ratio_total");
      double minCos = 1;
      for (int i = 0; i < compared; i++) {
        double[] ours = model.component(i);
        double dot = 0;
        for (int j = 0; j < ours.length; j++) {
          dot += ours[j] * mllib.pc().apply(j, i);
        }
        minCos = Math.min(minCos, Math.abs(dot));
      }
      Map<String, Double> validation = pca.evaluate(model, test, FEATURES, null);
      Benchmarks.log(
          "pca %s k=%d: %.1f s, explained variance %.4f, min |cos| to MLlib over the "
              + "top %d components %.6f, test explained variance %.4f",
          mode,
          k,
          seconds,
          ratio,
          compared,
          minCos,
          validation.get("validation_explained_variance_ratio"));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("trainer", "pca (" + mode + ", num_components " + k + ")");
      r.put("seconds", seconds);
      r.put("quality_metric", "explained variance ratio (train)");
      r.put("quality", ratio);
      r.put("test_explained_variance_ratio", validation.get("validation_explained_variance_ratio"));
      r.put("min_abs_cosine_top" + compared + "_vs_mllib", minCos);
      r.put("mllib", "PCA (k " + k + ")");
      r.put("mllib_seconds", mllibSeconds);
      r.put("mllib_quality", mllibRatio);
      rows.add(r);
    }
  }

  private void knn(Dataset<Row> train, Dataset<Row> test, String reduction) {
    Map<String, String> hp = new LinkedHashMap<>(Map.of("k", "5", "predictor_type", "classifier"));
    if (reduction.equals("sign")) {
      hp.put("dimension_reduction_type", "sign");
      hp.put("dimension_reduction_target", "64");
    }
    Trainer knn = Algorithms.get("knn").trainer(hp);
    long t = System.nanoTime();
    TrainingRun run = knn.fit(train, FEATURES, LABEL);
    double fitSeconds = Benchmarks.secs(t);
    t = System.nanoTime();
    Map<String, Double> m = knn.evaluate(run.model(), test, FEATURES, LABEL);
    double scoreSeconds = Benchmarks.secs(t);
    Benchmarks.log(
        "knn k=5 %s: index %.1f s, scoring %d test rows %.1f s, test accuracy %.4f",
        reduction.equals("sign") ? "sign→64" : "no reduction",
        fitSeconds,
        test.count(),
        scoreSeconds,
        m.get("accuracy"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put(
        "trainer",
        "knn (k 5, classifier, all 60,000 rows, "
            + (reduction.equals("sign") ? "sign projection to 64" : "no reduction")
            + ")");
    r.put("seconds", fitSeconds + scoreSeconds);
    r.put("index_seconds", fitSeconds);
    r.put("scoring_seconds", scoreSeconds);
    r.put("quality_metric", "test accuracy");
    r.put("quality", m.get("accuracy"));
    r.put("macro_f1", m.get("macro_f1"));
    r.put("mllib", "none (MLlib has no k-NN)");
    rows.add(r);
  }

  /**
   * XGBoost (hist, early stopping on 5,000 held-out training rows) against MLlib's random forest on
   * the same rows, then the scaling row: the same fixed number of rounds on the training rows and
   * on four copies of them.
   */
  private void xgboost(Dataset<Row> train, Dataset<Row> test) {
    Dataset<Row>[] parts = train.randomSplit(new double[] {55.0 / 60, 5.0 / 60}, 17);
    Dataset<Row> fitRows = parts[0].cache();
    Dataset<Row> stopRows = parts[1].cache();
    Benchmarks.log(
        "xgboost: %d rows to fit, %d to stop early on", fitRows.count(), stopRows.count());
    Map<String, String> hp =
        new LinkedHashMap<>(
            Map.of(
                "objective", "multi:softprob",
                "num_class", "10",
                "tree_method", "hist",
                "max_depth", "6",
                "eta", "0.3",
                "num_round", "300",
                "eval_metric", "mlogloss",
                "early_stopping_rounds", "10"));
    Trainer xgb = Algorithms.get("xgboost").trainer(hp);
    long t = System.nanoTime();
    TrainingRun run =
        xgb.fit(
            io.lakeforge.algorithms.api.TrainingInput.of(fitRows, FEATURES, LABEL)
                .withValidation(stopRows));
    double oursSeconds = Benchmarks.secs(t);
    Map<String, Double> ours = xgb.evaluate(run.model(), test, FEATURES, LABEL);
    int rounds = run.phaseSeconds().get("rounds").intValue();
    Benchmarks.log(
        "xgboost: %.1f s, %d rounds (best %s), test accuracy %.4f, macro F1 %.4f",
        oursSeconds,
        rounds,
        run.phaseSeconds().get("best_iteration"),
        ours.get("accuracy"),
        ours.get("macro_f1"));

    org.apache.spark.ml.classification.RandomForestClassifier rf =
        new org.apache.spark.ml.classification.RandomForestClassifier()
            .setFeaturesCol(FEATURES)
            .setLabelCol(LABEL)
            .setNumTrees(100)
            .setMaxDepth(15)
            .setSeed(17);
    t = System.nanoTime();
    org.apache.spark.ml.classification.RandomForestClassificationModel forest = rf.fit(fitRows);
    double rfSeconds = Benchmarks.secs(t);
    Map<String, Double> theirs =
        SupervisedEvaluator.classification(forest.transform(test), LABEL, "prediction", null, 10)
            .metrics();
    Benchmarks.log(
        "MLlib RandomForestClassifier: %.1f s, test accuracy %.4f, macro F1 %.4f",
        rfSeconds, theirs.get("accuracy"), theirs.get("macro_f1"));

    // Scaling: a fixed number of rounds, no early stopping, on 1x and 4x the rows.
    Map<String, String> fixed = new LinkedHashMap<>(hp);
    fixed.remove("early_stopping_rounds");
    fixed.put("num_round", "30");
    Dataset<Row> four = fitRows.union(fitRows).union(fitRows).union(fitRows).cache();
    long fourRows = four.count();
    double[] scaling = new double[2];
    int i = 0;
    for (Dataset<Row> rows : List.of(fitRows, four)) {
      Trainer x = Algorithms.get("xgboost").trainer(fixed);
      t = System.nanoTime();
      x.fit(rows, FEATURES, LABEL);
      scaling[i++] = Benchmarks.secs(t);
    }
    Benchmarks.log(
        "xgboost 30 rounds: %.1f s on %d rows, %.1f s on %d rows (%.2fx the time for 4x the rows)",
        scaling[0], fitRows.count(), scaling[1], fourRows, scaling[1] / scaling[0]);
    four.unpersist();

    Map<String, Object> r = new LinkedHashMap<>();
    r.put(
        "trainer",
        "xgboost (multi:softprob, hist, max_depth 6, eta 0.3, up to 300 rounds, early stopping "
            + "10 on 5,000 held-out rows)");
    r.put("seconds", oursSeconds);
    r.put("quality_metric", "test accuracy");
    r.put("quality", ours.get("accuracy"));
    r.put("macro_f1", ours.get("macro_f1"));
    r.put("rounds", rounds);
    r.put("mllib", "RandomForestClassifier (100 trees, maxDepth 15), same 55,000 rows");
    r.put("mllib_seconds", rfSeconds);
    r.put("mllib_quality", theirs.get("accuracy"));
    r.put("mllib_macro_f1", theirs.get("macro_f1"));
    r.put("scaling_30_rounds_seconds_1x", scaling[0]);
    r.put("scaling_30_rounds_seconds_4x", scaling[1]);
    r.put("scaling_time_ratio_4x_rows", scaling[1] / scaling[0]);
    rows.add(r);
    fitRows.unpersist();
    stopRows.unpersist();
  }

  private void write(File outDir) throws IOException {
    BenchmarkReport.writeSection(outDir, "trainers", rows, markdown());
  }

  private String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("## Built-in trainers vs Spark MLlib\n\n");
    sb.append("Written by `scripts/bench-trainers.sh` on ")
        .append(java.time.LocalDate.now())
        .append(". One Spark application, local[2], Fashion-MNIST: 60,000 training and ")
        .append("10,000 test images (pixels / 255), each side fitted on the training images ")
        .append("and scored on the test images. Each trainer ran once untimed on 2,000 rows ")
        .append("first (JIT warm-up). Seconds are wall time of the fit (k-NN: building the index ")
        .append("plus scoring the 10,000 test rows, which is where its work is).\n\n");
    sb.append(
        "| trainer | seconds | quality | value | MLlib equivalent | MLlib seconds | "
            + "MLlib value | notes |\n|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : rows) {
      StringBuilder notes = new StringBuilder();
      r.forEach(
          (k, v) -> {
            if (List.of(
                        "macro_f1",
                        "epochs",
                        "mllib_macro_f1",
                        "mllib_iterations",
                        "test_explained_variance_ratio",
                        "index_seconds",
                        "scoring_seconds",
                        "rounds",
                        "scaling_30_rounds_seconds_1x",
                        "scaling_30_rounds_seconds_4x",
                        "scaling_time_ratio_4x_rows")
                    .contains(k)
                || k.startsWith("min_abs_cosine")) {
              notes
                  .append(notes.length() == 0 ? "" : ", ")
                  .append(k.replace('_', ' '))
                  .append(' ')
                  .append(v instanceof Double d ? String.format("%.4g", d) : v);
            }
          });
      sb.append(
          String.format(
              "| %s | %.1f | %s | %.4f | %s | %s | %s | %s |%n",
              r.get("trainer"),
              (Double) r.get("seconds"),
              r.get("quality_metric"),
              (Double) r.get("quality"),
              r.get("mllib"),
              r.containsKey("mllib_seconds") ? String.format("%.1f", r.get("mllib_seconds")) : "–",
              r.containsKey("mllib_quality") ? String.format("%.4f", r.get("mllib_quality")) : "–",
              notes));
    }
    sb.append(
        "\nThe linear learner trains by per-epoch model averaging of mini-batch Adam over "
            + "the partitions (SageMaker's defaults: 15 epochs, mini-batches of 1,000, early "
            + "stopping); MLlib's LogisticRegression runs L-BFGS to convergence (100 iterations). "
            + "The published logistic-regression baseline on Fashion-MNIST is 0.84 test accuracy. "
            + "PCA components are compared with MLlib's by |cosine| (they are unique up to sign). "
            + "MLlib has no k-NN; its row shows the cost of brute force with BLAS over the whole "
            + "training set, with and without a random sign projection. XGBoost runs through "
            + "xgboost4j-spark (one worker per partition, 2 here); MLlib has no XGBoost, and its "
            + "GBTClassifier is binary only (one-vs-rest over 10 classes was not run: ten "
            + "sequential boosted ensembles); its random forest is the nearest multiclass tree "
            + "ensemble. The scaling figures train 30 rounds without early stopping on the 55,000 "
            + "rows and on four copies of them.\n\n");
    return sb.toString();
  }
}
