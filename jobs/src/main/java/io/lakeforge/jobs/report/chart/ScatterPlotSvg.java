package io.lakeforge.jobs.report.chart;

import java.util.Locale;

/** Draws a {@link ScatterPlot}. */
final class ScatterPlotSvg {

  static final double WIDTH = 640;
  static final double HEIGHT = 360;

  /** With a y = x line the plot is square, so the diagonal runs at 45 degrees. */
  static final double SQUARE_PLOT = 400;

  /** From this many points on, dots get smaller and translucent so dense regions show. */
  static final int DENSE = 500;

  private ScatterPlotSvg() {}

  static String render(ScatterPlot p) {
    int n = p.size();
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    int drawable = 0;
    for (int i = 0; i < n; i++) {
      if (shows(p, i)) {
        drawable++;
        minX = Math.min(minX, p.xAt(i));
        maxX = Math.max(maxX, p.xAt(i));
        minY = Math.min(minY, p.yAt(i));
        maxY = Math.max(maxY, p.yAt(i));
      }
    }
    Scale xs;
    Scale ys;
    if (p.identityLine()) {
      xs = Scale.of(p.x(), Math.min(minX, minY), Math.max(maxX, maxY), false, false);
      ys = xs;
    } else {
      xs = Scale.of(p.x(), minX, maxX, false, false);
      ys = Scale.of(p.y(), minY, maxY, false, false);
    }
    Frame f;
    if (p.identityLine()) {
      double left = 10 + ys.widestLabel() * Frame.CHAR + (p.y().title().isEmpty() ? 0 : 22);
      double bottom = 22 + (p.x().title().isEmpty() ? 0 : 20);
      f = new Frame(left + SQUARE_PLOT + 24, 12 + SQUARE_PLOT + bottom, left, 12, 24, bottom);
    } else {
      f = Frame.fitting(WIDTH, HEIGHT, ys.widestLabel(), p.x().title(), p.y().title(), 0);
    }
    int shown = Math.min(drawable, ScatterPlot.MAX_POINTS);
    SvgWriter svg = new SvgWriter(f.width, f.height, p.title(), 32 + shown);
    f.yAxis(svg, ys, p.y().title());
    f.xAxis(svg, xs, p.x().title());
    boolean dense = shown >= DENSE;
    svg.open(
        "class=\"points\" fill=\""
            + Palette.series(0)
            + "\" fill-opacity=\""
            + (dense ? "0.4" : "0.75")
            + "\"");
    double r = dense ? 2 : 3;
    // Evenly spaced rather than random, so the same data always gives the same picture.
    long seen = 0;
    long next = 0;
    int drawn = 0;
    for (int i = 0; i < n && drawn < shown; i++) {
      if (!shows(p, i)) {
        continue;
      }
      if (seen++ == next) {
        svg.circle(f.x(xs, p.xAt(i)), f.y(ys, p.yAt(i)), r, null);
        drawn++;
        next = (long) drawn * drawable / shown;
      }
    }
    svg.close();
    if (p.identityLine()) {
      // On top of the points and dashed, so a dense cloud cannot hide how far it is off.
      svg.line(
          f.x(xs, xs.lo),
          f.y(ys, ys.lo),
          f.x(xs, xs.hi),
          f.y(ys, ys.hi),
          "class=\"identity\" stroke=\""
              + Palette.INK
              + "\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"");
    }
    String note = drawable == 0 ? "no values to draw" : "";
    if (shown < drawable) {
      note = String.format(Locale.ROOT, "%,d of %,d points shown", shown, drawable);
    }
    if (drawable < n && drawable > 0) {
      note +=
          (note.isEmpty() ? "" : "; ")
              + (n - drawable)
              + (p.x().log() || p.y().log()
                  ? " not drawn (not finite, or not positive on a log axis)"
                  : " with non-finite values not drawn");
    }
    f.note(svg, note);
    return svg.finish();
  }

  private static boolean shows(ScatterPlot p, int i) {
    return p.x().canShow(p.xAt(i)) && p.y().canShow(p.yAt(i));
  }
}
