package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.jobs.report.chart.BarChart;
import io.lakeforge.jobs.report.chart.Heatmap;
import io.lakeforge.jobs.report.chart.ScatterPlot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportPageTest {

  private static final Pattern SVG = Pattern.compile("<svg[\\s\\S]*?</svg>");
  private static final Pattern POLYLINE_POINTS = Pattern.compile("<polyline points=\"([^\"]*)\"");
  private static final String COST_LABEL = "training cost per iteration";

  @Test
  void escapesAScriptInAHyperparameterValueAndMarkupInKeys() {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("initMode", "<script>alert('x')</script>");
    hp.put("a<b", "Tom & \"Jerry\"");

    String html = ReportPage.html(page().hyperparameters(hp).build());

    assertThat(html).doesNotContain("<script", "a<b");
    assertThat(html)
        .contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            "a&lt;b",
            "Tom &amp; &quot;Jerry&quot;");
  }

  @Test
  void escapesAScriptInAConfusionMatrixClassName() {
    Figure matrix =
        Figure.chart(
            "Confusion matrix",
            "rows are actual",
            Heatmap.confusionMatrix(
                List.of("Adelie", "<script>alert(1)</script>"), new long[][] {{5, 1}, {0, 4}}));

    String html = ReportPage.html(page().figures(List.of(matrix)).build());

    assertThat(html)
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Adelie");
  }

  @Test
  void escapesTitleMetricNamesLineageAndFigureText() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("<b>acc</b>", 0.5);
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("source", "s3a://lake/mnist?<img src=x onerror=alert(1)>");
    List<Figure> figures =
        List.of(
            Figure.unavailable("<i>Scatter</i>", "no <u>labels</u>"),
            Figure.png("Gallery", "caption \"quoted\" <em>", "g.png"));

    String html =
        ReportPage.html(
            page()
                .title("<i>Report</i>")
                .metrics(metrics)
                .lineage(lineage)
                .figures(figures)
                .build());

    assertThat(html)
        .doesNotContain("<i>Report", "<b>acc", "<img src=x", "<i>Scatter", "<u>labels", "<em>");
    assertThat(html)
        .contains(
            "<title>&lt;i&gt;Report&lt;/i&gt;</title>",
            "<h1>&lt;i&gt;Report&lt;/i&gt;</h1>",
            "&lt;b&gt;acc&lt;/b&gt;",
            "&lt;img src",
            "<h2>&lt;i&gt;Scatter&lt;/i&gt;</h2>",
            "alt=\"caption &quot;quoted&quot; &lt;em&gt;\"");
  }

  @Test
  void theTemplatesWriteNothingUnescapedButTheTrustedSvg() throws IOException {
    String page = resource("report.mustache");
    String figure = resource("figure.mustache");

    assertThat(page).doesNotContain("{{{", "{{&");
    assertThat(figure).doesNotContain("{{&");
    assertThat(
            Pattern.compile("\\{\\{\\{([^}]*)}}}")
                .matcher(figure)
                .results()
                .map(m -> m.group(1))
                .toList())
        .containsExactly("trustedSvg");
  }

  @Test
  void chartFiguresAreInlinedAsWellFormedSvgUnderTheirHeadingAndCaption() throws Exception {
    List<Figure> figures =
        List.of(
            Figure.chart(
                "Explained variance",
                "share per component",
                BarChart.numbered("variance", "component", "share", new double[] {0.5, 0.3})),
            Figure.chart(
                "Predicted vs actual",
                "on the diagonal is exact",
                ScatterPlot.predictedVsActual(new double[] {1, 2, 3}, new double[] {1, 2, 4})));

    String html = ReportPage.html(page().figures(figures).build());

    List<String> svgs =
        SVG.matcher(html).results().map(java.util.regex.MatchResult::group).toList();
    assertThat(svgs).hasSize(2);
    for (String svg : svgs) {
      Document doc = parseXml(svg);
      assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    }
    assertThat(html).containsPattern("<h2>Explained variance</h2>\\s*<figure>\\s*<svg");
    assertThat(html)
        .contains(
            "<figcaption>share per component</figcaption>",
            "<figcaption>on the diagonal is exact</figcaption>");
    assertThat(html.indexOf("Explained variance")).isLessThan(html.indexOf("Predicted vs actual"));
    assertThat(html).doesNotContain("<img");
  }

  @Test
  void pngFiguresAreReferencedRelativeToThePageWithAltTextAndCaption() {
    String html =
        ReportPage.html(
            page()
                .figures(List.of(Figure.png("Clusters", "one row per cluster", "clusters.png")))
                .build());

    assertThat(html)
        .containsPattern(
            "<img class=\"picture\" src=\"clusters\\.png\" alt=\"one row per cluster\">");
    assertThat(html).contains("<h2>Clusters</h2>", "<figcaption>one row per cluster</figcaption>");
  }

  @Test
  void pngFileNamesCannotBreakOutOfTheAttributeOrBecomeAScheme() {
    String html =
        ReportPage.html(
            page()
                .figures(List.of(Figure.png("Clusters", "c", "javascript:alert(\"1\") x.png")))
                .build());

    assertThat(html).contains("src=\"javascript%3Aalert%28%221%22%29%20x.png\"");
  }

  @Test
  void anUnavailableFigureShowsItsReasonAndNoPicture() {
    String html =
        ReportPage.html(
            page()
                .figures(
                    List.of(
                        Figure.unavailable("Predicted vs actual", "No labels in the scored rows.")))
                .build());

    assertThat(html)
        .contains(
            "<h2>Predicted vs actual</h2>", "<p class=\"none\">No labels in the scored rows.</p>");
    assertThat(html).doesNotContain("<img", "<figure>");
  }

  @Test
  void theTrainingCostIsALineWithOnePointPerRecordedCost() {
    List<Double> costs = List.of(950.0, 400.0, 310.5, 305.25, 305.0);

    String html = ReportPage.html(page().costCurve(costs).build());

    assertThat(html).containsPattern("<h2>Training cost</h2>\\s*<figure>\\s*<svg");
    assertThat(html).contains("<figcaption>" + COST_LABEL + "</figcaption>");
    Matcher m = POLYLINE_POINTS.matcher(html);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1).trim().split("\\s+")).hasSize(costs.size());
  }

  @Test
  void theCostCurvesXAxisFollowsTheTrainersUnit() {
    assertThat(ReportPage.costChart(List.of(1.0), "mean training loss per epoch").x().title())
        .isEqualTo("epoch");
    assertThat(ReportPage.costChart(List.of(1.0), "mean training loss per epoch").y().title())
        .isEqualTo("loss");
    assertThat(ReportPage.costChart(List.of(1.0), "cost per Lloyd iteration").x().title())
        .isEqualTo("iteration");
  }

  @Test
  void anEmptyCostCurveGivesANoteInsteadOfAChart() {
    String html = ReportPage.html(page().costCurve(List.of()).build());

    assertThat(html).doesNotContain("<svg", "<polyline");
    assertThat(html).contains("<h2>Training cost</h2>", "No " + COST_LABEL + " was recorded.");
  }

  @Test
  void pageIsSelfContained() {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("k", 10);
    String html =
        ReportPage.html(
            page()
                .hyperparameters(hp)
                .costCurve(List.of(3.0, 2.0))
                .figures(
                    List.of(
                        Figure.png("Clusters", "c", "clusters.png"),
                        Figure.chart("B", "b", BarChart.numbered("b", "c", "v", new double[] {1}))))
                .build());

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html)
        .doesNotContain(
            "<script",
            "<link",
            "@import",
            "src=\"http",
            "href=\"http",
            "url(",
            "xlink:href",
            "onload",
            "onclick");
  }

  @Test
  void pageStylesDoNotReachIntoTheCharts() {
    // Page CSS applies inside inline SVG: a rule for .bar once squashed every bar to 0.7em.
    String html = ReportPage.html(page().build());
    String css = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));

    for (String chartClass :
        List.of(
            ".bar",
            ".cell",
            ".tick",
            ".note",
            ".value",
            ".label",
            ".points",
            ".series",
            ".reference",
            ".identity")) {
      assertThat(css).doesNotContain(chartClass + "{", chartClass + ",", chartClass + " ");
    }
  }

  @Test
  void tablesKeepTheCallersOrder() {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("zeta_last_alphabetically", 1);
    hp.put("alpha_first_alphabetically", 2);
    hp.put("mid_key", 3);

    String html = ReportPage.html(page().hyperparameters(hp).build());

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
    metrics.put("missing", null);

    String html = ReportPage.html(page().metrics(metrics).build());

    assertThat(html).contains(">0.9123<", ">2.512e+07<", ">1.235e-05<", ">\u2014<");
    assertThat(html).doesNotContain("0.912345678");
  }

  @Test
  void showsModelRefGenerationTimeAndClusterSizesWithSharesAndMatchingSwatches() {
    String html =
        ReportPage.html(
            page().clusterSizes(List.of(new ClusterSize(0, 300), new ClusterSize(1, 100))).build());

    assertThat(html).contains("<code>mnist-kmeans@1</code>", "generated 2024-05-01T12:00:00Z");
    assertThat(html).contains("<h2>Cluster sizes</h2>", "75.0%", "25.0%", ">400<");
    assertThat(html)
        .contains(
            String.format("background:#%06x", ClusterGallery.clusterRgb(0)),
            String.format("background:#%06x", ClusterGallery.clusterRgb(1)));
    assertThat(html).contains("style=\"width:8.00em\"", "style=\"width:2.67em\"");
  }

  @Test
  void theClusterSizesSectionIsLeftOutWhenThereAreNone() {
    String html = ReportPage.html(page().clusterSizes(List.of()).build());

    assertThat(html).doesNotContain("Cluster sizes", "<th>cluster</th>");
    assertThat(html).contains("<h2>Hyperparameters</h2>", "<h2>Lineage</h2>");
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
  void nullsAreEmptySectionsAndABlankTitleGetsTheDefault() {
    ReportData d = new ReportData(null, null, null, null, null, null, null, null, null, null);

    String html = ReportPage.html(d);

    assertThat(html)
        .contains(
            "<h1>Lakeforge model report</h1>",
            "(unregistered)",
            "No metrics recorded.",
            "No hyperparameters recorded.",
            "No lineage recorded.",
            "No training cost was recorded.");
    assertThat(html).doesNotContain("generated");
  }

  @Test
  void aFigureNeedsAHeadingAndAtMostOnePicture() {
    assertThatThrownBy(() -> Figure.unavailable(" ", "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a heading");
    assertThatThrownBy(
            () ->
                new Figure(
                    "Both", "c", BarChart.numbered("b", "c", "v", new double[] {1}), "x.png"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both a chart and a PNG (x.png)");
    assertThatThrownBy(() -> Figure.png("Gallery", "c", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a PNG file name");
  }

  @Test
  void aNegativeClusterSizeIsRejected() {
    assertThatThrownBy(() -> new ClusterSize(3, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster 3 has a negative record count: -1");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** A typical K-Means report, changed one part at a time by the tests. */
  private static Builder page() {
    return new Builder();
  }

  private static final class Builder {
    private String title = "MNIST K-Means";
    private Map<String, Double> metrics = new LinkedHashMap<>(Map.of("wssse", 12345.678));
    private List<Figure> figures = new ArrayList<>();
    private List<Double> costCurve = List.of();
    private List<ClusterSize> clusterSizes = List.of(new ClusterSize(0, 10));
    private Map<String, Object> hyperparameters = new LinkedHashMap<>();
    private Map<String, Object> lineage =
        new LinkedHashMap<>(Map.of("trainTable", "lake.mnist_train@v3"));

    Builder title(String t) {
      title = t;
      return this;
    }

    Builder metrics(Map<String, Double> m) {
      metrics = m;
      return this;
    }

    Builder figures(List<Figure> f) {
      figures = f;
      return this;
    }

    Builder costCurve(List<Double> c) {
      costCurve = c;
      return this;
    }

    Builder clusterSizes(List<ClusterSize> s) {
      clusterSizes = s;
      return this;
    }

    Builder hyperparameters(Map<String, Object> h) {
      hyperparameters = h;
      return this;
    }

    Builder lineage(Map<String, Object> l) {
      lineage = l;
      return this;
    }

    ReportData build() {
      return new ReportData(
          title,
          "mnist-kmeans@1",
          "2024-05-01T12:00:00Z",
          metrics,
          figures,
          costCurve,
          COST_LABEL,
          clusterSizes,
          hyperparameters,
          lineage);
    }
  }
}
