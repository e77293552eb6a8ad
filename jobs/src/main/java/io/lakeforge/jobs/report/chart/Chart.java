package io.lakeforge.jobs.report.chart;

/**
 * A chart that draws itself as a standalone SVG document: no script, nothing loaded from the
 * network, every piece of data-derived text escaped. Sealed, so a report page can trust the markup
 * of any {@code Chart} enough to inline it unescaped.
 */
public sealed interface Chart permits LineChart, BarChart, Histogram, Heatmap, ScatterPlot {

  /** Text of the SVG's {@code <title>}: what screen readers announce and hovering shows. */
  String title();

  /** The chart as an {@code <svg>} element, well-formed XML. */
  String svg();
}
