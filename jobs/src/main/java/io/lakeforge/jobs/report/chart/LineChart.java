package io.lakeforge.jobs.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lines through {@code (x, y)} points, one per series: a training cost per iteration or epoch, the
 * best objective so far of a tuning job. Points with a value the axis cannot show (NaN, infinite,
 * not positive on a log axis) are left out of the line and counted in a note.
 *
 * @param title the SVG's accessible title
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param series the lines; more than one gets a legend
 */
public record LineChart(String title, Axis x, Axis y, List<Series> series) implements Chart {

  public LineChart {
    title = title == null ? "" : title;
    Objects.requireNonNull(x, "x axis");
    Objects.requireNonNull(y, "y axis");
    series = List.copyOf(Objects.requireNonNull(series, "series"));
  }

  /**
   * One line of {@code values} against 1, 2, 3, ... (iterations, epochs, trials); a {@code null}
   * value counts as missing.
   */
  public static LineChart of(
      String title, String xTitle, String yTitle, List<? extends Number> values) {
    return new LineChart(
        title, Axis.linear(xTitle), Axis.linear(yTitle), List.of(Series.numbered("", values)));
  }

  @Override
  public String svg() {
    return LineChartSvg.render(this);
  }

  /**
   * One line.
   *
   * @param name shown in the legend when the chart has several series
   * @param x x values, paired index by index with {@code y}
   * @param y y values
   */
  public record Series(String name, double[] x, double[] y) {

    public Series {
      name = name == null ? "" : name;
      Objects.requireNonNull(x, "x");
      Objects.requireNonNull(y, "y");
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series '"
                + name
                + "' has "
                + x.length
                + " x values but "
                + y.length
                + " y values; they must be paired point by point");
      }
      x = x.clone();
      y = y.clone();
    }

    /** {@code values[i]} at x = i + 1; {@code null} values become NaN, i.e. not drawn. */
    public static Series numbered(String name, List<? extends Number> values) {
      List<? extends Number> v = values == null ? List.of() : new ArrayList<>(values);
      double[] xs = new double[v.size()];
      double[] ys = new double[v.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = i + 1;
        ys[i] = v.get(i) == null ? Double.NaN : v.get(i).doubleValue();
      }
      return new Series(name, xs, ys);
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] y() {
      return y.clone();
    }

    int size() {
      return x.length;
    }

    double xAt(int i) {
      return x[i];
    }

    double yAt(int i) {
      return y[i];
    }
  }
}
