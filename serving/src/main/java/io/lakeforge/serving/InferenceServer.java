package io.lakeforge.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakeforge.models.Scores;
import io.lakeforge.models.features.FeatureVectorizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real-time endpoint: SageMaker's inference container contract on the JDK's HTTP server. {@code
 * GET /ping} (200 once a model is loaded, 503 before and while draining), {@code POST
 * /invocations}, {@code GET /execution-parameters} and {@code GET /metrics}. A request reads the
 * current model once, so a swap (a followed alias moving) never mixes two versions in one answer;
 * {@code X-Lakeforge-Model} names the version that answered. Bad requests get a 4xx with {@code
 * {"error": "..."}}, never a stack trace.
 */
public final class InferenceServer implements AutoCloseable {
  public static final String MODEL_HEADER = "X-Lakeforge-Model";

  private final ServeOptions options;
  private final ModelLoader loader;
  private final PrintStream log;
  private final Metrics metrics = new Metrics();
  private final HttpServer http;
  private final ExecutorService workers;
  private final ScheduledExecutorService refresher;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile LoadedModel current;
  private volatile boolean draining;

  private InferenceServer(ServeOptions options, ModelLoader loader, PrintStream log)
      throws IOException {
    this.options = options;
    this.loader = loader;
    this.log = log;
    // Without TCP_NODELAY a response written as headers + body waits on the client's delayed
    // ACK (Nagle): ~40 ms per small request. Read once, when the JDK's server config loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "lakeforge-serve-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lakeforge-refresh");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(workers);
    http.createContext("/ping", this::ping);
    http.createContext("/invocations", this::invocations);
    http.createContext("/execution-parameters", this::executionParameters);
    http.createContext("/metrics", this::metricsPage);
    http.createContext(
        "/",
        ex ->
            answer(
                ex,
                "/",
                404,
                error(
                    "no such path "
                        + ex.getRequestURI().getPath()
                        + "; the endpoint serves /ping, /invocations, "
                        + "/execution-parameters and /metrics"),
                MediaTypes.JSON));
  }

