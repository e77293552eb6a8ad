package io.lakeforge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ludovic.netlib.blas.BLAS;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.ClusteringMetrics;
import io.lakeforge.algorithms.kmeans.KMeansOptions;
import io.lakeforge.algorithms.kmeans.KMeansTrainer;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Output;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Lakeforge's K-Means against Spark MLlib's in one Spark application, on the same cached features
 * (Fashion-MNIST train, 60,000 × 784, pixels / 255): Lloyd from the same initial centers for the
 * same iterations, each side's own default initialization, webscale with its defaults, the distance
 * kernel against the machine's DGEMM with the same BLAS, and a row-scaling series. Writes {@code
 * docs/benchmarks.md} and {@code docs/benchmarks.json}. A program, not a test.
 */
public final class KMeansBenchmark {
  private static final String FEATURES = "features";

  private final SparkSession spark;
  private final boolean quick;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private KMeansBenchmark(SparkSession spark, boolean quick) {
    this.spark = spark;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    String data = "/usr/share/datasets/fashion-mnist";
    String out = "docs";
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--data" -> data = args[++i];
        case "--out" -> out = args[++i];
        default -> {
          System.err.println("usage: KMeansBenchmark [--quick] [--data DIR] [--out DIR]");
          System.exit(2);
        }
      }
    }
    SparkSession spark = Benchmarks.session();
    try {
      new KMeansBenchmark(spark, quick).run(new File(data), new File(out));
    } finally {
      spark.stop();
    }
  }

  private void run(File dataDir, File outDir) throws IOException {
    long t0 = System.nanoTime();
    Dataset<Row> df = load(dataDir);
    long n = df.count();
    log("loaded %d rows from %s (%.1f s)", n, dataDir, secs(t0));
    int[] labels = labels(df);

    int[][] configs = quick ? new int[][] {{10, 20}} : new int[][] {{10, 20}, {100, 10}, {256, 5}};
    for (int[] c : configs) {
      compareAtK(df, labels, c[0], c[1]);
    }
    Map<String, Object> kernel =
        kernelVersusDgemm(df, quick ? new int[] {10} : new int[] {10, 100, 256});
    List<Map<String, Object>> scaling = scaling(quick);
    write(outDir, kernel, scaling, n);
  }

  /** Lloyd from the same centers on both sides, own default inits, and webscale, at one k. */
  private void compareAtK(Dataset<Row> df, int[] labels, int k, int iterations) {
    log("k=%d: %d iterations", k, iterations);
    Centers init = randomRows(df, k, 7L * k);

    // MLlib from the same centers (ml.KMeans has no public initial model; mllib's RDD KMeans,
    // which ml.KMeans runs underneath, has).
    JavaRDD<org.apache.spark.mllib.linalg.Vector> rdd =
        df.select(FEATURES)
            .javaRDD()
            .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML((Vector) r.get(0)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    rdd.count();
    org.apache.spark.mllib.linalg.Vector[] start = new org.apache.spark.mllib.linalg.Vector[k];
    for (int c = 0; c < k; c++) {
      start[c] = org.apache.spark.mllib.linalg.Vectors.dense(init.center(c));
    }
    // Warm-up (JIT, caches) for both sides before anything is timed.
    new org.apache.spark.mllib.clustering.KMeans()
        .setK(k)
        .setMaxIterations(2)
        .setEpsilon(0)
        .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(start))
        .run(rdd.rdd());
    trainer(k, "lloyd", 2).fitFrom(df, FEATURES, init);
    long t = System.nanoTime();
    org.apache.spark.mllib.clustering.KMeansModel mllib =
        new org.apache.spark.mllib.clustering.KMeans()
            .setK(k)
            .setMaxIterations(iterations)
            .setEpsilon(0)
            .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(start))
            .run(rdd.rdd());
    double mllibTotal = secs(t);
    rdd.unpersist(false);
    Centers mllibCenters = toCenters(mllib.clusterCenters());

    KMeansTrainer lloyd = trainer(k, "lloyd", iterations);
    t = System.nanoTime();
    TrainingRun ours = lloyd.fitFrom(df, FEATURES, init);
    double oursTotal = secs(t);
    Centers oursCenters = ((KMeansModel) ours.model()).centers();
    double oursPerIter = ours.phaseSeconds().get("iterations_seconds") / iterations;
    double mllibPerIter = mllibTotal / iterations;

    Map<String, Object> row =
        row(
            k,
            "lloyd",
            0.0,
            oursPerIter,
            oursTotal,
            cost(df, oursCenters),
            nmi(df, labels, oursCenters),
            0.0,
            mllibPerIter,
            mllibTotal,
            cost(df, mllibCenters));
    row.put("iterations", iterations);
    row.put("initialization", "same random rows on both sides");
    row.put("mllib_nmi", nmi(df, labels, mllibCenters));
    row.put("cache_seconds", ours.phaseSeconds().get("cache_seconds"));
    rows.add(row);
    log(
        "  lloyd same init: ours %.3f s/iter, MLlib %.3f s/iter (%.1fx)",
        oursPerIter, mllibPerIter, mllibPerIter / oursPerIter);

    // Each side's own default initialization (k-means||), then the same iterations.
    t = System.nanoTime();
    org.apache.spark.ml.clustering.KMeansModel mlOwn =
        new org.apache.spark.ml.clustering.KMeans()
            .setK(k)
            .setMaxIter(iterations)
            .setTol(0)
            .setSeed(42)
            .setFeaturesCol(FEATURES)
            .fit(df);
    double mlOwnTotal = secs(t);
    double mlOwnInit = Math.max(0, mlOwnTotal - mllibPerIter * mlOwn.summary().numIter());
    t = System.nanoTime();
    TrainingRun ownRun =
        new KMeansTrainer(
                KMeansOptions.parse(
                    Map.of(
                        "k",
                        String.valueOf(k),
                        "mode",
                        "lloyd",
                        "max_iter",
                        String.valueOf(iterations),
                        "tol",
                        "0",
                        "seed",
                        "42")))
            .fit(df, FEATURES, null);
    double ownTotal = secs(t);
    Centers ownCenters = ((KMeansModel) ownRun.model()).centers();
    Centers mlOwnCenters =
        toCenters(
            java.util.Arrays.stream(mlOwn.clusterCenters())
                .map(v -> org.apache.spark.mllib.linalg.Vectors.fromML(v))
                .toArray(org.apache.spark.mllib.linalg.Vector[]::new));
    double ownInit = ownRun.phaseSeconds().get("init_seconds");
    Map<String, Object> own =
        row(
            k,
            "lloyd-own-init",
            ownInit,
            ownRun.phaseSeconds().get("iterations_seconds") / iterations,
            ownTotal,
            cost(df, ownCenters),
            nmi(df, labels, ownCenters),
            mlOwnInit,
            mllibPerIter,
            mlOwnTotal,
            cost(df, mlOwnCenters));
    own.put("iterations", iterations);
    own.put("initialization", "each side's default: k-means|| (Lakeforge) vs k-means|| (MLlib)");
    rows.add(own);
    log(
        "  own init: ours %.2f s, MLlib k-means|| ~%.2f s (%.1fx)",
        ownInit, mlOwnInit, mlOwnInit / ownInit);

    // Webscale with its defaults (one epoch of mini-batches of 5000).
    t = System.nanoTime();
    TrainingRun web =
        new KMeansTrainer(KMeansOptions.parse(Map.of("k", String.valueOf(k))))
            .fit(df, FEATURES, null);
    // Time to the model: the fit's extra pass that reports the training cost is evaluation, and
    // the benchmark computes every cost the same way outside the timings.
    double webTotal = secs(t) - web.phaseSeconds().getOrDefault("final_cost_seconds", 0.0);
    Centers webCenters = ((KMeansModel) web.model()).centers();
    Map<String, Object> w =
        row(
            k,
            "webscale",
            0.0,
            web.phaseSeconds().get("epochs_seconds"),
            webTotal,
            cost(df, webCenters),
            nmi(df, labels, webCenters),
            mlOwnInit,
            mllibPerIter,
            mlOwnTotal,
            cost(df, mlOwnCenters));
    w.put("iterations", 1);
    w.put("initialization", "webscale defaults (random per partition, 1 epoch)");
    // Against lloyd as a user runs it: its default initialization, then the iterations.
    w.put("cost_vs_lloyd", (double) w.get("cost") / (double) own.get("cost"));
    w.put("time_vs_lloyd", webTotal / ownTotal);
    w.put("cache_seconds", web.phaseSeconds().get("cache_seconds"));
    w.put("partition_epochs_seconds", web.phaseSeconds().get("partition_epochs_seconds"));
    w.put("local_lloyd_seconds", web.phaseSeconds().get("local_lloyd_seconds"));
    rows.add(w);
    log(
        "  webscale: %.2f s, cost %.4g (%.2f%% vs lloyd)",
        webTotal, w.get("cost"), 100 * ((double) w.get("cost_vs_lloyd") - 1));
  }

  private Map<String, Object> row(
      int k,
      String mode,
      double init,
      double perIter,
      double total,
      double cost,
      double nmi,
      double mlInit,
      double mlPerIter,
      double mlTotal,
      double mlCost) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", k);
    m.put("mode", mode);
    m.put("init_seconds", init);
    m.put("seconds_per_iteration", perIter);
    m.put("total_seconds", total);
    m.put("cost", cost);
    m.put("nmi", nmi);
    m.put("mllib_init_seconds", mlInit);
    m.put("mllib_seconds_per_iteration", mlPerIter);
    m.put("mllib_total_seconds", mlTotal);
    m.put("mllib_cost", mlCost);
    m.put("ratio_per_iteration", mlPerIter / perIter);
    m.put("ratio_total", mlTotal / total);
    m.put("blas", DistanceKernel.blasName());
    return m;
  }

  /** The distance kernel (GEMM + argmin) and plain DGEMM on the same blocks, one thread. */
  private Map<String, Object> kernelVersusDgemm(Dataset<Row> df, int[] ks) {
    List<Row> sample = df.select(FEATURES).limit(60_000).collectAsList();
    List<Vector> vectors = sample.stream().map(r -> (Vector) r.get(0)).toList();
    int dim = vectors.get(0).size();
    List<DenseBlock> blocks = new ArrayList<>();
    DenseBlock.pack(vectors.iterator(), dim, 4096).forEachRemaining(blocks::add);
    long rowsTotal = vectors.size();
    BLAS blas = BLAS.getInstance();
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> perK = new ArrayList<>();
    for (int k : ks) {
      Centers c = randomCenters(k, dim, 3);
      double[] dots = new double[4096 * k];
      int[] assign = new int[4096];
      double[] dist = new double[4096];
      double flops = 2.0 * rowsTotal * dim * k;
      double kernelBest = Double.MAX_VALUE;
      double gemmBest = Double.MAX_VALUE;
      for (int rep = 0; rep < 3; rep++) {
        long t = System.nanoTime();
        for (DenseBlock b : blocks) {
          b.assign(c, dots, assign, dist);
        }
        kernelBest = Math.min(kernelBest, secs(t));
        t = System.nanoTime();
        for (DenseBlock b : blocks) {
          blas.dgemm("T", "N", k, b.rows, dim, 1.0, c.values, dim, b.values, dim, 0.0, dots, k);
        }
        gemmBest = Math.min(gemmBest, secs(t));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("k", k);
      m.put("kernel_seconds", kernelBest);
      m.put("dgemm_seconds", gemmBest);
      m.put("kernel_gflops", flops / kernelBest / 1e9);
      m.put("dgemm_gflops", flops / gemmBest / 1e9);
      m.put("kernel_share_of_dgemm", gemmBest / kernelBest);
      perK.add(m);
      log(
          "kernel k=%d: %.2f GFLOP/s vs dgemm %.2f GFLOP/s (%.0f%%)",
          k, flops / kernelBest / 1e9, flops / gemmBest / 1e9, 100 * gemmBest / kernelBest);
    }
    // The floor under any per-iteration time: one Spark job of two tasks doing nothing.
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    double[] jobs = new double[15];
    for (int i = 0; i < jobs.length; i++) {
      long t = System.nanoTime();
      jsc.parallelize(List.of(1, 2), 2).map(x -> x).count();
      jobs[i] = secs(t);
    }
    java.util.Arrays.sort(jobs);
    out.put("empty_job_median_seconds", jobs[jobs.length / 2]);
    log("empty 2-task Spark job: median %.1f ms", 1000 * jobs[jobs.length / 2]);
    out.put("rows", rowsTotal);
    out.put("dim", dim);
    out.put("blas", DistanceKernel.blasName());
    out.put("per_k", perK);
    return out;
  }

  /** Lloyd (k = 10, 5 iterations) on synthetic data of 1×, 4× and 16× the rows. */
  private List<Map<String, Object>> scaling(boolean quick) {
    int base = quick ? 10_000 : 20_000;
    int dim = 100;
    List<Map<String, Object>> out = new ArrayList<>();
    double first = 0;
    for (int factor : new int[] {1, 4, 16}) {
      int n = base * factor;
      Dataset<Row> synth = synthetic(n, dim, 10, 2).persist(StorageLevel.MEMORY_AND_DISK());
      synth.count();
      KMeansTrainer t = trainer(10, "lloyd", 5);
      TrainingRun run = t.fitFrom(synth, FEATURES, randomRows(synth, 10, 5));
      double perIter = run.phaseSeconds().get("iterations_seconds") / 5;
      synth.unpersist();
      if (factor == 1) {
        first = perIter;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", n);
      m.put("dim", dim);
      m.put("seconds_per_iteration", perIter);
      m.put("relative_time", perIter / first);
      out.add(m);
      log("scaling %dx (%d rows): %.3f s/iter (%.1fx)", factor, n, perIter, perIter / first);
    }
    return out;
  }

  private Dataset<Row> synthetic(int n, int dim, int k, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // One task per partition, each generating its own slice of the rows.
    JavaRDD<Row> rdd =
        jsc.parallelize(
                java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions)
            .flatMap(
                p -> {
                  SplittableRandom centersRnd = new SplittableRandom(99);
                  double[][] centers = new double[k][dim];
                  for (double[] c : centers) {
                    for (int j = 0; j < dim; j++) {
                      c[j] = centersRnd.nextDouble() * 10;
                    }
                  }
                  SplittableRandom r = new SplittableRandom(1000 + p);
                  List<Row> rows = new ArrayList<>();
                  for (int i = p; i < n; i += partitions) {
                    double[] x = new double[dim];
                    int c = i % k;
                    for (int j = 0; j < dim; j++) {
                      x[j] = centers[c][j] + r.nextDouble() - 0.5;
                    }
                    rows.add(RowFactory.create(Vectors.dense(x)));
                  }
                  return rows.iterator();
                });
    return spark.createDataFrame(rdd, new StructType().add(FEATURES, SQLDataTypes.VectorType()));
  }

  private KMeansTrainer trainer(int k, String mode, int iterations) {
    return new KMeansTrainer(
        KMeansOptions.parse(
            Map.of(
                "k",
                String.valueOf(k),
                "mode",
                mode,
                "max_iter",
                String.valueOf(iterations),
                "tol",
                "0")));
  }

  private Dataset<Row> load(File dir) throws IOException {
    return IdxDataset.load(spark, dir, "train");
  }

  private static int[] labels(Dataset<Row> df) {
    List<Row> rows = df.select("label").collectAsList();
    int[] out = new int[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).getInt(0);
    }
    return out;
  }

  private Centers randomRows(Dataset<Row> df, int k, long seed) {
    List<Row> picked = df.select(FEATURES).javaRDD().takeSample(false, k, seed);
    int dim = ((Vector) picked.get(0).get(0)).size();
    double[] v = new double[k * dim];
    for (int c = 0; c < k; c++) {
      System.arraycopy(((Vector) picked.get(c).get(0)).toArray(), 0, v, c * dim, dim);
    }
    return new Centers(k, dim, v);
  }

  private static Centers randomCenters(int k, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[k * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble();
    }
    return new Centers(k, dim, v);
  }

  private static Centers toCenters(org.apache.spark.mllib.linalg.Vector[] vs) {
    int dim = vs[0].size();
    double[] v = new double[vs.length * dim];
    for (int c = 0; c < vs.length; c++) {
      System.arraycopy(vs[c].toArray(), 0, v, c * dim, dim);
    }
    return new Centers(vs.length, dim, v);
  }

  /** Training cost of any centers, computed the same way for both sides. */
  private double cost(Dataset<Row> df, Centers c) {
    return KMeansTrainer.cost(df, FEATURES, c);
  }

  private double nmi(Dataset<Row> df, int[] labels, Centers c) {
    List<Row> assigned =
        SparkScoring.transform(new KMeansModel(c), df.select("id", FEATURES), FEATURES)
            .select("id", Output.CLUSTER)
            .orderBy("id")
            .collectAsList();
    int[] clusters = new int[assigned.size()];
    int[] lab = new int[assigned.size()];
    for (int i = 0; i < clusters.length; i++) {
      clusters[i] = assigned.get(i).getInt(1);
      lab[i] = labels[(int) assigned.get(i).getLong(0)];
    }
    int maxLabel = 0;
    for (int l : lab) {
      maxLabel = Math.max(maxLabel, l);
    }
    return ClusteringMetrics.fromContingency(
            ClusteringMetrics.contingency(clusters, lab, c.k, maxLabel + 1))
        .nmi();
  }

  private void write(
      File outDir, Map<String, Object> kernel, List<Map<String, Object>> scaling, long n)
      throws IOException {
    Files.createDirectories(outDir.toPath());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(
        new File(outDir, "benchmarks.json").toPath(),
        json.writeValueAsString(rows) + "\n",
        StandardCharsets.UTF_8);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("kernel", kernel);
    extra.put("scaling", scaling);
    extra.put("machine", machine());
    Files.writeString(
        new File(outDir, "benchmarks-details.json").toPath(),
        json.writeValueAsString(extra) + "\n",
        StandardCharsets.UTF_8);
    // The other benchmarks own their sections of the same document: keep them.
    java.nio.file.Path md = new File(outDir, "benchmarks.md").toPath();
    String doc = BenchmarkReport.readOrEmpty(md);
    StringBuilder kept = new StringBuilder();
    for (String other : List.of("trainers", "serving", "tuning")) {
      String section = BenchmarkReport.section(doc, other);
      if (!section.isEmpty()) {
        kept.append("\n").append(section);
      }
    }
    Files.writeString(
        md,
        BenchmarkReport.markdown(rows, kernel, scaling, machine(), n, quick, notes) + kept,
        StandardCharsets.UTF_8);
    log("wrote %s/benchmarks.md and benchmarks.json", outDir);
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", LocalDate.now().toString());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_gib", Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
    m.put("memory", BenchmarkReport.memTotal());
    m.put("cpu", BenchmarkReport.cpuModel());
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("blas", DistanceKernel.blasName());
    m.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    m.put("master", "local[2]");
    return m;
  }

  private static double secs(long t0) {
    return Benchmarks.secs(t0);
  }

  private static void log(String fmt, Object... args) {
    Benchmarks.log(fmt, args);
  }
}
