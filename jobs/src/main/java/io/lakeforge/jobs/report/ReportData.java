package io.lakeforge.jobs.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link ReportPage} shows about one trained model, in page order.
 *
 * @param title page heading; blank means "Lakeforge model report"
 * @param modelRef registry reference, e.g. {@code mnist-kmeans@1}
 * @param generatedAt when the report was produced, free text (e.g. ISO-8601); may be null
 * @param metrics evaluation metrics, shown in iteration order
 * @param figures the model's pictures (cluster gallery, confusion matrix, ...), in order
 * @param costCurve training cost per iteration or epoch; may be empty
 * @param costCurveLabel what {@code costCurve} measures, e.g. "training cost per iteration"
 * @param clusterSizes records per cluster; empty leaves the section out, as for a model that is not
 *     a clustering
 * @param hyperparameters training settings, shown in iteration order; values may be null
 * @param lineage where the data and model came from, shown in iteration order
 */
public record ReportData(
    String title,
    String modelRef,
    String generatedAt,
    Map<String, Double> metrics,
    List<Figure> figures,
    List<Double> costCurve,
    String costCurveLabel,
    List<ClusterSize> clusterSizes,
    Map<String, Object> hyperparameters,
    Map<String, Object> lineage) {

  public ReportData {
    // LinkedHashMap copies, not Map.copyOf: the caller's order is the display order, and
    // a hyperparameter legitimately may be null (e.g. "seed" when none was set).
    metrics = orderedCopy(metrics);
    hyperparameters = orderedCopy(hyperparameters);
    lineage = orderedCopy(lineage);
    figures = figures == null ? List.of() : List.copyOf(figures);
    // Not List.copyOf: a null cost (a value the trainer could not compute) is drawn as missing.
    costCurve =
        costCurve == null
            ? List.of()
            : Collections.unmodifiableList(new java.util.ArrayList<>(costCurve));
    clusterSizes = clusterSizes == null ? List.of() : List.copyOf(clusterSizes);
  }

  private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
