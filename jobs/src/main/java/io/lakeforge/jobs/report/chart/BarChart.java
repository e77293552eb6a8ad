package io.lakeforge.jobs.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One bar per category, its length the category's value measured from zero: explained variance per
 * principal component, feature importance. Vertical bars suit short labels such as component
 * numbers; horizontal bars suit long labels such as feature names. A NaN or infinite value gets no
 * bar and is counted in a note.
 *
 * @param title the SVG's accessible title
 * @param categoryTitle what the categories are, e.g. "principal component"
 * @param valueTitle what the values measure, e.g. "share of variance"
 * @param labels one label per value, in drawing order (left to right, or top to bottom)
 * @param values the bar lengths
 * @param horizontal bars run left to right, labels at the left
 * @param referenceLines dashed lines across the bars at given values (a target, a threshold)
 */
public record BarChart(
    String title,
    String categoryTitle,
    String valueTitle,
    List<String> labels,
    double[] values,
    boolean horizontal,
    List<ReferenceLine> referenceLines)
    implements Chart {

  public BarChart {
    title = title == null ? "" : title;
    categoryTitle = categoryTitle == null ? "" : categoryTitle.strip();
    valueTitle = valueTitle == null ? "" : valueTitle.strip();
    values = Objects.requireNonNull(values, "values").clone();
    if (labels == null) {
      List<String> numbered = new ArrayList<>(values.length);
      for (int i = 1; i <= values.length; i++) {
        numbered.add(String.valueOf(i));
      }
      labels = numbered;
    }
    if (labels.size() != values.length) {
      throw new IllegalArgumentException(
          "bar chart has "
              + labels.size()
              + " labels but "
              + values.length
              + " values; give one label per value");
    }
    List<String> copy = new ArrayList<>(labels.size());
    labels.forEach(l -> copy.add(l == null ? "" : l));
    labels = List.copyOf(copy);
    referenceLines = referenceLines == null ? List.of() : List.copyOf(referenceLines);
  }

  /** Vertical bars labelled 1, 2, 3, ... (components, clusters numbered from one). */
  public static BarChart numbered(
      String title, String categoryTitle, String valueTitle, double[] values) {
    return new BarChart(title, categoryTitle, valueTitle, null, values, false, List.of());
  }

  /** Vertical bars with the given labels. */
  public static BarChart vertical(
      String title, String categoryTitle, String valueTitle, List<String> labels, double[] values) {
    return new BarChart(title, categoryTitle, valueTitle, labels, values, false, List.of());
  }

  /**
   * Horizontal bars with the given labels, the first at the top (e.g. the most important feature).
   */
  public static BarChart horizontal(
      String title, String categoryTitle, String valueTitle, List<String> labels, double[] values) {
    return new BarChart(title, categoryTitle, valueTitle, labels, values, true, List.of());
  }

  /** This chart with one more reference line. */
  public BarChart withReferenceLine(ReferenceLine line) {
    List<ReferenceLine> lines = new ArrayList<>(referenceLines);
    lines.add(Objects.requireNonNull(line, "line"));
    return new BarChart(title, categoryTitle, valueTitle, labels, values, horizontal, lines);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  double valueAt(int i) {
    return values[i];
  }

  int size() {
    return values.length;
  }

  @Override
  public String svg() {
    return BarChartSvg.render(this);
  }
}
