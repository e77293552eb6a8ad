package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.testing.LocalSpark;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough, end to end on the shipped 10,000-digit sample, first through bin/lakeforge as
 * the README has the user type it, then in this JVM: pipeline, registry, quality against labels and
 * against Spark MLlib, idempotent re-runs, and the bad inputs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MnistWalkthroughTest {
  static final String SPEC = "conf/pipelines/mnist-kmeans.conf";

  @TempDir static Path tmp;

  static SparkSession spark;
  static String lake;
  static LakeLayout layout;
  static ModelRegistry registry;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    lake = tmp.resolve("lake").toString();
    layout = new LakeLayout(lake, null);
    registry = new ModelRegistry(spark, layout);
  }

  static String spec() {
    return new File(System.getProperty("lakeforge.home"), SPEC).getPath();
  }

  /** bin/lakeforge in its own JVM, exactly as the README's quick start has the user type it. */
  static Scripts.Proc lakeforge(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("bin/lakeforge"));
    cmd.addAll(List.of(args));
    return Scripts.finish(
        Scripts.start(Map.of("LAKEFORGE_HEAP", "2g"), cmd.toArray(new String[0])), 5);
  }

  /**
   * The quick start's first command through the launcher (help and a bad option first, which answer
   * before Spark starts); everything after it reads the lake it made.
   */
  @Test
  @Order(1)
  void pipelineRegistersVersionOneAndWritesTheReport() throws Exception {
    Scripts.Proc help = lakeforge("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("pipeline", "ingest", "models");
    Scripts.Proc bad =
        lakeforge(
            "train",
            "--algorithm",
            "kmeans",
            "--dataset",
            "mnist",
            "--model-name",
            "bad",
            "--hp",
            "k=0",
            "--lake",
            lake);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("hyperparameter k=0 is invalid");

    Scripts.Proc r = lakeforge("pipeline", "--spec", SPEC, "--lake", lake);
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    File report = new File(lines[lines.length - 1]);
    assertThat(report).isFile().hasName("report.html");
    File png = new File(report.getParentFile(), "clusters.png");
    BufferedImage picture = ImageIO.read(png);
    assertThat(picture.getHeight()).isGreaterThan(10 * 28 * 2);
    assertThat(java.nio.file.Files.readString(report.toPath())).contains("clusters.png", "nmi");

    ModelVersion v1 = registry.resolve(ModelRef.parse("mnist-kmeans@latest"));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.metrics().get("nmi")).isGreaterThanOrEqualTo(0.45);
    assertThat(v1.lineage())
        .contains(
            layout.features("mnist"),
            "\"features_version\":0",
            "feature_spec",
            "code_version",
            "spark_version",
            "run_id");
    assertThat(new File(v1.artifactUri(), "model.json")).isFile();
    assertThat(new File(v1.artifactUri(), "centers.parquet")).isDirectory();
    assertThat(v1.artifactUri()).isEqualTo(layout.modelsRoot() + "/mnist-kmeans/" + v1.runId());
    for (String t : List.of("raw/mnist", "curated/mnist", "features/mnist")) {
      assertThat(spark.read().format("delta").load(layout.table(t)).count()).isEqualTo(10_000);
    }
    Dataset<Row> predictions =
        spark.read().format("delta").load(layout.predictions("mnist-kmeans"));
    assertThat(predictions.count())
        .isEqualTo(
            spark
                .read()
                .format("delta")
                .load(layout.features("mnist"))
                .where("split = 'validation'")
                .count());

    Cli.Result list = Cli.run(lake, "models", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).containsPattern("mnist-kmeans\\s+1\\s+kmeans").contains("nmi=");
  }

  @Test
  @Order(2)
  void rerunningThePipelineChangesNothing() throws Exception {
    Map<String, Long> before = versions();
    // Through the launcher again: the same code version, so training finds its run unchanged.
    Scripts.Proc r = lakeforge("pipeline", "--spec", SPEC, "--lake", lake);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "source already ingested",
            "already curated",
            "already featurized",
            "unchanged",
            "already scored");
    assertThat(versions()).isEqualTo(before);
    assertThat(registry.list("mnist-kmeans")).hasSize(1);
  }

  @Test
  @Order(3)
  void lakeShowPrintsSchemaRowCountAndHistory() {
    Cli.Result r = Cli.run(lake, "lake", "show", "features/mnist");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("rows:    10000", "features: vector", "split: string", "history", "WRITE");
  }

  @Test
  @Order(4)
  void lloydModeIsAsGoodAsSparkMllibAndWebscaleIsClose() {
    Cli.Result r =
        Cli.run(
            lake,
            "train",
            "--dataset",
            "mnist",
            "--model-name",
            "mnist-lloyd",
            "--hp",
            "k=10",
            "--hp",
            "mode=lloyd",
            "--hp",
            "max_iter=20",
            "--hp",
            "tol=0");
    assertThat(r.code()).isZero();
    ModelVersion lloyd = registry.resolve(ModelRef.parse("mnist-lloyd@1"));
    assertThat(lloyd.metrics().get("nmi")).isGreaterThanOrEqualTo(0.45);
    double lloydCost = lloyd.metrics().get("train_cost");

    Dataset<Row> train =
        spark
            .read()
            .format("delta")
            .load(layout.features("mnist"))
            .where("split = 'train'")
            .cache();
    double mllibCost =
        new org.apache.spark.ml.clustering.KMeans()
            .setK(10)
            .setMaxIter(20)
            .setTol(0)
            .setSeed(42)
            .fit(train)
            .summary()
            .trainingCost();
    train.unpersist();
    System.out.printf("MNIST train cost: lloyd %.1f, MLlib %.1f%n", lloydCost, mllibCost);
    assertThat(lloydCost).isLessThanOrEqualTo(mllibCost * 1.01);

    double webscaleCost =
        registry.resolve(ModelRef.parse("mnist-kmeans@1")).metrics().get("train_cost");
    System.out.printf(
        "MNIST train cost: webscale %.1f (%.2f%% above lloyd)%n",
        webscaleCost, 100 * (webscaleCost / lloydCost - 1));
    assertThat(webscaleCost).isLessThanOrEqualTo(lloydCost * 1.05);
  }

  @Test
  @Order(5)
  void badTrainingInputsExitTwoAndLeaveNothingBehind() {
    long registryVersion = DeltaTables.latestVersion(spark, registry.table());
    String[][] cases = {
      {"--hp", "k=0"},
      {"--hp", "k=100000"},
      {"--hp", "k=10", "--hp", "feature_dim=10"},
      {"--hp", "k=10", "--hp", "kk=3"},
      {"--hp", "k=10", "--hp", "mode=fast"},
    };
    for (String[] hp : cases) {
      String[] args =
          concat(new String[] {"train", "--dataset", "mnist", "--model-name", "bad"}, hp);
      Cli.Result r = Cli.run(lake, args);
      assertThat(r.code()).as(String.join(" ", hp)).isEqualTo(2);
      assertThat(r.err().strip().split("\n")).as("one line").hasSize(1);
    }
    Cli.Result missing =
        Cli.run(lake, "train", "--dataset", "blobs", "--model-name", "bad", "--hp", "k=3");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no features table", "featurize --dataset blobs");
    assertThat(DeltaTables.latestVersion(spark, registry.table())).isEqualTo(registryVersion);
    assertThat(registry.list("bad")).isEmpty();
    File badDir = new File(layout.modelsRoot(), "bad");
    assertThat(!badDir.exists() || badDir.listFiles().length == 0)
        .as("no artifact folder")
        .isTrue();
  }

  @Test
  @Order(6)
  void transformRejectsUnknownModelsAndOtherDimensions() {
    Cli.Result unknown = Cli.run(lake, "transform", "--model", "nosuch@1", "--dataset", "mnist");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("model 'nosuch' is not registered");
    Cli.Result noVersion =
        Cli.run(lake, "transform", "--model", "mnist-kmeans@9", "--dataset", "mnist");
    assertThat(noVersion.code()).isEqualTo(2);
    assertThat(noVersion.err()).contains("has no version 9");

    for (String stage : List.of("ingest", "curate", "featurize")) {
      assertThat(Cli.run(lake, stage, "--dataset", "blobs").code()).isZero();
    }
    Cli.Result otherDim =
        Cli.run(lake, "transform", "--model", "mnist-kmeans@1", "--dataset", "blobs");
    assertThat(otherDim.code()).isEqualTo(2);
    assertThat(otherDim.err()).contains("dimension 4 but 784 was expected");
  }

  @Test
  @Order(7)
  void aliasesResolveAndScore() {
    assertThat(Cli.run(lake, "models", "alias", "mnist-kmeans@1", "production").code()).isZero();
    Cli.Result resolved = Cli.run(lake, "models", "resolve", "mnist-kmeans@production");
    assertThat(resolved.out()).startsWith("mnist-kmeans@1 ");
    Cli.Result show = Cli.run(lake, "models", "show", "mnist-kmeans@production");
    assertThat(show.out()).contains("\"algorithm\" : \"kmeans\"", "alias production -> v1");
    Cli.Result scored =
        Cli.run(
            lake,
            "transform",
            "--model",
            "mnist-kmeans@production",
            "--dataset",
            "mnist",
            "--split",
            "train");
    assertThat(scored.code()).isZero();
  }

  private static Map<String, Long> versions() {
    Map<String, Long> m = new java.util.TreeMap<>();
    for (String t :
        List.of(
            "raw/mnist",
            "curated/mnist",
            "features/mnist",
            "predictions/mnist-kmeans",
            "registry/models")) {
      m.put(t, DeltaTables.latestVersion(spark, layout.table(t)));
    }
    return m;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  @Order(8)
  void vacuumRefusesToDeleteAVersionAModelWasTrainedOn() {
    Cli.Result refused = Cli.run(lake, "lake", "vacuum", "features/mnist", "--retain-hours", "0");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("refusing to vacuum", "mnist-kmeans@1", "trained on version 0");
    Cli.Result kept = Cli.run(lake, "lake", "vacuum", "features/mnist");
    assertThat(kept.code()).as(kept.err()).isZero();
    assertThat(
            spark
                .read()
                .format("delta")
                .option("versionAsOf", 0)
                .load(layout.features("mnist"))
                .count())
        .isEqualTo(10_000);
    // VACUUM's own commits change no rows: the lake stages still have nothing to do.
    Map<String, Long> before = versions();
    for (String stage : List.of("ingest", "curate", "featurize")) {
      Cli.Result rerun = Cli.run(lake, stage, "--dataset", "mnist");
      assertThat(rerun.code()).as(rerun.err()).isZero();
      assertThat(rerun.out()).containsPattern("already (ingested|curated|featurized)");
    }
    assertThat(versions()).isEqualTo(before);
  }

  @Test
  @Order(9)
  void builtInTrainersRunFromTheirPipelineSpecsAndAreListedWithMetrics() throws Exception {
    for (String algorithm : List.of("linear-learner", "pca", "knn", "rcf")) {
      String spec =
          new File(
                  System.getProperty("lakeforge.home"),
                  "conf/pipelines/mnist-" + algorithm + ".conf")
              .getPath();
      Cli.Result r = Cli.run(lake, "pipeline", "--spec", spec);
      assertThat(r.code()).as(r.err()).isZero();
      File report = new File(r.lastLine());
      assertThat(report).isFile();
      String heading =
          switch (algorithm) {
            case "pca" -> "<h2>Explained variance</h2>";
            case "rcf" -> "<h2>Anomaly scores</h2>";
            default -> "<h2>Confusion matrix</h2>";
          };
      // The figure is drawn inline: its heading, then an SVG of one bar or one cell per entry.
      String html = java.nio.file.Files.readString(report.toPath());
      assertThat(html)
          .containsPattern(java.util.regex.Pattern.quote(heading) + "\\s*<figure>\\s*<svg")
          .contains(
              algorithm.equals("knn") || algorithm.equals("linear-learner")
                  ? "class=\"cell\""
                  : "class=\"bar\"");
      if (algorithm.equals("rcf")) {
        // The most anomalous digits themselves, as pixels beside the page.
        assertThat(html).contains("Most anomalous records", "anomalies.png");
        assertThat(ImageIO.read(new File(report.getParentFile(), "anomalies.png")).getHeight())
            .isGreaterThanOrEqualTo(28 * 2);
      }
    }
    Map<String, Double> rcf = registry.resolve(ModelRef.parse("mnist-rcf@1")).metrics();
    assertThat(rcf).containsKeys("validation_score_mean", "validation_anomaly_rate", "threshold");
    // MNIST labels are digits, not 0/1 anomaly labels: no accuracy is claimed.
    assertThat(rcf).doesNotContainKey("accuracy");
    assertThat(rcf.get("validation_anomaly_rate")).isBetween(0.0, 0.1);
    assertThat(
            spark
                .read()
                .format("delta")
                .load(layout.predictions("mnist-rcf"))
                .where("is_anomaly = 1")
                .count())
        .isPositive();
    // A threshold of the user's choosing rescores; the same one again finds nothing to do.
    String[] lowThreshold = {
      "transform", "--model", "mnist-rcf@1", "--dataset", "mnist", "--threshold", "0.1"
    };
    assertThat(Cli.run(lake, lowThreshold).code()).isZero();
    Dataset<Row> flagged =
        spark
            .read()
            .format("delta")
            .load(layout.predictions("mnist-rcf"))
            .where("split = 'validation'");
    assertThat(flagged.where("is_anomaly = 1").count())
        .as("every digit scores above 0.1")
        .isEqualTo(flagged.count());
    assertThat(Cli.run(lake, lowThreshold).out()).contains("already scored");
    // The report draws the line the predictions were flagged at.
    Cli.Result redrawn = Cli.run(lake, "report", "--model", "mnist-rcf@1");
    assertThat(redrawn.code()).as(redrawn.err()).isZero();
    assertThat(java.nio.file.Files.readString(Path.of(redrawn.lastLine())))
        .contains("threshold 0.100");
    Cli.Result notAnomaly =
        Cli.run(
            lake, "transform", "--model", "mnist-pca@1", "--dataset", "mnist", "--threshold", "1");
    assertThat(notAnomaly.code()).isEqualTo(2);
    assertThat(notAnomaly.err()).contains("--threshold applies to", "mnist-pca@1 is a pca model");
    Map<String, Double> linear =
        registry.resolve(ModelRef.parse("mnist-linear-learner@1")).metrics();
    assertThat(linear.get("accuracy")).isGreaterThan(0.88);
    assertThat(linear).containsKeys("macro_f1", "train_cost");
    Map<String, Double> knn = registry.resolve(ModelRef.parse("mnist-knn@1")).metrics();
    assertThat(knn.get("accuracy")).as("k=5 on the MNIST sample").isGreaterThanOrEqualTo(0.90);
    Map<String, Double> pca = registry.resolve(ModelRef.parse("mnist-pca@1")).metrics();
    assertThat(pca)
        .containsKeys(
            "explained_variance_ratio_01",
            "explained_variance_ratio_10",
            "validation_explained_variance_ratio");
    assertThat(pca.get("explained_variance_ratio_01"))
        .isGreaterThan(pca.get("explained_variance_ratio_02"));

    // The registered components against Spark MLlib's PCA on the same training rows.
    ModelVersion pcaVersion = registry.resolve(ModelRef.parse("mnist-pca@1"));
    Dataset<Row> components =
        spark.read().parquet(pcaVersion.artifactUri() + "/components.parquet").orderBy("component");
    Dataset<Row> trainRows =
        spark.read().format("delta").load(layout.features("mnist")).where("split = 'train'");
    org.apache.spark.ml.feature.PCAModel mllib =
        new org.apache.spark.ml.feature.PCA()
            .setK(5)
            .setInputCol("features")
            .setOutputCol("p")
            .fit(trainRows);
    List<Row> ours = components.collectAsList();
    for (int i = 0; i < 5; i++) {
      List<Double> v = ours.get(i).getList(1);
      double dot = 0;
      for (int j = 0; j < v.size(); j++) {
        dot += v.get(j) * mllib.pc().apply(j, i);
      }
      assertThat(Math.abs(dot))
          .as("|cos| of component %d with MLlib's", i)
          .isGreaterThanOrEqualTo(0.999);
    }

    Cli.Result list = Cli.run(lake, "models", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .containsPattern("mnist-linear-learner\\s+1\\s+linear-learner .*accuracy=")
        .containsPattern("mnist-pca\\s+1\\s+pca .*explained_variance_ratio_01=")
        .containsPattern("mnist-knn\\s+1\\s+knn .*accuracy=");
    Cli.Result projections = Cli.run(lake, "lake", "show", "predictions/mnist-pca");
    assertThat(projections.out()).contains("projection");

    Cli.Result bad =
        Cli.run(
            lake,
            "train",
            "--algorithm",
            "linear-learner",
            "--dataset",
            "mnist",
            "--model-name",
            "bad-ll",
            "--hp",
            "predictor_type=multiclass_classifier");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("num_classes is required");
    assertThat(registry.list("bad-ll")).isEmpty();
  }

  /**
   * The walkthrough from code, as examples/mnist-walkthrough.scala runs it in spark-shell: pinned
   * features, a Spark ML K-Means fit, registered like a CLI run, aliased, loaded back, 100
   * validation digits scored and drawn grouped by cluster; the CLI scores the same version.
   */
  @Test
  @Order(10)
  void theWalkthroughFromCodeRegistersAModelTheCliServes() throws Exception {
    io.lakeforge.Lakeforge lf = io.lakeforge.Lakeforge.open(spark, lake);
    io.lakeforge.Lakeforge.Features f = lf.features("mnist");
    io.lakeforge.ml.KMeansModel model =
        new io.lakeforge.ml.KMeans().setK(10).setSeed(42L).fit(f.train());
    ModelVersion v = lf.register("mnist-kmeans-code", model, f);
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.metrics()).containsKeys("nmi", "validation_msd");
    assertThat(v.metrics().get("nmi")).isGreaterThan(0.4);
    assertThat(v.lineage()).contains("\"features_version\":" + f.version());
    assertThat(v.hyperparameters()).contains("\"k\":10");
    lf.alias("mnist-kmeans-code@1", "production");

    io.lakeforge.ml.LakeforgeModel<?> back = lf.load("mnist-kmeans-code@production");
    List<Row> scored =
        back.transform(f.validation().orderBy("id").limit(100))
            .select("cluster", "features")
            .collectAsList();
    assertThat(scored).hasSize(100);
    java.util.Map<Integer, List<double[]>> byCluster = new java.util.TreeMap<>();
    for (Row r : scored) {
      byCluster
          .computeIfAbsent(r.getInt(0), c -> new java.util.ArrayList<>())
          .add(((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray());
    }
    List<io.lakeforge.jobs.report.ClusterRow> strips = new java.util.ArrayList<>();
    byCluster.forEach(
        (c, images) ->
            strips.add(new io.lakeforge.jobs.report.ClusterRow(c, images.size(), images)));
    java.awt.image.BufferedImage picture =
        io.lakeforge.jobs.report.ClusterGallery.render(strips, 28, 2, 30);
    assertThat(byCluster.size()).as("the 100 digits fall into several clusters").isGreaterThan(5);
    assertThat(picture.getHeight()).isGreaterThan(byCluster.size() * 28 * 2);

    Cli.Result r =
        Cli.run(
            lake,
            "transform",
            "--model",
            "mnist-kmeans-code@production",
            "--dataset",
            "mnist",
            "--split",
            "validation");
    assertThat(r.code()).as(r.err()).isZero();
    List<Row> cli =
        spark
            .read()
            .format("delta")
            .load(layout.predictions("mnist-kmeans-code"))
            .orderBy("id")
            .limit(100)
            .select("cluster")
            .collectAsList();
    for (int i = 0; i < 100; i++) {
      assertThat(cli.get(i).getInt(0)).as("row %d", i).isEqualTo(scored.get(i).getInt(0));
    }
  }

  /**
   * The README's notebook walkthrough as a user runs it: Spark's Scala shell through
   * scripts/spark-shell.sh preloading examples/mnist-walkthrough.scala, on this lake (its stages
   * see nothing new), to the picture and a registered, aliased version.
   */
  @Test
  @Order(11)
  void theScalaWalkthroughRunsInSparkShellToThePicture() throws Exception {
    long features = io.lakeforge.Lakeforge.open(spark, lake).features("mnist").version();
    Scripts.Proc shell =
        Scripts.finish(
            Scripts.start(
                Map.of("LAKEFORGE_LAKE", lake, "LAKEFORGE_HEAP", "2g"),
                "scripts/spark-shell.sh",
                "-i",
                "examples/mnist-walkthrough.scala"),
            10);
    assertThat(shell.code()).as(shell.err()).isZero();
    assertThat(shell.out())
        .contains("features: " + layout.features("mnist") + " version " + features)
        .contains("registered mnist-kmeans-notebook@1")
        .containsPattern("walkthrough: 100 digits in (\\d+) clusters")
        .doesNotContain("error:")
        .doesNotContain("Exception");
    java.awt.image.BufferedImage png =
        javax.imageio.ImageIO.read(tmp.resolve("lake/walkthrough.png").toFile());
    assertThat(png).as("walkthrough.png is an image").isNotNull();
    assertThat(png.getHeight()).isGreaterThan(2 * 28 * 2);
    ModelVersion v = registry.resolve(ModelRef.parse("mnist-kmeans-notebook@production"));
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.metrics().get("nmi")).isGreaterThan(0.4);
    assertThat(v.lineage()).contains("\"features_version\":" + features);
  }
}
