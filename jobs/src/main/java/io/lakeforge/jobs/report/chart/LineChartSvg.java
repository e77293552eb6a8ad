package io.lakeforge.jobs.report.chart;

import java.util.List;

/** Draws a {@link LineChart}. */
final class LineChartSvg {

  static final double WIDTH = 640;
  static final double HEIGHT = 300;

  /** Beyond this many points a series' markers merge into a smear; the line alone reads better. */
  static final int MAX_MARKERS = 60;

  private LineChartSvg() {}

  static String render(LineChart chart) {
    List<LineChart.Series> series = chart.series();
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    boolean wholeX = true;
    int total = 0;
    int drawable = 0;
    for (LineChart.Series s : series) {
      for (int i = 0; i < s.size(); i++) {
        total++;
        double x = s.xAt(i);
        double y = s.yAt(i);
        if (chart.x().canShow(x) && chart.y().canShow(y)) {
          drawable++;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
          wholeX &= x == Math.rint(x);
        }
      }
    }
    Scale xs = Scale.of(chart.x(), minX, maxX, false, wholeX && !chart.x().log());
    Scale ys = Scale.of(chart.y(), minY, maxY, false, false);
    boolean legend = series.size() > 1;
    Frame f =
        Frame.fitting(
            WIDTH, HEIGHT, ys.widestLabel(), chart.x().title(), chart.y().title(), legend ? 20 : 0);

    SvgWriter svg = new SvgWriter(WIDTH, HEIGHT, chart.title(), 64 + total);
    f.yAxis(svg, ys, chart.y().title());
    f.xAxis(svg, xs, chart.x().title());
    double[] px = new double[0];
    double[] py = new double[0];
    for (int k = 0; k < series.size(); k++) {
      LineChart.Series s = series.get(k);
      if (px.length < s.size()) {
        px = new double[s.size()];
        py = new double[s.size()];
      }
      int n = 0;
      for (int i = 0; i < s.size(); i++) {
        if (chart.x().canShow(s.xAt(i)) && chart.y().canShow(s.yAt(i))) {
          px[n] = f.x(xs, s.xAt(i));
          py[n] = f.y(ys, s.yAt(i));
          n++;
        }
      }
      String colour = Palette.series(k);
      svg.open("class=\"series\" stroke=\"" + colour + "\" fill=\"" + colour + "\"");
      if (n > 0) {
        svg.polyline(px, py, n, "stroke-width=\"2\" stroke-linejoin=\"round\"");
      }
      if (n <= MAX_MARKERS) {
        for (int i = 0; i < n; i++) {
          svg.circle(px[i], py[i], 2.5, "stroke=\"none\"");
        }
      }
      svg.close();
    }
    if (legend) {
      legend(svg, f, series);
    }
    if (drawable == 0) {
      f.note(svg, "no values to draw");
    } else if (drawable < total) {
      f.note(
          svg,
          (total - drawable)
              + (chart.y().log() || chart.x().log()
                  ? " values not drawn (not finite, or not positive on a log axis)"
                  : " non-finite values not drawn"));
    }
    return svg.finish();
  }

  private static void legend(SvgWriter svg, Frame f, List<LineChart.Series> series) {
    svg.open("class=\"legend\"");
    double x = f.left;
    double y = 14;
    for (int k = 0; k < series.size(); k++) {
      String name = Frame.shorten(series.get(k).name(), 32);
      svg.line(x, y - 4, x + 18, y - 4, "stroke=\"" + Palette.series(k) + "\" stroke-width=\"2\"");
      svg.text(x + 22, y, "start", name, "fill=\"" + Palette.INK + "\"");
      x += 22 + name.length() * Frame.CHAR + 16;
    }
    svg.close();
  }
}
