package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HeatmapSvgTest {

  private static final List<String> PENGUINS = List.of("Adelie", "Chinstrap", "Gentoo");
  private static final long[][] COUNTS = {{140, 6, 2}, {9, 58, 1}, {0, 1, 123}};

  @Test
  void aConfusionMatrixHasNByNCellsInRowOrderWithItsCounts() {
    ParsedSvg svg = ParsedSvg.parse(Heatmap.confusionMatrix(PENGUINS, COUNTS).svg());

    List<Element> cells = svg.all("rect", "cell");
    assertThat(cells).hasSize(9);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        Element cell = cells.get(r * 3 + c);
        assertThat(ParsedSvg.tooltip(cell))
            .startsWith(
                "actual "
                    + PENGUINS.get(r)
                    + ", predicted "
                    + PENGUINS.get(c)
                    + ": "
                    + COUNTS[r][c]);
        if (c > 0) {
          assertThat(ParsedSvg.num(cell, "x"))
              .isGreaterThan(ParsedSvg.num(cells.get(r * 3 + c - 1), "x"));
        }
        if (r > 0) {
          assertThat(ParsedSvg.num(cell, "y"))
              .isGreaterThan(ParsedSvg.num(cells.get((r - 1) * 3 + c), "y"));
        }
      }
    }
    assertThat(svg.texts("value"))
        .containsExactly("140", "6", "2", "9", "58", "1", "0", "1", "123");
    assertThat(svg.inGroup("row-labels", "text"))
        .extracting(Element::getTextContent)
        .containsExactlyElementsOf(PENGUINS);
    assertThat(svg.inGroup("column-labels", "text"))
        .extracting(Element::getTextContent)
        .containsExactlyElementsOf(PENGUINS);
    assertThat(svg.texts("axis-title")).containsExactly("actual", "predicted");
  }

  @Test
  void rowShareShadingIsDarkerForALargerShareOfTheRowAndLeavesEmptyCellsWhite() {
    long[][] counts = {{90, 10}, {1, 1}};
    List<Element> cells =
        ParsedSvg.parse(Heatmap.confusionMatrix(List.of("a", "b"), counts).svg())
            .all("rect", "cell");

    // 90% of row 0 is darker than 10% of it, and 50% of the tiny row 1 sits in between.
    double dark = luminance(cells.get(0));
    double light = luminance(cells.get(1));
    double half = luminance(cells.get(2));
    assertThat(dark).isLessThan(half);
    assertThat(half).isLessThan(light);
    assertThat(cells.get(2).getAttribute("fill")).isEqualTo(cells.get(3).getAttribute("fill"));

    List<Element> withZero =
        ParsedSvg.parse(
                Heatmap.confusionMatrix(List.of("a", "b"), new long[][] {{5, 0}, {0, 5}}).svg())
            .all("rect", "cell");
    assertThat(withZero.get(1).getAttribute("fill")).isEqualTo("#ffffff");
    assertThat(withZero.get(0).getAttribute("fill")).isNotEqualTo("#ffffff");
  }

  @Test
  void columnShadingComparesRowsWithinEachFeatureWhateverItsScale() {
    // Column 0 spans 0..1, column 1 spans 1000..3000: both extremes reach the ends of the ramp.
    double[][] centers = {{0.0, 3000.0}, {1.0, 1000.0}};
    Heatmap h =
        new Heatmap(
            "centers",
            "cluster",
            "feature",
            List.of("0", "1"),
            List.of("a", "b"),
            centers,
            Heatmap.Shading.COLUMN);

    List<Element> cells = ParsedSvg.parse(h.svg()).all("rect", "cell");

    assertThat(cells.get(0).getAttribute("fill")).isEqualTo(cells.get(3).getAttribute("fill"));
    assertThat(cells.get(1).getAttribute("fill")).isEqualTo(cells.get(2).getAttribute("fill"));
    assertThat(cells.get(0).getAttribute("fill")).isNotEqualTo(cells.get(1).getAttribute("fill"));
  }

  @Test
  void nanCellsAreGreyAndSayWhatTheyHold() {
    Heatmap h =
        new Heatmap(
            "m",
            "r",
            "c",
            List.of("x"),
            List.of("p", "q"),
            new double[][] {{Double.NaN, 1}},
            Heatmap.Shading.ALL);

    Element nan = ParsedSvg.parse(h.svg()).all("rect", "cell").get(0);

    assertThat(nan.getAttribute("fill")).isEqualTo(Palette.MISSING);
    assertThat(ParsedSvg.tooltip(nan)).endsWith(": NaN");
  }

  @Test
  void classNamesWithMarkupAreEscapedAndLongOnesShortened() {
    List<String> names =
        List.of("<script>alert(1)</script>", "a very long class name that goes on and on");
    String raw = Heatmap.confusionMatrix(names, new long[][] {{1, 0}, {0, 1}}).svg();

    assertThat(raw).doesNotContain("<script");
    ParsedSvg svg = ParsedSvg.parse(raw);
    List<String> rowLabels =
        svg.inGroup("row-labels", "text").stream().map(Element::getTextContent).toList();
    assertThat(rowLabels.get(0)).startsWith("<script>");
    assertThat(rowLabels.get(1))
        .hasSizeLessThanOrEqualTo(HeatmapSvg.MAX_LABEL_CHARS)
        .endsWith("\u2026");
    assertThat(ParsedSvg.tooltip(svg.all("rect", "cell").get(3)))
        .contains("a very long class name that goes on and on");
  }

  @Test
  void fiftyClassesStayReadableWithThinnedLabelsAndNoCrampedNumbers() {
    int n = 50;
    long[][] counts = new long[n][n];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      counts[i][i] = 1000 + i;
      counts[i][(i + 1) % n] = 7;
      names.add("class " + i);
    }

    ParsedSvg svg = ParsedSvg.parse(Heatmap.confusionMatrix(names, counts).svg());

    assertThat(svg.all("rect", "cell")).hasSize(n * n);
    assertThat(svg.texts("value")).isEmpty();
    int shown = svg.inGroup("row-labels", "text").size();
    assertThat(shown).isBetween(5, n);
    assertThat(svg.width()).isLessThanOrEqualTo(800);
    assertThat(svg.height()).isLessThanOrEqualTo(800);
  }

  @Test
  void badShapesAreRejectedWithTheRowThatIsWrong() {
    assertThatThrownBy(() -> Heatmap.confusionMatrix(List.of("a", "b"), new long[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 has 1 entries, expected 2");
    assertThatThrownBy(() -> Heatmap.confusionMatrix(List.of("a"), new long[][] {{1, 2}, {3, 4}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 rows of values but 1 row labels");
    assertThatThrownBy(
            () ->
                new Heatmap(
                    "t",
                    "r",
                    "c",
                    List.of("a"),
                    List.of("b"),
                    new double[][] {{-1}},
                    Heatmap.Shading.ROW_SHARE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cell [0][0] is -1.0");
  }

  private static double luminance(Element cell) {
    int rgb = Integer.parseInt(cell.getAttribute("fill").substring(1), 16);
    return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
  }
}