  /**
   * Listens (so {@code /ping} answers 503 while loading), loads the model and, when the target
   * follows an alias, re-resolves it every {@code refreshSeconds}. A model that cannot be loaded
   * stops the server and is thrown.
   */
  public static InferenceServer start(ServeOptions options, ModelLoader loader, PrintStream log)
      throws IOException {
    InferenceServer s = new InferenceServer(options, loader, log);
    s.http.start();
    try {
      s.current = loader.refresh(null);
    } catch (RuntimeException e) {
      s.http.stop(0);
      s.workers.shutdownNow();
      s.refresher.shutdownNow();
      throw e;
    }
    if (loader.follows()) {
      s.refresher.scheduleWithFixedDelay(
          s::refresh, options.refreshSeconds(), options.refreshSeconds(), TimeUnit.SECONDS);
    }
    return s;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public String url() {
    return "http://" + options.host() + ":" + port();
  }

  /** The model answering requests now. */
  public LoadedModel model() {
    return current;
  }

  /** Re-resolves the target now; a failure keeps the old model and is logged. */
  public void refresh() {
    try {
      LoadedModel before = current;
      LoadedModel next = loader.refresh(before);
      if (next != before) {
        current = next;
        metrics.swapped();
        log.println(
            "lakeforge serve: "
                + loader.describe()
                + " now "
                + next.ref()
                + " (was "
                + (before == null ? "none" : before.ref())
                + ")");
      }
    } catch (RuntimeException e) {
      metrics.refreshFailed();
      log.println(
          "lakeforge serve: could not re-resolve "
              + loader.describe()
              + ", still serving "
              + (current == null ? "nothing" : current.ref())
              + ": "
              + firstLine(e));
    }
  }

  /**
   * Blocks until SIGTERM or SIGINT, then drains: {@code /ping} turns 503, the listener closes,
   * requests in flight finish (up to the drain timeout), and this returns.
   */
  public void awaitSignalAndDrain() throws InterruptedException {
    CountDownLatch signalled = new CountDownLatch(1);
    // Replaces the JVM's handlers, so SIGTERM starts a drain instead of an exit with 143.
    for (String name : List.of("TERM", "INT")) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> signalled.countDown());
    }
    signalled.await();
    log.println("lakeforge serve: draining " + inFlight.get() + " request(s) in flight");
    close();
  }

  /**
   * Stops: new invocations get 503, the requests already in flight finish (up to the drain
   * timeout), then the listener and every connection close and the workers end.
   */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    draining = true;
    refresher.shutdownNow();
    // Our own wait: JDK 17's HttpServer.stop(delay) always sleeps the whole delay (JDK-8304065),
    // so it is only called once nothing is in flight.
    long deadline = System.nanoTime() + options.drainSeconds() * 1_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    http.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(options.drainSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.countDown();
    log.println("lakeforge serve: stopped");
  }

  private void ping(HttpExchange ex) throws IOException {
    int status = current != null && !draining ? 200 : 503;
    answer(ex, "/ping", status, new byte[0], null);
  }

  private void executionParameters(HttpExchange ex) throws IOException {
    String body =
        String.format(
            "{\"MaxConcurrentTransforms\":%d,\"BatchStrategy\":"
                + "\"MULTI_RECORD\",\"MaxPayloadInMB\":%d}",
            options.threads(), Math.max(1, options.maxPayloadBytes() / (1024 * 1024)));
    answer(
        ex, "/execution-parameters", 200, body.getBytes(StandardCharsets.UTF_8), MediaTypes.JSON);
  }

  private void metricsPage(HttpExchange ex) throws IOException {
    LoadedModel m = current;
    answer(
        ex,
        "/metrics",
        200,
        metrics.render(m == null ? null : m.ref()).getBytes(StandardCharsets.UTF_8),
        "text/plain; version=0.0.4");
  }

  private void invocations(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    inFlight.incrementAndGet();
    LoadedModel m = current;
    try {
      if (!ex.getRequestMethod().equals("POST")) {
        throw new ServingException(405, "use POST for /invocations");
      }
      if (draining) {
        ex.getResponseHeaders().set("Connection", "close");
        throw new ServingException(
            503, "the endpoint is shutting down; send to another " + "instance");
      }
      if (m == null) {
        throw new ServingException(503, "no model is loaded yet; retry when /ping answers 200");
      }
      String accept = MediaTypes.accept(ex.getRequestHeaders().getFirst("Accept"));
      String type = MediaTypes.contentType(ex.getRequestHeaders().getFirst("Content-Type"));
      byte[] body = readBody(ex);
      double[] x = features(m, body, type);
      int dim = m.model().featureDim();
      int rows = x.length / dim;
      Scores s = m.model().newScores(rows);
      m.model().score(x, rows, s);
      byte[] out = m.shape().write(m.model(), x, rows, s, accept);
      ex.getResponseHeaders().set(MODEL_HEADER, m.ref());
      answer(ex, "/invocations", 200, out, accept);
      metrics.invocation(System.nanoTime() - t0, rows);
    } catch (ServingException e) {
      if (m != null) {
        ex.getResponseHeaders().set(MODEL_HEADER, m.ref());
      }
      if (e.status() == 413) {
        // The rest of an oversized body is never read: close instead of reusing the connection.
        ex.getResponseHeaders().set("Connection", "close");
      }
      answer(ex, "/invocations", e.status(), error(e.getMessage()), MediaTypes.JSON);
    } catch (RuntimeException e) {
      log.println("lakeforge serve: internal error: " + firstLine(e));
      answer(
          ex,
          "/invocations",
          500,
          error("internal error (" + e.getClass().getSimpleName() + "); see the endpoint's log"),
          MediaTypes.JSON);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private double[] features(LoadedModel m, byte[] body, String type) {
    int dim = m.model().featureDim();
    if (m.vectorizer() == null) {
      if (type.equals(MediaTypes.CSV)) {
        return Records.csvFeatures(body, dim);
      }
      return Records.features(Records.parse(body, type), dim);
    }
    List<Records.Record> records = Records.parse(body, type);
    FeatureVectorizer v = m.vectorizer();
    double[] x = new double[records.size() * dim];
    boolean vectorField = m.featureSpec().vectorField() != null;
    for (int r = 0; r < records.size(); r++) {
      Object[] fields = rawFields(records.get(r), v.inputFields(), vectorField, r);
      try {
        v.vectorize(fields, x, r * dim);
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new ServingException(400, "record " + r + ": " + firstLine(e));
      }
    }
    return x;
  }

  /** A raw record as the vectorizer takes it: one value per source field, in spec order. */
  private static Object[] rawFields(
      Records.Record rec, List<String> fields, boolean vector, int r) {
    if (rec.values() != null) {
      if (vector && fields.size() == 1) {
        double[] d = new double[rec.values().size()];
        for (int j = 0; j < d.length; j++) {
          if (!(rec.values().get(j) instanceof Double n)) {
            throw new ServingException(
                400,
                String.format(
                    "record %d, value %d is '%s'; " + "expected a number",
                    r, j, rec.values().get(j)));
          }
          d[j] = n;
        }
        return new Object[] {d};
      }
      if (rec.values().size() != fields.size()) {
        throw new ServingException(
            400,
            String.format(
                "record %d has %d values; a raw record " + "has the %d source fields %s",
                r, rec.values().size(), fields.size(), fields));
      }
      return rec.values().toArray();
    }
    Object[] out = new Object[fields.size()];
    for (int i = 0; i < out.length; i++) {
      com.fasterxml.jackson.databind.JsonNode n = rec.object().get(fields.get(i));
      if (n == null) {
        throw new ServingException(
            400,
            String.format(
                "record %d has no field '%s'; a raw " + "record has the source fields %s",
                r, fields.get(i), fields));
      }
      if (n.isArray()) {
        double[] d = new double[n.size()];
        for (int j = 0; j < d.length; j++) {
          d[j] = n.get(j).asDouble();
        }
        out[i] = d;
      } else {
        out[i] = n.isNumber() ? (Object) n.doubleValue() : n.asText();
      }
    }
    return out;
  }

  private byte[] readBody(HttpExchange ex) throws IOException {
    long limit = options.maxPayloadBytes();
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > limit) {
          throw tooLarge(limit);
        }
      } catch (NumberFormatException e) {
        throw new ServingException(400, "Content-Length '" + length + "' is not a number");
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    }
  }

  private static ServingException tooLarge(long limit) {
    return new ServingException(
        413,
        String.format(
            "the body is larger than the limit of %.1f "
                + "MB (--max-payload-mb); split the records into several requests",
            limit / (1024.0 * 1024.0)));
  }

  private void answer(HttpExchange ex, String path, int status, byte[] body, String type)
      throws IOException {
    try {
      if (type != null) {
        ex.getResponseHeaders().set("Content-Type", type);
      }
      LoadedModel m = current;
      if (m != null && !ex.getResponseHeaders().containsKey(MODEL_HEADER)) {
        ex.getResponseHeaders().set(MODEL_HEADER, m.ref());
      }
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(body);
        }
      }
    } finally {
      ex.close();
      metrics.request(path, status);
    }
  }

  private static byte[] error(String message) {
    StringBuilder b = new StringBuilder("{\"error\":\"");
    for (char c : message.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
