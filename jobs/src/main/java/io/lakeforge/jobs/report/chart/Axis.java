package io.lakeforge.jobs.report.chart;

/**
 * A numeric axis of a chart: its title and whether values map linearly or logarithmically (for
 * hyperparameters such as a learning rate searched over decades).
 *
 * @param title shown along the axis; {@code null} or blank shows none
 * @param log {@code true} for a base-10 log scale, on which only positive values can be drawn
 */
public record Axis(String title, boolean log) {

  public Axis {
    title = title == null ? "" : title.strip();
  }

  public static Axis linear(String title) {
    return new Axis(title, false);
  }

  public static Axis log(String title) {
    return new Axis(title, true);
  }

  /** Whether {@code v} has a position on this axis: finite, and positive on a log axis. */
  public boolean canShow(double v) {
    return Double.isFinite(v) && (!log || v > 0);
  }
}
