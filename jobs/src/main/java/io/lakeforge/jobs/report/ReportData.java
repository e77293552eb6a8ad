package io.lakeforge.jobs.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link ReportPage} shows about one trained model.
 *
 * @param title           page heading
 * @param modelRef        registry reference, e.g. {@code mnist-kmeans@1}
 * @param hyperparameters training settings, shown in iteration order
 * @param metrics         evaluation metrics, shown in iteration order
 * @param lineage         where the data and model came from, shown in iteration order
 * @param costCurve       training cost per iteration or epoch; may be empty
 * @param costCurveLabel  what {@code costCurve} measures, e.g. "training cost per iteration"
 * @param clusterSizes    {@code {cluster, count}} pairs; empty leaves the section out, as for a
 *                        model that is not a clustering
 * @param galleryFile     the model's picture (cluster gallery, confusion matrix, ...) as a PNG
 *                        relative to the page, or {@code null} if none was written
 * @param generatedAt     when the report was produced, free text (e.g. ISO-8601)
 * @param galleryCaption  caption and alt text of the picture; {@code null} means the K-Means
 *                        cluster gallery's caption
 * @param pictureHeading  heading of the picture's section, e.g. "Confusion matrix";
 *                        {@code null} means "Clusters" and a pixel-art cluster gallery, which
 *                        the page scales without smoothing
 */
public record ReportData(
        String title,
        String modelRef,
        Map<String, Object> hyperparameters,
        Map<String, Double> metrics,
        Map<String, Object> lineage,
        List<Double> costCurve,
        String costCurveLabel,
        List<long[]> clusterSizes,
        String galleryFile,
        String generatedAt,
        String galleryCaption,
        String pictureHeading) {

    public ReportData {
        // LinkedHashMap copies, not Map.copyOf: the caller's order is the display order, and
        // a hyperparameter legitimately may be null (e.g. "seed" when none was set).
        hyperparameters = orderedCopy(hyperparameters);
        metrics = orderedCopy(metrics);
        lineage = orderedCopy(lineage);
        costCurve = costCurve == null ? List.of() : List.copyOf(costCurve);
        clusterSizes = clusterSizes == null ? List.of() : List.copyOf(clusterSizes);
        for (long[] pair : clusterSizes) {
            if (pair.length != 2) {
                throw new IllegalArgumentException(
                        "clusterSizes entries must be {cluster, count}, got " + pair.length + " values");
            }
        }
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
