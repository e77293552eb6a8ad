package io.lakeforge.benchmarks;

import static io.lakeforge.benchmarks.IdxDataset.FEATURES;
import static io.lakeforge.benchmarks.IdxDataset.LABEL;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;

import dev.ludovic.netlib.blas.BLAS;
import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.models.Model;
import io.lakeforge.models.Scores;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Random Cut Forest in the standard one-class setup on Fashion-MNIST: for each class, train on that
 * class's training images with 5 % of other classes' images mixed in, score the 10,000 test images,
 * and measure the ROC AUC of "another class" against "this class". Beside it, in the same run on
 * the same rows, two baselines: the distance to the nearest of Lakeforge's K-Means centers (k = 10)
 * and the distance to the 5th nearest training image (k-NN, exact, by GEMM). Also RCF's training
 * time per class and on 4× the rows. Writes the anomaly section of {@code docs/benchmarks.md} and
 * {@code docs/benchmarks-anomaly.json}. A program, not a test.
 */
public final class AnomalyBenchmark {
  private static final double CONTAMINATION = 0.05;
  private static final int KNN_K = 5;

  private final SparkSession spark;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  private AnomalyBenchmark(SparkSession spark) {
    this.spark = spark;
  }

  public static void main(String[] args) throws Exception {
    String data = "/usr/share/datasets/fashion-mnist";
    String out = "docs";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = args[++i];
        case "--out" -> out = args[++i];
        default -> {
          System.err.println("usage: AnomalyBenchmark [--data DIR] [--out DIR]");
          System.exit(2);
        }
      }
    }
    SparkSession spark = Benchmarks.session();
    try {
      new AnomalyBenchmark(spark).run(new File(data), new File(out));
    } finally {
      spark.stop();
    }
  }

  private void run(File dataDir, File outDir) throws IOException {
    Dataset<Row> train = IdxDataset.load(spark, dataDir, "train");
    Dataset<Row> test = IdxDataset.load(spark, dataDir, "t10k");
    double[] testX = matrix(test);
    int[] testLabel = labels(test);
    int n = testLabel.length;
    int dim = testX.length / n;
    Benchmarks.log("loaded %d train and %d test rows", train.count(), n);
    Map<String, Object> scaling;
    for (int c = 0; c < 10; c++) {
      Dataset<Row> others =
          train.where(col(LABEL).notEqual(c)).orderBy(rand(c)).limit(otherCount(train, c));
      Dataset<Row> set = train.where(col(LABEL).equalTo(c)).union(others).repartition(2).cache();
      long setRows = set.count();
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        positive[i] = testLabel[i] != c;
      }

      long t0 = System.nanoTime();
      Model rcf = fit(set, "randomcutforest", Map.of("seed", "1"));
      double rcfSeconds = Benchmarks.secs(t0);
      double rcfAuc = auc(scores(rcf, testX, n, 0), positive);

      t0 = System.nanoTime();
      Model kmeans = fit(set, "kmeans", Map.of("k", "10", "seed", "1"));
      double kmeansSeconds = Benchmarks.secs(t0);
      double kmeansAuc = auc(scores(kmeans, testX, n, 1), positive);

      t0 = System.nanoTime();
      double knnAuc = auc(knnDistance(matrix(set), testX, dim), positive);
      double knnSeconds = Benchmarks.secs(t0);

      Map<String, Object> row = new LinkedHashMap<>();
      row.put("class", c);
      row.put("train_rows", setRows);
      row.put("rcf_auc", rcfAuc);
      row.put("kmeans_distance_auc", kmeansAuc);
      row.put("knn_distance_auc", knnAuc);
      row.put("rcf_train_seconds", rcfSeconds);
      row.put("kmeans_train_seconds", kmeansSeconds);
      row.put("knn_score_seconds", knnSeconds);
      rows.add(row);
      Benchmarks.log(
          "class %d (%d rows): AUC rcf %.4f (%.1f s), k-means %.4f (%.1f s), k-nn %.4f (%.1f s)",
          c, setRows, rcfAuc, rcfSeconds, kmeansAuc, kmeansSeconds, knnAuc, knnSeconds);
      set.unpersist();
    }
    // Both sizes measured now, in the same warm JVM (class 0's first fit also paid for JIT).
    scaling = scaling(train, 0);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("classes", rows);
    figures.put("mean_rcf_auc", mean("rcf_auc"));
    figures.put("mean_kmeans_distance_auc", mean("kmeans_distance_auc"));
    figures.put("mean_knn_distance_auc", mean("knn_distance_auc"));
    figures.put("scaling", scaling);
    figures.put("cpu", BenchmarkReport.cpuModel());
    BenchmarkReport.writeSection(outDir, "anomaly", figures, markdown(figures));
  }

  private static int otherCount(Dataset<Row> train, int c) {
    long own = train.where(col(LABEL).equalTo(c)).count();
    return (int) Math.round(own * CONTAMINATION / (1 - CONTAMINATION));
  }

  /**
   * RCF's training time on class {@code c}'s set and on 4× as many rows (the set repeated,
   * shuffled), both measured here one after the other.
   */
  private Map<String, Object> scaling(Dataset<Row> train, int c) {
    Dataset<Row> others =
        train.where(col(LABEL).notEqual(c)).orderBy(rand(c)).limit(otherCount(train, c));
    Dataset<Row> set = train.where(col(LABEL).equalTo(c)).union(others).repartition(2).cache();
    Dataset<Row> four =
        set.union(set).union(set).union(set).orderBy(rand(4)).repartition(2).cache();
    long rows = set.count();
    long fourRows = four.count();
    long t0 = System.nanoTime();
    fit(set, "randomcutforest", Map.of("seed", "1"));
    double seconds = Benchmarks.secs(t0);
    t0 = System.nanoTime();
    fit(four, "randomcutforest", Map.of("seed", "1"));
    double fourSeconds = Benchmarks.secs(t0);
    set.unpersist();
    four.unpersist();
    Benchmarks.log(
        "rcf scaling: %d rows %.2f s, %d rows %.2f s (%.2fx)",
        rows, seconds, fourRows, fourSeconds, fourSeconds / seconds);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("seconds", seconds);
    m.put("rows_4x", fourRows);
    m.put("seconds_4x", fourSeconds);
    return m;
  }

  private static Model fit(Dataset<Row> set, String algorithm, Map<String, String> hp) {
    return Algorithms.get(algorithm).trainer(hp).fit(set, FEATURES, null).model();
  }

  /** Output {@code column} of the model's own scorer (the one transform and serving call). */
  private static double[] scores(Model m, double[] x, int n, int column) {
    Scores s = m.newScores(n);
    m.score(x, n, s);
    return s.doubles(column).clone();
  }

  /** The distance of each query row to its {@value #KNN_K}-th nearest training row. */
  private static double[] knnDistance(double[] train, double[] query, int dim) {
    int m = train.length / dim;
    int n = query.length / dim;
    double[] tn = new double[m];
    for (int i = 0; i < m; i++) {
      tn[i] = BLAS.getInstance().ddot(dim, train, i * dim, 1, train, i * dim, 1);
    }
    double[] out = new double[n];
    int block = 512;
    double[] g = new double[block * m];
    for (int q0 = 0; q0 < n; q0 += block) {
      int rowsHere = Math.min(block, n - q0);
      // g (m × rows, column-major) = train · queryᵀ
      BLAS.getInstance()
          .dgemm(
              "T",
              "N",
              m,
              rowsHere,
              dim,
              1.0,
              train,
              dim,
              slice(query, q0, rowsHere, dim),
              dim,
              0.0,
              g,
              m);
      double[] best = new double[KNN_K];
      for (int r = 0; r < rowsHere; r++) {
        double qn =
            BLAS.getInstance().ddot(dim, query, (q0 + r) * dim, 1, query, (q0 + r) * dim, 1);
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < m; i++) {
          double d = qn + tn[i] - 2 * g[r * m + i];
          if (d < best[KNN_K - 1]) {
            int j = KNN_K - 1;
            while (j > 0 && best[j - 1] > d) {
              best[j] = best[j - 1];
              j--;
            }
            best[j] = d;
          }
        }
        out[q0 + r] = Math.sqrt(Math.max(0, best[KNN_K - 1]));
      }
    }
    return out;
  }

  private static double[] slice(double[] x, int from, int rows, int dim) {
    return Arrays.copyOfRange(x, from * dim, (from + rows) * dim);
  }

  /** The ROC AUC of {@code score} for {@code positive}, by ranks (ties share their mean rank). */
  static double auc(double[] score, boolean[] positive) {
    int n = score.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  private static double[] matrix(Dataset<Row> df) {
    List<Row> all = df.select(FEATURES).collectAsList();
    int dim = ((Vector) all.get(0).get(0)).size();
    double[] x = new double[all.size() * dim];
    for (int i = 0; i < all.size(); i++) {
      System.arraycopy(((Vector) all.get(i).get(0)).toArray(), 0, x, i * dim, dim);
    }
    return x;
  }

  private static int[] labels(Dataset<Row> df) {
    return df.select(LABEL).collectAsList().stream().mapToInt(r -> r.getInt(0)).toArray();
  }

  private double mean(String key) {
    return rows.stream().mapToDouble(r -> (Double) r.get(key)).average().orElse(Double.NaN);
  }

  @SuppressWarnings("unchecked")
  private String markdown(Map<String, Object> f) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Anomaly detection: Random Cut Forest, one class at a time\n\n");
    sb.append(
        "`scripts/bench-anomaly.sh`, Fashion-MNIST, local[2], one run. For each class: train on "
            + "that class's 6,000 training images plus 5 % of other classes' images (316 rows), "
            + "score the 10,000 test images, ROC AUC of \"another class\" against \"this class\" "
            + "(higher = better separated). Baselines on the same rows in the same run: the "
            + "distance to the nearest Lakeforge K-Means center (k = 10, defaults) and the "
            + "distance to the 5th nearest training image (exact k-NN by GEMM). RCF with "
            + "SageMaker's defaults (100 trees of 256 samples), seed 1. CPU: "
            + f.get("cpu")
            + ".\n\n");
    sb.append(
        "| class | training rows | RCF AUC | K-Means distance AUC | k-NN distance AUC | RCF train s "
            + "| K-Means train s | k-NN score s |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : (List<Map<String, Object>>) f.get("classes")) {
      sb.append(
          String.format(
              "| %d | %d | %.4f | %.4f | %.4f | %.1f | %.1f | %.1f |%n",
              r.get("class"),
              r.get("train_rows"),
              r.get("rcf_auc"),
              r.get("kmeans_distance_auc"),
              r.get("knn_distance_auc"),
              r.get("rcf_train_seconds"),
              r.get("kmeans_train_seconds"),
              r.get("knn_score_seconds")));
    }
    sb.append(
        String.format(
            "| **mean** | | **%.4f** | **%.4f** | **%.4f** | | | |%n%n",
            f.get("mean_rcf_auc"),
            f.get("mean_kmeans_distance_auc"),
            f.get("mean_knn_distance_auc")));
    Map<String, Object> s = (Map<String, Object>) f.get("scaling");
    sb.append(
        String.format(
            "Scaling (class 0, after the table, warm JVM): RCF trains on %d rows in %.2f s and on "
                + "%d rows (the same rows 4×, shuffled) in %.2f s (%.2f× the time for 4× the rows: "
                + "one pass samples, a second scores the training rows for the threshold).%n",
            s.get("rows"),
            s.get("seconds"),
            s.get("rows_4x"),
            s.get("seconds_4x"),
            (Double) s.get("seconds_4x") / (Double) s.get("seconds")));
    return sb.toString();
  }
}
