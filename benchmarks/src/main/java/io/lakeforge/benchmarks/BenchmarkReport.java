package io.lakeforge.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Formats the benchmark's figures as {@code docs/benchmarks.md}. */
final class BenchmarkReport {
  private BenchmarkReport() {}

  static String markdown(
      List<Map<String, Object>> rows,
      Map<String, Object> kernel,
      List<Map<String, Object>> scaling,
      Map<String, Object> machine,
      long n,
      boolean quick,
      List<String> notes) {
    StringBuilder sb = new StringBuilder();
    sb.append("# K-Means benchmark: Lakeforge vs Spark MLlib\n\n");
    sb.append("Written by `scripts/bench-kmeans.sh")
        .append(quick ? " --quick" : "")
        .append("` on ")
        .append(machine.get("date"))
        .append(". One Spark application, ")
        .append("local[2], the same cached features: Fashion-MNIST train (")
        .append(n)
        .append(" × 784, pixels / 255). Costs are the sum of squared distances on the ")
        .append("training rows, computed the same way for both sides; NMI is against the 10 ")
        .append("labels.\n\n");
    sb.append("Machine: ")
        .append(machine.get("cpu"))
        .append(", ")
        .append(machine.get("cores"))
        .append(" cores, ")
        .append(machine.get("memory"))
        .append(", ")
        .append(machine.get("jvm"))
        .append(", Spark ")
        .append(machine.get("spark"))
        .append(", BLAS `")
        .append(machine.get("blas"))
        .append("` (the same netlib instance serves both sides).\n\n");
    sb.append(
        "| k | mode | init s | s / iteration | total s | cost | NMI | MLlib init s | "
            + "MLlib s / iteration | MLlib total s | MLlib cost | MLlib / Lakeforge per iteration | "
            + "MLlib / Lakeforge total |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : rows) {
      sb.append(
          String.format(
              "| %s | %s | %.2f | %.3f | %.2f | %.6g | %.4f | %.2f | %.3f | %.2f |"
                  + " %.6g | %.1f× | %.1f× |%n",
              r.get("k"),
              r.get("mode"),
              d(r, "init_seconds"),
              d(r, "seconds_per_iteration"),
              d(r, "total_seconds"),
              d(r, "cost"),
              d(r, "nmi"),
              d(r, "mllib_init_seconds"),
              d(r, "mllib_seconds_per_iteration"),
              d(r, "mllib_total_seconds"),
              d(r, "mllib_cost"),
              d(r, "ratio_per_iteration"),
              d(r, "ratio_total")));
    }
    sb.append("\nBefore the timed runs at each k, both sides run two warm-up iterations from ")
        .append("the same centers.\n");
    sb.append("\nRows: `lloyd` = both sides from the same randomly chosen rows as initial ")
        .append("centers, the same number of iterations, tol 0 (MLlib through ")
        .append("`mllib.clustering.KMeans.setInitialModel`, which `ml.clustering.KMeans` runs ")
        .append("underneath); `lloyd-own-init` = each side's default k-means‖ initialization ")
        .append("(`ml.clustering.KMeans`), then the same iterations — MLlib's initialization ")
        .append("time is its total minus its iterations at the per-iteration rate measured in ")
        .append("the `lloyd` row; `webscale` = Lakeforge's default mode (one epoch of ")
        .append("mini-batches of 5000, extra centers, local Lloyd reduction), its s / iteration ")
        .append("column being the epoch's time and its total the time to the model (without ")
        .append("the extra pass that reports its training cost); its MLlib columns repeat ")
        .append("MLlib's own-init run.")
        .append("\n\n");
    for (Map<String, Object> r : rows) {
      if (r.containsKey("cost_vs_lloyd")) {
        sb.append(
            String.format(
                "- webscale at k=%s: cost %.2f%% %s lloyd (own init), in %.0f%% "
                    + "of its total time (packing the input %.2f s, partition epochs %.2f s, local "
                    + "Lloyd on the driver %.2f s).%n",
                r.get("k"),
                100 * Math.abs(d(r, "cost_vs_lloyd") - 1),
                d(r, "cost_vs_lloyd") >= 1 ? "above" : "below",
                100 * d(r, "time_vs_lloyd"),
                d(r, "cache_seconds"),
                d(r, "partition_epochs_seconds"),
                d(r, "local_lloyd_seconds")));
      }
    }
    sb.append(
        "\n## Distance kernel vs DGEMM (one thread, same BLAS, same blocks of 4096 rows)\n\n");
    sb.append("| k | kernel s | kernel GFLOP/s | DGEMM s | DGEMM GFLOP/s | kernel / DGEMM |\n");
    sb.append("|---|---|---|---|---|---|\n");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> perK = (List<Map<String, Object>>) kernel.get("per_k");
    for (Map<String, Object> m : perK) {
      sb.append(
          String.format(
              "| %s | %.3f | %.2f | %.3f | %.2f | %.0f%% |%n",
              m.get("k"),
              d(m, "kernel_seconds"),
              d(m, "kernel_gflops"),
              d(m, "dgemm_seconds"),
              d(m, "dgemm_gflops"),
              100 * d(m, "kernel_share_of_dgemm")));
    }
    sb.append(
        String.format(
            "%nAn empty Spark job of two tasks takes %.1f ms (median of 15) on "
                + "this machine: every Lloyd iteration of either side pays it once.%n",
            1000 * d(kernel, "empty_job_median_seconds")));
    sb.append("\nThe kernel is one DGEMM (−2·X·Cᵀ) plus the norms and the arg-min per row; ")
        .append("GFLOP/s count 2·n·d·k for both.\n\n");
    sb.append("## Scaling with the number of rows (synthetic, 100 dimensions, k = 10, Lloyd)\n\n");
    sb.append("| rows | s / iteration | relative |\n|---|---|---|\n");
    for (Map<String, Object> m : scaling) {
      sb.append(
          String.format(
              "| %s | %.3f | %.1f× |%n",
              m.get("rows"), d(m, "seconds_per_iteration"), d(m, "relative_time")));
    }
    for (String note : notes) {
      sb.append("\n").append(note).append("\n");
    }
    return sb.toString();
  }

