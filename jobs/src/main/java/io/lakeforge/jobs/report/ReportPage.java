package io.lakeforge.jobs.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.lakeforge.jobs.report.chart.Axis;
import io.lakeforge.jobs.report.chart.Chart;
import io.lakeforge.jobs.report.chart.LineChart;
import io.lakeforge.jobs.report.chart.NumberText;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the self-contained HTML report of a trained model from the {@code report.mustache}
 * template: metrics, the model's figures, the training cost curve, cluster sizes for clusterings,
 * hyperparameters and lineage.
 *
 * <p>The page loads nothing from the network and runs no script, so it can be opened straight from
 * object storage or a mail attachment. The template escapes every value by default; the one
 * exception is the inline SVG of a {@link Chart}, a sealed type whose every implementation escapes
 * its own text, so values from user configuration or data never become markup.
 */
public final class ReportPage {

  static final String TEMPLATE = "io/lakeforge/jobs/report/report.mustache";

  /** Compiled once: a compiled template is immutable and safe to share between threads. */
  private static final Mustache PAGE = new DefaultMustacheFactory().compile(TEMPLATE);

  private ReportPage() {}

  /** The complete HTML document for {@code data}; it declares UTF-8, so write it as UTF-8. */
  public static String html(ReportData data) {
    StringWriter out = new StringWriter(16_384);
    PAGE.execute(out, view(data));
    return out.toString();
  }

  // What the template sees: display-ready strings, flags for optional sections, and nothing
  // left for the template to compute.

  record Page(
      String title,
      String modelRef,
      String generatedAt,
      List<Row> metrics,
      List<FigureView> figures,
      FigureView trainingCurve,
      String noTrainingCurve,
      List<ClusterLine> clusterSizes,
      long clusterTotal,
      List<Row> hyperparameters,
      List<Row> lineage) {

    public boolean hasMetrics() {
      return !metrics.isEmpty();
    }

    public boolean hasClusterSizes() {
      return !clusterSizes.isEmpty();
    }

    public boolean hasHyperparameters() {
      return !hyperparameters.isEmpty();
    }

    public boolean hasLineage() {
      return !lineage.isEmpty();
    }
  }

  record Row(String name, String value) {}

  /**
   * One figure for the template. {@code trustedSvg} is the only text the template writes unescaped;
   * it only ever holds {@link Chart#svg()} output.
   */
  record FigureView(String heading, String caption, String trustedSvg, String pngUrl) {

    public boolean isChart() {
      return trustedSvg != null;
    }

    public boolean isPng() {
      return pngUrl != null;
    }

    public boolean isMissing() {
      return trustedSvg == null && pngUrl == null;
    }
  }

  record ClusterLine(long cluster, String swatch, long records, String share, String barWidth) {}

  static Page view(ReportData data) {
    String title = isBlank(data.title()) ? "Lakeforge model report" : data.title();
    List<Row> metrics = new ArrayList<>();
    data.metrics()
        .forEach(
            (k, v) -> metrics.add(new Row(k, v == null ? "\u2014" : NumberText.significant(v, 4))));
    List<FigureView> figures = new ArrayList<>();
    for (Figure f : data.figures()) {
      figures.add(figureView(f));
    }
    String curveLabel = isBlank(data.costCurveLabel()) ? "training cost" : data.costCurveLabel();
    FigureView curve =
        data.costCurve().isEmpty()
            ? null
            : new FigureView(
                "Training cost", curveLabel, costChart(data.costCurve(), curveLabel).svg(), null);
    return new Page(
        title,
        isBlank(data.modelRef()) ? "(unregistered)" : data.modelRef(),
        isBlank(data.generatedAt()) ? null : data.generatedAt(),
        metrics,
        figures,
        curve,
        curve == null ? "No " + curveLabel + " was recorded." : null,
        clusterLines(data.clusterSizes()),
        data.clusterSizes().stream().mapToLong(ClusterSize::records).sum(),
        rows(data.hyperparameters()),
        rows(data.lineage()));
  }

  /** The cost curve against iteration or epoch, whichever the trainer's label names. */
  static LineChart costChart(List<Double> costs, String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    String unit = lower.contains("epoch") ? "epoch" : "iteration";
    String measure = lower.contains("loss") ? "loss" : "cost";
    return new LineChart(
        label,
        Axis.linear(unit),
        Axis.linear(measure),
        List.of(LineChart.Series.numbered(label, costs)));
  }

  private static FigureView figureView(Figure f) {
    if (f.chart() != null) {
      return new FigureView(f.heading(), f.caption(), f.chart().svg(), null);
    }
    return new FigureView(
        f.heading(), f.caption(), null, f.pngFile() == null ? null : relativeUrl(f.pngFile()));
  }

  private static List<ClusterLine> clusterLines(List<ClusterSize> sizes) {
    long total = 0;
    long largest = 0;
    for (ClusterSize s : sizes) {
      total += s.records();
      largest = Math.max(largest, s.records());
    }
    List<ClusterLine> lines = new ArrayList<>(sizes.size());
    for (ClusterSize s : sizes) {
      double share = total > 0 ? 100.0 * s.records() / total : 0.0;
      // The bar is relative to the largest cluster so imbalance is visible even at k = 100.
      double barEm = largest > 0 ? 8.0 * s.records() / largest : 0.0;
      lines.add(
          new ClusterLine(
              s.cluster(),
              String.format(Locale.ROOT, "#%06x", ClusterGallery.clusterRgb(s.cluster())),
              s.records(),
              String.format(Locale.ROOT, "%.1f%%", share),
              String.format(Locale.ROOT, "%.2fem", barEm)));
    }
    return lines;
  }

  private static List<Row> rows(Map<String, Object> map) {
    List<Row> rows = new ArrayList<>(map.size());
    map.forEach((k, v) -> rows.add(new Row(k, display(v))));
    return rows;
  }

  /** Renders a hyperparameter or lineage value; doubles get 6 significant digits, not 17. */
  static String display(Object value) {
    if (value == null) {
      return "\u2014";
    }
    if (value instanceof Double || value instanceof Float) {
      return NumberText.significant(((Number) value).doubleValue(), 6);
    }
    if (value instanceof double[] a) {
      List<String> parts = new ArrayList<>(a.length);
      for (double d : a) {
        parts.add(NumberText.significant(d, 6));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (value instanceof Object[] a) {
      return display(Arrays.asList(a));
    }
    if (value.getClass().isArray()) {
      // Remaining primitive arrays (int[], long[], ...): deepToString formats them elementwise.
      String s = Arrays.deepToString(new Object[] {value});
      return s.substring(1, s.length() - 1);
    }
    if (value instanceof Collection<?> c) {
      List<String> parts = new ArrayList<>(c.size());
      for (Object o : c) {
        parts.add(display(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(value);
  }

  /**
   * Percent-encodes everything outside a conservative path alphabet. That keeps file names with
   * spaces working and turns a would-be scheme such as {@code javascript:} into a harmless relative
   * path, since ':' is encoded.
   */
  static String relativeUrl(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~'
              || c == '/';
      if (safe) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
