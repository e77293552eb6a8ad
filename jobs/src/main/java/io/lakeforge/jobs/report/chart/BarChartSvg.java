package io.lakeforge.jobs.report.chart;

/** Draws a {@link BarChart}, vertically or horizontally. */
final class BarChartSvg {

  static final double HEIGHT = 300;
  static final double MAX_WIDTH = 640;

  /** Preferred pixels per vertical bar; many bars share the maximum width instead. */
  static final double SLOT = 28;

  static final double MIN_PLOT_WIDTH = 240;

  /** Pixels per horizontal bar: room for an 11 px label. */
  static final double ROW = 20;

  static final int MAX_LABEL_CHARS = 28;
  private static final String BAR = "class=\"bar\" fill=\"" + Palette.series(0) + "\"";

  private BarChartSvg() {}

  static String render(BarChart chart) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int skipped = 0;
    for (int i = 0; i < chart.size(); i++) {
      double v = chart.valueAt(i);
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      } else {
        skipped++;
      }
    }
    for (ReferenceLine r : chart.referenceLines()) {
      min = Math.min(min, r.value());
      max = Math.max(max, r.value());
    }
    Scale values = Scale.linear(min, max, true, false);
    String note =
        chart.size() == 0
            ? "no values to draw"
            : skipped > 0 ? skipped + " non-finite values not drawn" : "";
    return chart.horizontal() ? horizontal(chart, values, note) : vertical(chart, values, note);
  }

  private static String vertical(BarChart chart, Scale ys, String note) {
    int n = chart.size();
    double plotWidth = Math.max(MIN_PLOT_WIDTH, Math.min(MAX_WIDTH - 120, n * SLOT));
    double left = 10 + ys.widestLabel() * Frame.CHAR + (chart.valueTitle().isEmpty() ? 0 : 22);
    double bottom = 22 + (chart.categoryTitle().isEmpty() ? 0 : 20);
    Frame f = new Frame(left + plotWidth + 24, HEIGHT, left, 12, 24, bottom);
    SvgWriter svg = new SvgWriter(f.width, f.height, chart.title(), 32 + 2 * n);
    f.yAxis(svg, ys, chart.valueTitle());

    double slot = n == 0 ? f.plotWidth : f.plotWidth / n;
    double barWidth = Math.max(1, slot * 0.72);
    double zero = f.y(ys, 0);
    svg.open("class=\"bars\"");
    for (int i = 0; i < n; i++) {
      double v = chart.valueAt(i);
      if (!Double.isFinite(v)) {
        continue;
      }
      double y = f.y(ys, v);
      svg.rect(
          f.left + (i + 0.5) * slot - barWidth / 2,
          Math.min(y, zero),
          barWidth,
          Math.abs(zero - y),
          BAR,
          chart.labels().get(i) + ": " + NumberText.significant(v, 4));
    }
    svg.close();
    svg.line(f.left, zero, f.right(), zero, "stroke=\"" + Palette.AXIS + "\"");
    svg.open("class=\"categories\"");
    int widest = 1;
    for (String l : chart.labels()) {
      widest = Math.max(widest, Math.min(12, l.length()));
    }
    int step = labelStep(slot, widest * Frame.CHAR + 6);
    for (int i = 0; i < n; i++) {
      if (i % step == 0) {
        svg.text(
            f.left + (i + 0.5) * slot,
            f.bottom() + 15,
            "middle",
            Frame.shorten(chart.labels().get(i), 12),
            Frame.TICK_TEXT);
      }
    }
    svg.close();
    f.xTitle(svg, chart.categoryTitle());
    for (ReferenceLine r : chart.referenceLines()) {
      f.horizontalReference(svg, f.y(ys, r.value()), r.label());
    }
    f.note(svg, note);
    return svg.finish();
  }

  private static String horizontal(BarChart chart, Scale xs, String note) {
    int n = chart.size();
    int widest = 1;
    for (String l : chart.labels()) {
      widest = Math.max(widest, Math.min(MAX_LABEL_CHARS, l.length()));
    }
    double left = 12 + widest * Frame.CHAR + (chart.categoryTitle().isEmpty() ? 0 : 22);
    double bottom = 22 + (chart.valueTitle().isEmpty() ? 0 : 20);
    double top = 12;
    // The right margin holds the value printed after the longest bar.
    Frame f = new Frame(MAX_WIDTH, top + Math.max(1, n) * ROW + bottom, left, top, 64, bottom);
    SvgWriter svg = new SvgWriter(f.width, f.height, chart.title(), 32 + 3 * n);
    f.xAxis(svg, xs, chart.valueTitle());
    double zero = f.x(xs, 0);
    svg.open("class=\"bars\"");
    for (int i = 0; i < n; i++) {
      double v = chart.valueAt(i);
      if (!Double.isFinite(v)) {
        continue;
      }
      double x = f.x(xs, v);
      svg.rect(
          Math.min(x, zero),
          f.top + i * ROW + 3,
          Math.abs(x - zero),
          ROW - 6,
          BAR,
          chart.labels().get(i) + ": " + NumberText.significant(v, 4));
    }
    svg.close();
    svg.open("class=\"categories\"");
    for (int i = 0; i < n; i++) {
      double y = f.top + (i + 0.5) * ROW + 4;
      svg.text(
          f.left - 6,
          y,
          "end",
          Frame.shorten(chart.labels().get(i), MAX_LABEL_CHARS),
          Frame.TICK_TEXT);
      double v = chart.valueAt(i);
      if (Double.isFinite(v)) {
        double x = f.x(xs, v);
        svg.text(
            v >= 0 ? Math.max(x, zero) + 4 : Math.min(x, zero) - 4,
            y,
            v >= 0 ? "start" : "end",
            NumberText.significant(v, 3),
            "class=\"value\" fill=\"" + Palette.INK + "\" font-size=\"10\"");
      }
    }
    svg.close();
    svg.line(zero, f.top, zero, f.bottom(), "stroke=\"" + Palette.AXIS + "\"");
    if (!chart.categoryTitle().isEmpty()) {
      svg.verticalText(
          14, f.top + f.plotHeight / 2, "middle", chart.categoryTitle(), Frame.TITLE_TEXT);
    }
    for (ReferenceLine r : chart.referenceLines()) {
      f.verticalReference(svg, f.x(xs, r.value()), r.label());
    }
    f.note(svg, note);
    return svg.finish();
  }

  /** Label every bar, or every 2nd, 5th, 10th, ... so that labels never touch. */
  static int labelStep(double slot, double labelWidth) {
    for (int step = 1; ; step *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        if (step * m * slot >= labelWidth || step > 1_000_000) {
          return step * m;
        }
      }
    }
  }
}
