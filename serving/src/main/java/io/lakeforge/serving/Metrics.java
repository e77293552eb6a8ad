package io.lakeforge.serving;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The endpoint's counters in Prometheus' text format: requests and errors by path and status,
 * records scored, model swaps, and a latency histogram of {@code /invocations}.
 */
public final class Metrics {
  /** Upper bounds of the latency buckets, seconds. */
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder[] latency = new LongAdder[BUCKETS.length + 1];
  private final LongAdder latencyCount = new LongAdder();
  private final java.util.concurrent.atomic.DoubleAdder latencySum =
      new java.util.concurrent.atomic.DoubleAdder();
  private final LongAdder records = new LongAdder();
  private final LongAdder swaps = new LongAdder();
  private final LongAdder refreshErrors = new LongAdder();

  public Metrics() {
    for (int i = 0; i < latency.length; i++) {
      latency[i] = new LongAdder();
    }
  }

  public void request(String path, int status) {
    requests.computeIfAbsent(path + " " + status, k -> new LongAdder()).increment();
  }

  public void invocation(long nanos, int rows) {
    double s = nanos / 1e9;
    int b = 0;
    while (b < BUCKETS.length && s > BUCKETS[b]) {
      b++;
    }
    latency[b].increment();
    latencyCount.increment();
    latencySum.add(s);
    records.add(rows);
  }

  public void swapped() {
    swaps.increment();
  }

  public void refreshFailed() {
    refreshErrors.increment();
  }

  /** The exposition text; {@code model} is the ref being served (or null). */
  public String render(String model) {
    StringBuilder b = new StringBuilder();
    b.append("# HELP lakeforge_requests_total HTTP requests by path and status.\n")
        .append("# TYPE lakeforge_requests_total counter\n");
    long errors = 0;
    Map<String, Long> errorsByStatus = new TreeMap<>();
    for (Map.Entry<String, Long> e : sorted().entrySet()) {
      String[] k = e.getKey().split(" ");
      b.append("lakeforge_requests_total{path=\"")
          .append(k[0])
          .append("\",status=\"")
          .append(k[1])
          .append("\"} ")
          .append(e.getValue())
          .append('\n');
      if (Integer.parseInt(k[1]) >= 400) {
        errors += e.getValue();
        errorsByStatus.merge(k[1], e.getValue(), Long::sum);
      }
    }
    b.append("# HELP lakeforge_errors_total Requests answered with a 4xx or 5xx, by status.\n")
        .append("# TYPE lakeforge_errors_total counter\n");
    errorsByStatus.forEach(
        (s, n) ->
            b.append("lakeforge_errors_total{status=\"")
                .append(s)
                .append("\"} ")
                .append(n)
                .append('\n'));
    if (errors == 0) {
      b.append("lakeforge_errors_total{status=\"none\"} 0\n");
    }
    b.append(
        "# HELP lakeforge_invocation_seconds Time to parse, score and answer one "
            + "/invocations request.\n# TYPE lakeforge_invocation_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < latency.length; i++) {
      cumulative += latency[i].sum();
      b.append("lakeforge_invocation_seconds_bucket{le=\"")
          .append(i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf")
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    b.append("lakeforge_invocation_seconds_sum ")
        .append(latencySum.sum())
        .append('\n')
        .append("lakeforge_invocation_seconds_count ")
        .append(latencyCount.sum())
        .append('\n')
        .append("# HELP lakeforge_records_scored_total Records scored by /invocations.\n")
        .append("# TYPE lakeforge_records_scored_total counter\n")
        .append("lakeforge_records_scored_total ")
        .append(records.sum())
        .append('\n')
        .append(
            "# HELP lakeforge_model_swaps_total Times a followed alias moved to another "
                + "version.\n# TYPE lakeforge_model_swaps_total counter\n")
        .append("lakeforge_model_swaps_total ")
        .append(swaps.sum())
        .append('\n')
        .append(
            "# HELP lakeforge_refresh_errors_total Alias re-resolutions that failed (the "
                + "old model kept serving).\n# TYPE lakeforge_refresh_errors_total counter\n")
        .append("lakeforge_refresh_errors_total ")
        .append(refreshErrors.sum())
        .append('\n');
    if (model != null) {
      b.append("# HELP lakeforge_model_info The model version being served.\n")
          .append("# TYPE lakeforge_model_info gauge\n")
          .append("lakeforge_model_info{model=\"")
          .append(model)
          .append("\"} 1\n");
    }
    return b.toString();
  }

  private Map<String, Long> sorted() {
    Map<String, Long> m = new TreeMap<>();
    requests.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }
}
