package io.lakeforge.serving;

/**
 * The endpoint's settings, validated: where to listen, how often to re-resolve a followed alias,
 * what a request record is, the body limit and the worker threads.
 */
public record ServeOptions(
    String host,
    int port,
    int refreshSeconds,
    ModelLoader.Input input,
    long maxPayloadBytes,
    int threads,
    int drainSeconds) {
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_REFRESH_SECONDS = 30;
  public static final int DEFAULT_MAX_PAYLOAD_MB = 6;
  public static final int DEFAULT_DRAIN_SECONDS = 30;

  public ServeOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--port " + port + " is invalid: expected 0..65535 " + "(0 = any free port)");
    }
    if (refreshSeconds < 1) {
      throw new IllegalArgumentException(
          "--refresh " + refreshSeconds + " is invalid: " + "expected at least 1 second");
    }
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("--max-payload-mb must be positive");
    }
    if (threads < 1) {
      throw new IllegalArgumentException(
          "--threads " + threads + " is invalid: expected at " + "least 1");
    }
  }

  /** Worker threads when none are asked for: enough to overlap I/O with scoring. */
  public static int defaultThreads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