  /** The {@code name} section of a benchmarks document, markers included, or "" when absent. */
  static String section(String doc, String name) {
    String begin = "<!-- " + name + " benchmark: begin -->";
    String end = "<!-- " + name + " benchmark: end -->";
    int a = doc.indexOf(begin);
    int b = doc.indexOf(end);
    return a < 0 || b < a ? "" : doc.substring(a, b + end.length()) + "\n";
  }

  /** {@code doc} with its {@code name} section replaced by {@code section} (appended if absent). */
  static String withSection(String doc, String name, String section) {
    String old = section(doc, name);
    String body =
        "<!-- "
            + name
            + " benchmark: begin -->\n"
            + section
            + "<!-- "
            + name
            + " benchmark: end -->\n";
    return old.isEmpty() ? doc + "\n" + body : doc.replace(old, body);
  }

  /**
   * Writes a benchmark's figures as {@code docs/benchmarks-NAME.json} and its section of {@code
   * docs/benchmarks.md}, leaving the other sections as they are.
   */
  static void writeSection(File outDir, String name, Object figures, String markdown)
      throws IOException {
    Files.createDirectories(outDir.toPath());
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    Files.writeString(
        new File(outDir, "benchmarks-" + name + ".json").toPath(),
        json.writeValueAsString(figures) + "\n",
        java.nio.charset.StandardCharsets.UTF_8);
    Path md = new File(outDir, "benchmarks.md").toPath();
    Files.writeString(
        md, withSection(readOrEmpty(md), name, markdown), java.nio.charset.StandardCharsets.UTF_8);
    Benchmarks.log(
        "wrote %s/benchmarks-%s.json and the %s section of benchmarks.md", outDir, name, name);
  }

  /** Reads {@code file}, or "" when it does not exist yet. */
  static String readOrEmpty(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static double d(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  static String memTotal() {
    return firstLine(Path.of("/proc/meminfo"), "MemTotal:").replace("MemTotal:", "").trim();
  }

  static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name")
        .replaceFirst("model name\\s*:\\s*", "");
  }

  private static String firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(prefix))
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
