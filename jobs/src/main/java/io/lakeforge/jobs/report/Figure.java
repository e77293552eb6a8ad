package io.lakeforge.jobs.report;

import io.lakeforge.jobs.report.chart.Chart;
import java.util.Objects;

/**
 * One picture of a report under its own heading: a chart drawn inline as SVG, a PNG file beside the
 * page (pixels, such as the cluster gallery's images), or neither, when the caption says why there
 * is no picture (no labels to compare with, say).
 *
 * @param heading the section heading
 * @param caption what the picture shows and how to read it; also the PNG's alt text
 * @param chart the chart to draw inline, or {@code null}
 * @param pngFile the PNG's file name relative to the page, or {@code null}
 */
public record Figure(String heading, String caption, Chart chart, String pngFile) {

  public Figure {
    if (heading == null || heading.isBlank()) {
      throw new IllegalArgumentException("a figure needs a heading");
    }
    caption = caption == null ? "" : caption;
    if (pngFile != null && pngFile.isBlank()) {
      pngFile = null;
    }
    if (chart != null && pngFile != null) {
      throw new IllegalArgumentException(
          "figure '" + heading + "' has both a chart and a PNG (" + pngFile + "); give one");
    }
  }

  /** A chart drawn inline. */
  public static Figure chart(String heading, String caption, Chart chart) {
    return new Figure(heading, caption, Objects.requireNonNull(chart, "chart"), null);
  }

  /** A PNG file written beside the page, shown pixel for pixel. */
  public static Figure png(String heading, String caption, String pngFile) {
    if (pngFile == null || pngFile.isBlank()) {
      throw new IllegalArgumentException("figure '" + heading + "' needs a PNG file name");
    }
    return new Figure(heading, caption, null, pngFile);
  }

  /** A heading with no picture; {@code reason} says why, e.g. "no labels in the scored rows". */
  public static Figure unavailable(String heading, String reason) {
    return new Figure(heading, reason, null, null);
  }
}
