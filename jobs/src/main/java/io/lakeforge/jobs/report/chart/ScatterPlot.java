package io.lakeforge.jobs.report.chart;

import java.util.Objects;

/**
 * One dot per {@code (x, y)} pair: a regressor's predictions against the true values, a tuning
 * job's objective against one hyperparameter. With {@code identityLine} both axes share one range
 * and a dashed y = x line shows where exact predictions would lie. Pairs the axes cannot show are
 * left out and counted in a note; beyond {@link #MAX_POINTS} an evenly spaced subset is drawn.
 *
 * @param title the SVG's accessible title
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param xs x values, paired index by index with {@code ys}
 * @param ys y values
 * @param identityLine draw y = x on a shared range; both axes must then be linear or both log
 */
public record ScatterPlot(
    String title, Axis x, Axis y, double[] xs, double[] ys, boolean identityLine) implements Chart {

  /** More points only overplot and make the page heavy. */
  public static final int MAX_POINTS = 10_000;

  public ScatterPlot {
    title = title == null ? "" : title;
    Objects.requireNonNull(x, "x axis");
    Objects.requireNonNull(y, "y axis");
    Objects.requireNonNull(xs, "xs");
    Objects.requireNonNull(ys, "ys");
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "scatter plot has "
              + xs.length
              + " x values but "
              + ys.length
              + " y values; they must be paired point by point");
    }
    if (identityLine && x.log() != y.log()) {
      throw new IllegalArgumentException(
          "a y = x line needs both axes linear or both log; x is "
              + (x.log() ? "log" : "linear")
              + ", y is "
              + (y.log() ? "log" : "linear"));
    }
    xs = xs.clone();
    ys = ys.clone();
  }

  /** A regressor's predictions (up) against the actual values (across), with the y = x line. */
  public static ScatterPlot predictedVsActual(double[] actual, double[] predicted) {
    return new ScatterPlot(
        "Predicted vs actual",
        Axis.linear("actual"),
        Axis.linear("predicted"),
        actual,
        predicted,
        true);
  }

  @Override
  public double[] xs() {
    return xs.clone();
  }

  @Override
  public double[] ys() {
    return ys.clone();
  }

  int size() {
    return xs.length;
  }

  double xAt(int i) {
    return xs[i];
  }

  double yAt(int i) {
    return ys[i];
  }

  @Override
  public String svg() {
    return ScatterPlotSvg.render(this);
  }
}
