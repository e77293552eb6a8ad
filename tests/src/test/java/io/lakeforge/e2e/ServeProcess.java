package io.lakeforge.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lakeforge serve} in a child JVM, on the test's own classpath (Spark included, so a
 * SparkSession could be created if serving tried), logging every class it loads.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("on (http://\\S+)");

  final Process process;
  final Path classLog;
  final String url;

  /** Seconds from process start to the first 200 on /ping. */
  final double coldStartSeconds;

  final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread errReader;

  ServeProcess(Path dir, String... args) throws Exception {
    Files.createDirectories(dir);
    classLog = dir.resolve("classes.log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx512m",
                "-Xlog:class+load=info:file=" + classLog,
                "-Dlog4j2.configurationFile="
                    + System.getProperty("lakeforge.home")
                    + "/conf/log4j2-test.properties",
                "-Dlakeforge.home=" + System.getProperty("lakeforge.home"),
                "-cp",
                System.getProperty("java.class.path"),
                "io.lakeforge.jobs.cli.Main",
                "serve",
                "--port",
                "0"));
    cmd.addAll(List.of(args));
    long t0 = System.nanoTime();
    process =
        new ProcessBuilder(cmd).directory(new File(System.getProperty("lakeforge.home"))).start();
    errReader =
        new Thread(
            () ->
                drain(
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                    stderr));
    errReader.setDaemon(true);
    errReader.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("serve exited " + process.exitValue() + ": " + stderr);
    }
    Matcher m = URL.matcher(line);
    if (!m.find()) {
      throw new IllegalStateException("unexpected first line of serve: " + line);
    }
    url = m.group(1);
    HttpClient c = HttpClient.newHttpClient();
    while (c.send(
                HttpRequest.newBuilder(URI.create(url + "/ping")).GET().build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        != 200) {
      Thread.sleep(20);
    }
    coldStartSeconds = (System.nanoTime() - t0) / 1e9;
  }

  private static void drain(BufferedReader r, List<String> sink) {
    try {
      for (String l; (l = r.readLine()) != null; ) {
        sink.add(l);
        System.err.println("[serve] " + l);
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** The classes the process loaded, from -Xlog:class+load. */
  List<String> loadedClasses() throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(classLog)) {
      int at = l.indexOf("[class,load] ");
      if (at >= 0) {
        String rest = l.substring(at + "[class,load] ".length());
        int sp = rest.indexOf(' ');
        out.add(sp < 0 ? rest : rest.substring(0, sp));
      }
    }
    return out;
  }

  /** Sends SIGTERM and waits for the exit code. */
  int terminate() throws Exception {
    sigterm();
    return exitCode();
  }

  /**
   * SIGTERM through kill(1): Process.destroy() sends the same signal but also closes our ends of
   * the process's pipes, and what it prints while draining would be lost.
   */
  void sigterm() throws Exception {
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  /** Waits for the process to end and its standard error to be read; -1 after 60 s. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    errReader.join(10_000);
    return process.exitValue();
  }

  static HttpResponse<String> post(String url, String csv) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url + "/invocations"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      terminate();
    }
  }
}
