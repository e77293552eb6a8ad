package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPageTest {

    private static final Pattern POLYLINE_POINTS = Pattern.compile("<polyline[^>]*\\spoints=\"([^\"]*)\"");

    @Test
    void escapesMarkupInHyperparameterValuesAndKeys() {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("initMode", "<script>alert('x')</script>");
        hp.put("a<b", "Tom & \"Jerry\"");

        String html = ReportPage.html(data(hp, List.of(), "clusters.png"));

        assertThat(html).doesNotContain("<script");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html).contains("a&lt;b");
        assertThat(html).contains("Tom &amp; &quot;Jerry&quot;");
    }

    @Test
    void escapesTitleMetricNamesAndLineage() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("<b>acc</b>", 0.5);
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("source", "s3a://lake/mnist?<img src=x onerror=alert(1)>");
        ReportData d = new ReportData("<i>Report</i>", "m@1", Map.of(), metrics, lineage, List.of(),
                "cost", List.of(), null, "2024-01-01T00:00:00Z", null, null);

        String html = ReportPage.html(d);

        assertThat(html).doesNotContain("<i>Report", "<b>acc", "<img src=x");
        assertThat(html).contains("&lt;i&gt;Report&lt;/i&gt;", "&lt;b&gt;acc&lt;/b&gt;", "&lt;img src=x");
    }

    @Test
    void costPolylineHasOnePointPerCostValue() {
        List<Double> costs = List.of(950.0, 400.0, 310.5, 305.25, 305.0);

        String html = ReportPage.html(data(Map.of(), costs, "clusters.png"));

        assertThat(points(html)).hasSize(costs.size());
        assertThat(html).contains("<svg", "</svg>");
    }

    @Test
    void costCurveRunsLeftToRightWithTheHighestCostAtTheTop() {
        String html = ReportPage.html(data(Map.of(), List.of(10.0, 2.0, 1.0), null));

        List<double[]> pts = points(html);
        assertThat(pts.get(0)[0]).isLessThan(pts.get(1)[0]);
        assertThat(pts.get(1)[0]).isLessThan(pts.get(2)[0]);
        // SVG y grows downwards: the largest cost has the smallest y.
        assertThat(pts.get(0)[1]).isLessThan(pts.get(1)[1]);
        assertThat(pts.get(1)[1]).isLessThan(pts.get(2)[1]);
        for (double[] p : pts) {
            assertThat(p[0]).isBetween(0.0, (double) ReportPage.SVG_WIDTH);
            assertThat(p[1]).isBetween(0.0, (double) ReportPage.SVG_HEIGHT);
        }
    }

    @Test
    void costAxisLabelsShowMinAndMaxWithSixSignificantDigits() {
        String html = ReportPage.html(data(Map.of(), List.of(25_123_456.0, 1234.56789, 1300.0), null));

        assertThat(html).containsPattern("<text[^>]*>2\\.51235e\\+07</text>");
        assertThat(html).containsPattern("<text[^>]*>1234\\.57</text>");
    }

    @Test
    void singleAndFlatCostCurvesStayInsideThePlot() {
        assertThat(points(ReportPage.html(data(Map.of(), List.of(5.0), null)))).hasSize(1);

        List<double[]> flat = points(ReportPage.html(data(Map.of(), List.of(3.0, 3.0, 3.0), null)));
        assertThat(flat).hasSize(3);
        assertThat(flat).allSatisfy(p -> assertThat(p[1]).isEqualTo(flat.get(0)[1]));
    }

    @Test
    void nonFiniteCostsAreLeftOutAndSaidSo() {
        String html = ReportPage.html(data(Map.of(), List.of(10.0, Double.NaN, 5.0, Double.POSITIVE_INFINITY), null));

        assertThat(points(html)).hasSize(2);
        assertThat(html).contains("2 non-finite values not drawn");
    }

    @Test
    void emptyCostCurveGivesANoteInsteadOfAChart() {
        String html = ReportPage.html(data(Map.of(), List.of(), null));

        assertThat(html).doesNotContain("<polyline", "<svg");
        assertThat(html).contains("No training cost per iteration was recorded.");
    }

    @Test
    void referencesTheGalleryFileWithAltTextAndCaption() {
        String html = ReportPage.html(data(Map.of(), List.of(), "clusters.png"));

        assertThat(html).containsPattern("<img [^>]*src=\"clusters\\.png\"");
        assertThat(html).containsPattern("<img [^>]*alt=\"[^\"]+\"");
        assertThat(html).contains("one row per cluster: validation images assigned to it");
    }

    @Test
    void galleryFileNamesCannotBreakOutOfTheAttributeOrBecomeAScheme() {
        String html = ReportPage.html(data(Map.of(), List.of(), "javascript:alert(\"1\") x.png"));

        assertThat(html).contains("src=\"javascript%3Aalert%28%221%22%29%20x.png\"");
    }

    @Test
    void noGalleryMeansNoImage() {
        String html = ReportPage.html(data(Map.of(), List.of(), null));

        assertThat(html).doesNotContain("<img");
        assertThat(html).contains("No cluster gallery");
    }

    @Test
    void pageIsSelfContained() {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("k", 10);
        String html = ReportPage.html(data(hp, List.of(3.0, 2.0), "clusters.png"));

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).doesNotContain("<script", "<link", "@import", "src=\"http", "href=\"http", "url(");
    }

    @Test
    void tablesKeepTheCallersOrder() {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("zeta_last_alphabetically", 1);
        hp.put("alpha_first_alphabetically", 2);
        hp.put("mid_key", 3);

        String html = ReportPage.html(data(hp, List.of(), null));

        int z = html.indexOf("zeta_last_alphabetically");
        int a = html.indexOf("alpha_first_alphabetically");
        int m = html.indexOf("mid_key");
        assertThat(z).isPositive().isLessThan(a);
        assertThat(a).isLessThan(m);
    }

    @Test
    void metricsUseFourSignificantDigits() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("silhouette", 0.912345678);
        metrics.put("wssse", 25_123_456.0);
        metrics.put("tiny", 0.0000123456);
        ReportData d = new ReportData("t", "mnist-kmeans@1", Map.of(), metrics, Map.of(), List.of(), null,
                List.of(), null, null, null, null);

        String html = ReportPage.html(d);

        assertThat(html).contains(">0.9123<", ">2.512e+07<", ">1.235e-05<");
        assertThat(html).doesNotContain("0.912345678");
    }

    @Test
    void showsModelRefAndClusterSizesWithSharesAndMatchingSwatches() {
        List<long[]> sizes = List.of(new long[] {0, 300}, new long[] {1, 100});
        ReportData d = new ReportData("MNIST", "mnist-kmeans@1", Map.of(), Map.of(), Map.of(), List.of(), null,
                sizes, "clusters.png", "2024-05-01T12:00:00Z", null, null);

        String html = ReportPage.html(d);

        assertThat(html).contains("mnist-kmeans@1", "2024-05-01T12:00:00Z");
        assertThat(html).contains("75.0%", "25.0%", ">400<");
        assertThat(html).contains(String.format("background:#%06x", ClusterGallery.clusterRgb(0)));
        assertThat(html).contains(String.format("background:#%06x", ClusterGallery.clusterRgb(1)));
    }

    @Test
    void clusterSizesSectionIsLeftOutWhenThereAreNone() {
        ReportData d = new ReportData("Iris", "iris-logreg@1", Map.of(), Map.of("accuracy", 0.96), Map.of(),
                List.of(), null, List.of(), "confusion.png", null, ConfusionMatrixPicture.CAPTION, "Confusion matrix");

        String html = ReportPage.html(d);

        assertThat(html).doesNotContain("Cluster sizes", "cluster sizes", "<th>cluster</th>");
        assertThat(html).contains("<h2>Confusion matrix</h2>", "<h2>Hyperparameters</h2>");
    }

    @Test
    void givenHeadingAndCaptionReplaceTheClusterWordingAndAreEscaped() {
        ReportData d = new ReportData("PCA", "mnist-pca@2", Map.of(), Map.of(), Map.of(), List.of(), null,
                List.of(), "variance.png", null, "share <b>of</b> \"variance\"", "Explained <i>variance</i>");

        String html = ReportPage.html(d);

        assertThat(html).contains("<h2>Explained &lt;i&gt;variance&lt;/i&gt;</h2>");
        assertThat(html).containsPattern("<img [^>]*alt=\"share &lt;b&gt;of&lt;/b&gt; &quot;variance&quot;\"");
        assertThat(html).contains("<figcaption>share &lt;b&gt;of&lt;/b&gt; &quot;variance&quot;</figcaption>");
        assertThat(html).doesNotContain("<h2>Clusters</h2>", "one row per cluster", "<b>of", "<i>variance");
        // Charts have smooth lines and text; the cluster gallery's pixelated scaling would ruin them.
        assertThat(html).containsPattern("<img class=\"chart\" src=\"variance\\.png\"");
    }

    @Test
    void withoutHeadingOrCaptionThePictureIsTheClusterGallery() {
        String html = ReportPage.html(data(Map.of(), List.of(), "clusters.png"));

        assertThat(html).contains("<h2>Clusters</h2>", "<h2>Cluster sizes</h2>");
        assertThat(html).containsPattern("<img class=\"gallery\"");
        assertThat(html).contains("the coloured block matches the swatch in the cluster sizes table");
    }

    @Test
    void aMissingPictureUnderAGivenHeadingIsNotCalledAClusterGallery() {
        ReportData d = new ReportData("t", "m@1", Map.of(), Map.of(), Map.of(), List.of(), "training loss", List.of(),
                null, null, null, "Predicted vs actual");

        String html = ReportPage.html(d);

        assertThat(html).contains("<h2>Predicted vs actual</h2>", "No picture was written for this model.",
                "No training loss was recorded.");
        assertThat(html).doesNotContain("<img", "cluster gallery");
    }

    @Test
    void formatsObjectValuesReadably() {
        assertThat(ReportPage.display(null)).isEqualTo("\u2014");
        assertThat(ReportPage.display(1e-4)).isEqualTo("0.0001");
        assertThat(ReportPage.display(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(ReportPage.display(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(ReportPage.display(List.of(0.5, "x"))).isEqualTo("[0.5, x]");
        assertThat(ReportPage.display(new Object[] {null, 2L})).isEqualTo("[\u2014, 2]");
    }

    @Test
    void malformedClusterSizePairsAreRejected() {
        assertThatThrownBy(() -> new ReportData("t", "m", null, null, null, null, null,
                List.of(new long[] {1, 2, 3}), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullMapsAndListsAreTreatedAsEmpty() {
        ReportData d = new ReportData(null, null, null, null, null, null, null, null, null, null, null, null);

        String html = ReportPage.html(d);

        assertThat(html).contains("No metrics recorded.", "No hyperparameters recorded.", "No lineage recorded.");
    }

    private static ReportData data(Map<String, Object> hp, List<Double> costs, String gallery) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("wssse", 12345.678);
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("trainTable", "lake.mnist_train@v3");
        return new ReportData("MNIST K-Means", "mnist-kmeans@1", hp, metrics, lineage, costs,
                "training cost per iteration", List.of(new long[] {0, 10}), gallery, "2024-05-01T12:00:00Z", null, null);
    }

    private static List<double[]> points(String html) {
        Matcher m = POLYLINE_POINTS.matcher(html);
        if (!m.find()) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>();
        for (String p : m.group(1).trim().split("\\s+")) {
            out.add(Arrays.stream(p.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        return out;
    }
}
