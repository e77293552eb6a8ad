package io.lakeforge.jobs.report.chart;

/** Draws a {@link Histogram}: adjoining bars on a numeric x axis, marker lines on top. */
final class HistogramSvg {

  static final double WIDTH = 640;
  static final double HEIGHT = 300;

  private HistogramSvg() {}

  static String render(Histogram h, double[] edges, double[] counts) {
    double lo = edges[0];
    double hi = edges[edges.length - 1];
    for (ReferenceLine m : h.markers()) {
      if (h.x().canShow(m.value())) {
        lo = Math.min(lo, m.value());
        hi = Math.max(hi, m.value());
      }
    }
    double top = 0;
    boolean whole = true;
    for (double c : counts) {
      top = Math.max(top, c);
      whole &= c == Math.rint(c);
    }
    Scale xs = Scale.of(h.x(), lo, hi, false, false);
    Scale ys = Scale.linear(0, top, true, whole);
    Frame f = Frame.fitting(WIDTH, HEIGHT, ys.widestLabel(), h.x().title(), h.countTitle(), 0);
    SvgWriter svg = new SvgWriter(WIDTH, HEIGHT, h.title(), 32 + counts.length);
    f.yAxis(svg, ys, h.countTitle());
    f.xAxis(svg, xs, h.x().title());
    double zero = f.y(ys, 0);
    svg.open(
        "class=\"bars\" fill=\""
            + Palette.series(0)
            + "\" stroke=\"#ffffff\" stroke-width=\"0.5\"");
    for (int i = 0; i < counts.length; i++) {
      double x0 = f.x(xs, edges[i]);
      double x1 = f.x(xs, edges[i + 1]);
      double y = f.y(ys, counts[i]);
      svg.rect(
          x0,
          y,
          x1 - x0,
          zero - y,
          "class=\"bar\"",
          NumberText.significant(edges[i], 4)
              + " to "
              + NumberText.significant(edges[i + 1], 4)
              + ": "
              + NumberText.value(counts[i]));
    }
    svg.close();
    for (ReferenceLine m : h.markers()) {
      if (h.x().canShow(m.value())) {
        f.verticalReference(svg, f.x(xs, m.value()), m.label());
      }
    }
    if (counts.length == 0) {
      f.note(svg, "no values to draw");
    }
    return svg.finish();
  }
}
