package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/spark-submit.sh in cluster deploy mode never waits forever: a master that is not there,
 * one that never answers, and a driver whose state stays unknown each end in bounded time with one
 * error line and a non-zero exit, so a scheduler's lock is released. No cluster is started: Spark's
 * own submit client runs against ports on 127.0.0.1 that misbehave.
 */
class SubmitTimeoutTest {
  @TempDir static Path tmp;

  static Path sparkHome;

  /** A Spark home whose jars/ are the Spark jars this test runs with. */
  @BeforeAll
  static void sparkHome() throws IOException {
    sparkHome = tmp.resolve("spark");
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar")
          && Files.isRegularFile(jar)
          && !Files.exists(jars.resolve(jar.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
    File[] app = new File(Scripts.HOME, "jobs/target").listFiles((d, n) -> n.endsWith("-app.jar"));
    assertThat(app).as("the application jar (mvn package builds it)").isNotEmpty();
  }

  static Scripts.Proc submit(int port, int timeout) throws Exception {
    long t0 = System.nanoTime();
    Process p =
        Scripts.start(
            Map.of("SPARK_HOME", sparkHome.toString(), "LAKEFORGE_REST_PORT", String.valueOf(port)),
            "scripts/spark-submit.sh",
            "--master",
            "spark://127.0.0.1:" + port,
            "--deploy-mode",
            "cluster",
            "--timeout",
            String.valueOf(timeout),
            "models",
            "list");
    Scripts.Proc r = Scripts.finish(p, 2);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(seconds).as("bounded by --timeout").isLessThan(timeout + 20);
    assertThat(r.code()).isNotZero();
    List<String> errors =
        r.err().lines().filter(l -> l.startsWith("spark-submit: error: ")).toList();
    assertThat(errors).as(r.err()).hasSize(1);
    assertThat(r.err().lines())
        .as("only the script's own lines, no stack trace")
        .allMatch(l -> l.startsWith("spark-submit: "));
    return r;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aMasterThatIsNotThereFailsWithOneLine() throws Exception {
    int port = freePort();
    Scripts.Proc r = submit(port, 60);
    assertThat(r.err()).contains("the submission to spark://127.0.0.1:" + port + " failed");
  }

  @Test
  void aMasterThatNeverAnswersIsGivenUpOnAfterTheTimeout() throws Exception {
    // Connections are accepted by the kernel and then nothing is ever said.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Scripts.Proc r = submit(silent.getLocalPort(), 6);
      assertThat(r.err()).contains("did not answer the submission within 6s");
    }
  }

  @Test
  void aDriverWhoseStateStaysUnknownIsGivenUpOnAfterTheTimeout() throws Exception {
    String id = "driver-20261202000000-0042";
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/submissions/create",
        ex ->
            reply(
                ex,
                "{\"action\" : "
                    + "\"CreateSubmissionResponse\", \"message\" : \"Driver successfully submitted as "
                    + id
                    + "\", \"serverSparkVersion\" : \"4.0.1\", \"submissionId\" : \""
                    + id
                    + "\", \"success\" : true}"));
    server.createContext(
        "/v1/submissions/status/",
        ex ->
            reply(
                ex,
                "{\"action\" : "
                    + "\"SubmissionStatusResponse\", \"driverState\" : \"UNKNOWN\", \"serverSparkVersion\" "
                    + ": \"4.0.1\", \"submissionId\" : \""
                    + id
                    + "\", \"success\" : true}"));
    server.start();
    try {
      // The timeout also bounds the submission (a spark-submit JVM start): not too tight for a
      // loaded machine.
      Scripts.Proc r = submit(server.getAddress().getPort(), 12);
      assertThat(r.err()).contains("the state of " + id + " has been unknown for 12s");
    } finally {
      server.stop(0);
    }
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, String json)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }
}
