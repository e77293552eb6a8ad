package io.lakeforge.serving.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load generator for the endpoint: a fixed number of {@code POST /invocations} over
 * keep-alive HTTP/1.1 connections to 127.0.0.1, one connection per concurrent client, then it
 * stops. The client is a few lines of socket code rather than {@code java.net.http}, so that on a
 * two-core machine the figures measure the server, not the client. Prints one JSON object per
 * scenario: latency percentiles, requests/s and records/s.
 *
 * <p>{@code LoadGenerator URL RECORDS [--requests N] [--concurrency C] [--batch B] [--warmup N]
 * [--label TEXT]}: RECORDS is a CSV file of feature records, or an IDX image file ({@code .gz}
 * too), whose pixels are divided by 255 as the MNIST feature spec does.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  /** The result of one scenario. */
  public record Result(
      String label,
      int concurrency,
      int batch,
      int requests,
      int errors,
      double seconds,
      double p50Ms,
      double p99Ms,
      double maxMs) {
    public double requestsPerSecond() {
      return requests / seconds;
    }

    public double recordsPerSecond() {
      return (double) requests * batch / seconds;
    }

    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"label\":\"%s\",\"concurrency\":%d,\"batch\":%d,"
              + "\"requests\":%d,\"errors\":%d,\"seconds\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
              + "\"max_ms\":%.3f,\"requests_per_s\":%.1f,\"records_per_s\":%.1f}",
          label,
          concurrency,
          batch,
          requests,
          errors,
          seconds,
          p50Ms,
          p99Ms,
          maxMs,
          requestsPerSecond(),
          recordsPerSecond());
    }
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    List<String> lines = records(Path.of(args[1]));
    int requests = 10_000;
    int concurrency = 1;
    int batch = 1;
    int warmup = 2_000;
    String label = "";
    for (int i = 2; i < args.length; i += 2) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[i + 1]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--label" -> label = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<byte[]> bodies = bodies(lines, batch);
    URI u = URI.create(url);
    if (warmup > 0) {
      run(u, bodies, warmup, concurrency, batch, "warmup");
    }
    System.out.println(run(u, bodies, requests, concurrency, batch, label).json());
  }

  /** CSV feature records from a CSV file or an IDX image file (pixels / 255). */
  static List<String> records(Path file) throws IOException {
    if (!file.getFileName().toString().contains("idx")) {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }
    InputStream raw = Files.newInputStream(file);
    try (java.io.DataInputStream in =
        new java.io.DataInputStream(
            new BufferedInputStream(
                file.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw) : raw))) {
      if (in.readInt() != 2051) {
        throw new IOException(file + " is not an IDX image file (magic 2051)");
      }
      int n = Math.min(in.readInt(), 2_000);
      int dim = in.readInt() * in.readInt();
      List<String> out = new ArrayList<>(n);
      byte[] px = new byte[dim];
      for (int i = 0; i < n; i++) {
        in.readFully(px);
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < dim; j++) {
          b.append(j > 0 ? "," : "").append((px[j] & 0xFF) / 255.0);
        }
        out.add(b.toString());
      }
      return out;
    }
  }

  /** Request bodies of {@code batch} CSV records each, cycling through the records. */
  static List<byte[]> bodies(List<String> lines, int batch) {
    List<byte[]> out = new ArrayList<>();
    int n = Math.max(1, Math.min(64, lines.size() / batch));
    for (int b = 0; b < n; b++) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < batch; i++) {
        s.append(lines.get((b * batch + i) % lines.size())).append('\n');
      }
      out.add(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  public static Result run(
      URI u, List<byte[]> bodies, int requests, int concurrency, int batch, String label)
      throws Exception {
    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      Thread t =
          new Thread(
              () -> {
                try (Client client = new Client(u)) {
                  for (int i; (i = next.getAndIncrement()) < requests; ) {
                    long s = System.nanoTime();
                    int status = client.post(bodies.get(i % bodies.size()));
                    latencies[i] = System.nanoTime() - s;
                    if (status != 200) {
                      errors.incrementAndGet();
                    }
                  }
                } catch (IOException e) {
                  errors.incrementAndGet();
                  System.err.println("load generator: " + e);
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(
        label,
        concurrency,
        batch,
        requests,
        errors.get(),
        seconds,
        pct(sorted, 0.50),
        pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** One keep-alive HTTP/1.1 connection. */
  static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;

    Client(URI u) throws IOException {
      socket = new Socket(u.getHost(), u.getPort());
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      head =
          ("POST /invocations HTTP/1.1\r\nHost: "
                  + u.getHost()
                  + ":"
                  + u.getPort()
                  + "\r\nContent-Type: text/csv\r\nAccept: application/json\r\nContent-Length: ")
              .getBytes(StandardCharsets.US_ASCII);
    }

    int post(byte[] body) throws IOException {
      byte[] len = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] req = new byte[head.length + len.length + body.length];
      System.arraycopy(head, 0, req, 0, head.length);
      System.arraycopy(len, 0, req, head.length, len.length);
      System.arraycopy(body, 0, req, head.length + len.length, body.length);
      out.write(req);
      out.flush();
      String status = line();
      int length = -1;
      for (String h; !(h = line()).isEmpty(); ) {
        if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(h.substring(15).strip());
        }
      }
      if (length < 0) {
        throw new IOException("response without Content-Length: " + status);
      }
      in.readNBytes(length);
      return Integer.parseInt(status.substring(9, 12));
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
