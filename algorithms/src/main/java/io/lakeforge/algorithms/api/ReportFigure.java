package io.lakeforge.algorithms.api;

import java.util.List;

/**
 * A picture a model's report shows, described by its data; the report job draws it. An algorithm
 * chooses its figures in {@link Algorithm#figures}.
 */
public sealed interface ReportFigure {
  /**
   * Scored validation rows grouped by the value of an int prediction column (K-Means' clusters):
   * the rows themselves as images when they are square images, else {@code prototypes} (one vector
   * per group, e.g. the centers) as a heatmap.
   */
  record Gallery(String groupColumn, int groups, List<double[]> prototypes)
      implements ReportFigure {}

  /** Actual label against {@code predicted_label} of the scored validation rows. */
  record ConfusionMatrix() implements ReportFigure {}

  /** The label against the predicted {@code score} of the scored validation rows. */
  record PredictedVsActual() implements ReportFigure {}

  /** Bars of values the model itself holds (e.g. explained variance per component). */
  record Bars(
      String name,
      String heading,
      String caption,
      String categoryTitle,
      String valueTitle,
      List<String> labels,
      List<Double> values)
      implements ReportFigure {}

  /** A line of values the model holds, at x = 1, 2, ... (e.g. cumulative explained variance). */
  record Line(String heading, String caption, String xTitle, String yTitle, List<Double> values)
      implements ReportFigure {}

  /**
   * One value per input feature (e.g. feature importance), drawn as horizontal bars of the {@code
   * top} largest, largest first; the report names the features from the dataset's feature spec when
   * it has names (tabular data), else by their index in the feature vector.
   */
  record FeatureBars(String heading, String caption, String valueTitle, double[] values, int top)
      implements ReportFigure {
    public FeatureBars {
      values = values.clone();
    }
  }

  /**
   * A histogram of a score column of the scored validation rows with a dashed line at {@code
   * threshold} (an anomaly detector's cut-off).
   */
  record ScoreDistribution(String scoreColumn, double threshold) implements ReportFigure {}

  /**
   * The {@code count} scored validation rows with the highest {@code scoreColumn}: the rows
   * themselves as images when they are square images, else their scores by record id.
   */
  record TopRows(String scoreColumn, int count) implements ReportFigure {}
}
