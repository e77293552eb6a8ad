package io.lakeforge.jobs.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grid of cells coloured by value, with labelled rows and columns and the values printed where
 * they fit: a confusion matrix (actual class by predicted class), cluster centers by feature. NaN
 * cells are grey and say so on hover.
 *
 * @param title the SVG's accessible title
 * @param rowTitle what the rows are, e.g. "actual"
 * @param columnTitle what the columns are, e.g. "predicted"
 * @param rowLabels one per row, top to bottom
 * @param columnLabels one per column, left to right
 * @param values {@code values[row][column]}
 * @param shading how values map to colour
 */
public record Heatmap(
    String title,
    String rowTitle,
    String columnTitle,
    List<String> rowLabels,
    List<String> columnLabels,
    double[][] values,
    Shading shading)
    implements Chart {

  /** How a cell's value becomes its colour, light (low) to dark (high). */
  public enum Shading {
    /** One scale over every cell. */
    ALL,
    /**
     * The cell's share of its row's total, and empty cells stay white: a confusion matrix, where
     * row shares keep rare classes as readable as common ones. Values must not be negative.
     */
    ROW_SHARE,
    /**
     * Each column from its own minimum to maximum: features of different scales (cluster centers)
     * still show which rows are high or low on each.
     */
    COLUMN
  }

  public Heatmap {
    title = title == null ? "" : title;
    rowTitle = rowTitle == null ? "" : rowTitle.strip();
    columnTitle = columnTitle == null ? "" : columnTitle.strip();
    rowLabels = labels(rowLabels, "rowLabels");
    columnLabels = labels(columnLabels, "columnLabels");
    Objects.requireNonNull(shading, "shading");
    Objects.requireNonNull(values, "values");
    if (values.length != rowLabels.size()) {
      throw new IllegalArgumentException(
          "heatmap has "
              + values.length
              + " rows of values but "
              + rowLabels.size()
              + " row labels; give one label per row");
    }
    double[][] copy = new double[values.length][];
    for (int r = 0; r < values.length; r++) {
      if (values[r] == null || values[r].length != columnLabels.size()) {
        throw new IllegalArgumentException(
            "heatmap row "
                + r
                + " has "
                + (values[r] == null ? "no" : String.valueOf(values[r].length))
                + " values but there are "
                + columnLabels.size()
                + " column labels; every row needs one value per column");
      }
      copy[r] = values[r].clone();
      if (shading == Shading.ROW_SHARE) {
        for (int c = 0; c < copy[r].length; c++) {
          if (copy[r][c] < 0) {
            throw new IllegalArgumentException(
                "heatmap cell ["
                    + r
                    + "]["
                    + c
                    + "] is "
                    + copy[r][c]
                    + "; row shares need values that are not negative");
          }
        }
      }
    }
    values = copy;
  }

  /**
   * A classifier's confusion matrix: {@code counts[actual][predicted]}, with {@code
   * classNames.get(i)} naming row and column {@code i}.
   */
  public static Heatmap confusionMatrix(List<String> classNames, long[][] counts) {
    Objects.requireNonNull(counts, "counts");
    double[][] v = new double[counts.length][];
    for (int r = 0; r < counts.length; r++) {
      if (counts[r] == null || counts[r].length != counts.length) {
        throw new IllegalArgumentException(
            "a confusion matrix must be square (one row and one column "
                + "per class): row "
                + r
                + " has "
                + (counts[r] == null ? "no" : String.valueOf(counts[r].length))
                + " entries, expected "
                + counts.length);
      }
      v[r] = new double[counts[r].length];
      for (int c = 0; c < counts[r].length; c++) {
        v[r][c] = counts[r][c];
      }
    }
    return new Heatmap(
        "Confusion matrix", "actual", "predicted", classNames, classNames, v, Shading.ROW_SHARE);
  }

  @Override
  public double[][] values() {
    double[][] out = new double[values.length][];
    for (int r = 0; r < values.length; r++) {
      out[r] = values[r].clone();
    }
    return out;
  }

  double valueAt(int row, int column) {
    return values[row][column];
  }

  @Override
  public String svg() {
    return HeatmapSvg.render(this);
  }

  private static List<String> labels(List<String> labels, String what) {
    Objects.requireNonNull(labels, what);
    List<String> out = new ArrayList<>(labels.size());
    labels.forEach(l -> out.add(l == null ? "" : l));
    return List.copyOf(out);
  }
}
