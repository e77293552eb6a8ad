package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.models.Model;
import io.lakeforge.models.Scores;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint against a real lake: the MNIST walkthrough's K-Means served from the registry by a
 * child {@code lakeforge serve} process (no SparkSession in it), agreeing with transform on every
 * validation row, following an alias without a failed request, draining on SIGTERM, and reading an
 * {@code s3a://} lake.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  static SparkSession spark;
  static String lake;
  static ModelRegistry registry;
  static List<double[]> records = new ArrayList<>();
  static long validationRows;

  static ServeProcess served;

  @BeforeAll
  static void walkthrough() throws Exception {
    spark = LocalSpark.get();
    lake = tmp.resolve("lake").toString();
    registry = new ModelRegistry(spark, new LakeLayout(lake, null));
    // The pipeline's stages without the report: what serving needs, 10 s less.
    for (String[] stage :
        new String[][] {
          {"ingest", "--dataset", "mnist"},
          {"curate", "--dataset", "mnist"},
          {"featurize", "--dataset", "mnist"},
          {
            "train",
            "--dataset",
            "mnist",
            "--model-name",
            "mnist-kmeans",
            "--hp",
            "k=10",
            "--hp",
            "mini_batch_size=500",
            "--hp",
            "epochs=2",
            "--hp",
            "init_method=kmeans++"
          },
          {"transform", "--model", "mnist-kmeans@1", "--dataset", "mnist"}
        }) {
      assertThat(Cli.run(lake, stage).code()).as(stage[0]).isZero();
    }
    LakeLayout layout = new LakeLayout(lake, null);
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(layout.features("mnist"))
            .where("split = 'validation'")
            .orderBy("id")
            .limit(40)
            .collectAsList()) {
      records.add(((Vector) r.getAs("features")).toArray());
    }
    validationRows =
        spark
            .read()
            .format("delta")
            .load(layout.features("mnist"))
            .where("split = 'validation'")
            .count();
  }

  @AfterAll
  static void stopServing() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  @Test
  @Order(1)
  void theEndpointAgreesWithTransformOnEveryValidationRowAndDrawsTheHundred() throws Exception {
    served = new ServeProcess(tmp.resolve("serve-1"), "--model", "mnist-kmeans@1", "--lake", lake);
    System.out.printf(
        "serve cold start (test JVM busy, class logging on): %.2f s%n", served.coldStartSeconds);
    Cli.Result all =
        Cli.run(
            lake,
            "invoke",
            "--endpoint",
            served.url,
            "--dataset",
            "mnist",
            "--split",
            "validation",
            "--limit",
            "100000");
    assertThat(all.code()).isZero();
    assertThat(all.out())
        .contains(validationRows + "/" + validationRows + " predictions agree with transform");
    Cli.Result hundred =
        Cli.run(
            lake,
            "invoke",
            "--endpoint",
            served.url,
            "--dataset",
            "mnist",
            "--split",
            "validation",
            "--limit",
            "100");
    assertThat(hundred.code()).isZero();
    assertThat(hundred.out()).contains("100/100 predictions agree with transform");
    File page = new File(hundred.lastLine());
    assertThat(page).isFile().hasName("invoke.html");
    assertThat(java.nio.file.Files.readString(page.toPath()))
        .contains("invoke.png", "100/100", "mnist-kmeans@1");
    java.awt.image.BufferedImage png =
        javax.imageio.ImageIO.read(new File(page.getParentFile(), "invoke.png"));
    assertThat(png.getHeight()).isGreaterThan(5 * 28 * 2);
  }

  @Test
  @Order(2)
  void sigtermLetsTheRequestInFlightFinishAndExitsZero() throws Exception {
    ServeProcess serve = served;
    java.net.URI u = java.net.URI.create(serve.url);
    byte[] body = csv(records.subList(0, 2)).getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      int half = body.length / 2;
      out.write(body, 0, half);
      out.flush();
      // The handler now waits for the rest of the body: the request is in flight.
      Thread.sleep(300);
      serve.sigterm();
      Thread.sleep(500);
      assertThat(serve.process.isAlive()).as("still draining").isTrue();
      out.write(body, half, body.length - half);
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response)
          .startsWith("HTTP/1.1 200")
          .contains("closest_cluster")
          .containsPattern("(?i)x-lakeforge-model: mnist-kmeans@1");
    }
    assertThat(serve.exitCode()).isZero();
    assertThat(serve.stderr).anyMatch(l -> l.contains("draining 1 request(s) in flight"));
  }

  @Test
  @Order(3)
  void theServingProcessLoadedNoSparkClassAtAll() throws Exception {
    List<String> loaded = served.loadedClasses();
    assertThat(loaded)
        .as("the class log works")
        .contains(
            "io.lakeforge.serving.InferenceServer",
            "io.lakeforge.models.kmeans.KMeansModel",
            "io.lakeforge.jobs.cli.Main");
    // Spark is on this classpath: a SparkSession (or any Spark code) would show up here.
    List<String> spark = loaded.stream().filter(c -> c.startsWith("org.apache.spark.")).toList();
    assertThat(spark).as("Spark classes loaded by the serving process").isEmpty();
  }

  @Test
  @Order(4)
  void aFollowedAliasMovesTenTimesUnderLoadWithoutAFailedOrMixedResponse() throws Exception {
    // Version 2: version 1's centers in reverse order, so every answer names another cluster.
    ModelVersion v1 = registry.resolve(ModelRef.parse("mnist-kmeans@1"));
    KMeansModel m1 = (KMeansModel) ModelFolders.read(v1.artifactUri());
    int k = m1.k();
    int dim = m1.featureDim();
    double[] reversed = new double[k * dim];
    for (int c = 0; c < k; c++) {
      System.arraycopy(m1.centers().values, c * dim, reversed, (k - 1 - c) * dim, dim);
    }
    String v2Dir = tmp.resolve("models/mnist-kmeans-reversed").toString();
    ModelFolders.write(new KMeansModel(new Centers(k, dim, reversed)), v2Dir);
    registry.register(
        new ModelVersion(
            v1.name(),
            0,
            v1.algorithm(),
            v1.hyperparameters(),
            v1.metrics(),
            v1.lineage(),
            v2Dir,
            "reversed-centers",
            "reversed-centers",
            v1.codeVersion(),
            v1.sparkVersion(),
            v1.createdAt()));
    registry.setAlias("mnist-kmeans", "production", 1, "test");
    String csv = csv(records.subList(0, 20));
    List<List<Integer>> expected = new ArrayList<>();
    for (int v = 1; v <= 2; v++) {
      expected.add(clusters(registry.resolve(ModelRef.parse("mnist-kmeans@" + v))));
    }
    assertThat(expected.get(0)).as("the versions answer differently").isNotEqualTo(expected.get(1));
    try (ServeProcess serve =
        new ServeProcess(
            tmp.resolve("serve-2"),
            "--model",
            "mnist-kmeans@production",
            "--refresh",
            "1",
            "--lake",
            lake)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      AtomicInteger lastSeen = new AtomicInteger(1);
      Thread client =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    HttpResponse<String> r = ServeProcess.post(serve.url, csv);
                    String model = r.headers().firstValue("X-Lakeforge-Model").orElse("?");
                    int v = Integer.parseInt(model.substring(model.indexOf('@') + 1));
                    if (r.statusCode() != 200) {
                      failures.add(r.statusCode() + " " + r.body());
                    } else if (!clustersOf(r.body()).equals(expected.get(v - 1))) {
                      failures.add(model + " answered another version's predictions");
                    } else {
                      ok.incrementAndGet();
                      lastSeen.set(v);
                    }
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                }
              });
      client.start();
      for (int move = 0; move < 10; move++) {
        int target = move % 2 == 0 ? 2 : 1;
        registry.setAlias("mnist-kmeans", "production", target, "test");
        long deadline = System.currentTimeMillis() + 15_000;
        while (lastSeen.get() != target && System.currentTimeMillis() < deadline) {
          Thread.sleep(10);
        }
        assertThat(lastSeen.get()).as("move " + move + " reached the endpoint").isEqualTo(target);
      }
      stop.set(true);
      client.join();
      assertThat(failures).isEmpty();
      assertThat(ok.get()).isGreaterThan(10);
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(serve.url + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics)
          .contains("lakeforge_model_swaps_total 10", "lakeforge_errors_total{status=\"none\"} 0");
    }
  }

  @Test
  @Order(5)
  void servesFromAnS3aLake() throws Exception {
    try (S3Fixture s3 = new S3Fixture(spark, tmp.resolve("s3-data"))) {
      String s3Lake = "s3a://" + S3Fixture.BUCKET + "/lake";
      ModelVersion v1 = registry.resolve(ModelRef.parse("mnist-kmeans@1"));
      String artifact = s3Lake + "/models/mnist-kmeans/" + v1.runId();
      org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
      org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(v1.artifactUri());
      org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(artifact);
      assertThat(
              FileUtil.copy(
                  src.getFileSystem(conf), src, dst.getFileSystem(conf), dst, false, conf))
          .isTrue();
      ModelRegistry s3Registry = new ModelRegistry(spark, new LakeLayout(s3Lake, null));
      s3Registry.register(
          new ModelVersion(
              v1.name(),
              0,
              v1.algorithm(),
              v1.hyperparameters(),
              v1.metrics(),
              v1.lineage(),
              artifact,
              v1.runId(),
              v1.inputFingerprint(),
              v1.codeVersion(),
              v1.sparkVersion(),
              v1.createdAt()));
      try (ServeProcess serve =
          new ServeProcess(
              tmp.resolve("serve-4"),
              "--model",
              "mnist-kmeans@latest",
              "--lake",
              s3Lake,
              "--conf",
              "spark.hadoop.fs.s3a.endpoint=" + s3.server.endpoint(),
              "--conf",
              "spark.hadoop.fs.s3a.path.style.access=true",
              "--conf",
              "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
              "--conf",
              "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
              "--conf",
              "spark.hadoop.fs.s3a.aws.credentials.provider="
                  + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
              "--conf",
              "spark.hadoop.fs.s3a.access.key=" + S3Fixture.ACCESS_KEY,
              "--conf",
              "spark.hadoop.fs.s3a.secret.key=" + S3Fixture.SECRET_KEY)) {
        HttpResponse<String> r = ServeProcess.post(serve.url, csv(records.subList(0, 20)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Lakeforge-Model")).hasValue("mnist-kmeans@1");
        assertThat(clustersOf(r.body())).isEqualTo(clusters(v1));
        assertThat(serve.terminate()).isZero();
      }
    }
  }

  @Test
  @Order(6)
  void anUnknownModelVersionOrAliasExitsTwoWithOneLine() {
    String[][] cases = {
      {"nosuch@1", "model 'nosuch' is not registered"},
      {"mnist-kmeans@9", "has no version 9; registered versions: [1, 2]"},
      {"mnist-kmeans@canary", "has no alias 'canary'"}
    };
    for (String[] c : cases) {
      Cli.Result r = Cli.run(lake, "serve", "--model", c[0], "--port", "0");
      assertThat(r.code()).as(c[0]).isEqualTo(2);
      assertThat(r.err().strip().split("\n")).as("one line").hasSize(1);
      assertThat(r.err()).contains(c[1]);
    }
    assertThat(Cli.run(lake, "serve", "--model", "mnist-kmeans@1", "--input", "pixels").err())
        .contains("--input pixels is invalid: expected features | raw");
  }

  private static List<Integer> clusters(ModelVersion v) {
    Model m = ModelFolders.read(v.artifactUri());
    int dim = m.featureDim();
    double[] x = new double[20 * dim];
    for (int i = 0; i < 20; i++) {
      System.arraycopy(records.get(i), 0, x, i * dim, dim);
    }
    Scores s = m.newScores(20);
    m.score(x, 20, s);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(s.ints(0)[i]);
    }
    return out;
  }

  private static List<Integer> clustersOf(String body) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (JsonNode p : JSON.readTree(body).get("predictions")) {
      out.add((int) p.get("closest_cluster").asDouble());
    }
    return out;
  }

  static String csv(List<double[]> rows) {
    StringBuilder b = new StringBuilder();
    for (double[] r : rows) {
      for (int j = 0; j < r.length; j++) {
        b.append(j > 0 ? "," : "").append(r[j]);
      }
      b.append('\n');
    }
    return b.toString();
  }
}
