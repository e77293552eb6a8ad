package io.lakeforge.jobs.report.chart;

/**
 * A dashed marker line at a value on a chart's value axis (a target share of variance) or on a
 * histogram's x axis (a decision threshold).
 *
 * @param value where the line goes, in data units; must be finite
 * @param label text next to the line; {@code null} or blank shows none
 */
public record ReferenceLine(double value, String label) {

  public ReferenceLine {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("reference line value must be finite, got " + value);
    }
    label = label == null ? "" : label.strip();
  }
}
