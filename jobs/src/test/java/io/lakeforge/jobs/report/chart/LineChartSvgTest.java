package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class LineChartSvgTest {

  @Test
  void polylineHasOnePointPerValueLeftToRightWithTheHighestValueAtTheTop() {
    ParsedSvg svg =
        ParsedSvg.parse(
            LineChart.of("cost", "iteration", "cost", List.of(950.0, 400.0, 310.5, 305.25, 305.0))
                .svg());

    List<double[]> pts = ParsedSvg.points(onlyPolyline(svg));
    assertThat(pts).hasSize(5);
    for (int i = 1; i < pts.size(); i++) {
      assertThat(pts.get(i)[0]).isGreaterThan(pts.get(i - 1)[0]);
      // SVG y grows downwards: falling costs climb down the picture.
      assertThat(pts.get(i)[1]).isGreaterThanOrEqualTo(pts.get(i - 1)[1]);
    }
    assertThat(pts)
        .allSatisfy(
            p -> {
              assertThat(p[0]).isBetween(0.0, svg.width());
              assertThat(p[1]).isBetween(0.0, svg.height());
            });
  }

  @Test
  void pointsSitWhereTheTicksSayTheirValuesAre() {
    ParsedSvg svg =
        ParsedSvg.parse(LineChart.of("c", "iteration", "cost", List.of(0.0, 10.0, 20.0)).svg());

    List<double[]> pts = ParsedSvg.points(onlyPolyline(svg));
    // The y tick labelled "10" is at the same height as the middle point.
    Element tick10 =
        svg.ticks("y-axis").stream()
            .filter(t -> t.getTextContent().equals("10"))
            .findFirst()
            .orElseThrow();
    assertThat(ParsedSvg.num(tick10, "y") - 4).isCloseTo(pts.get(1)[1], within(0.11));
    // Equal steps in value are equal steps in pixels.
    assertThat(pts.get(1)[1] - pts.get(0)[1]).isCloseTo(pts.get(2)[1] - pts.get(1)[1], within(0.2));
  }

  @Test
  void yTicksAreRoundNumbersSpanningTheValues() {
    ParsedSvg svg =
        ParsedSvg.parse(
            LineChart.of("c", "iteration", "cost", List.of(25_123_456.0, 1234.5, 1300.0)).svg());

    List<Double> ticks =
        svg.ticks("y-axis").stream().map(t -> Double.parseDouble(t.getTextContent())).toList();
    assertThat(ticks.get(0)).isLessThanOrEqualTo(1234.5);
    assertThat(ticks.get(ticks.size() - 1)).isGreaterThanOrEqualTo(25_123_456.0);
    assertThat(svg.texts("tick")).contains("0", "1e+07", "2e+07", "3e+07");
  }

  @Test
  void iterationTicksAreWholeNumbers() {
    ParsedSvg svg =
        ParsedSvg.parse(LineChart.of("c", "iteration", "cost", List.of(3.0, 2.0, 1.5)).svg());

    assertThat(svg.ticks("x-axis"))
        .extracting(Element::getTextContent)
        .allSatisfy(t -> assertThat(t).matches("-?\\d+"));
  }

  @Test
  void nonFiniteAndNullValuesAreLeftOutAndCountedInANote() {
    ParsedSvg svg =
        ParsedSvg.parse(
            LineChart.of(
                    "c",
                    "epoch",
                    "loss",
                    Arrays.asList(10.0, Double.NaN, 5.0, Double.POSITIVE_INFINITY, null, 4.0))
                .svg());

    assertThat(ParsedSvg.points(onlyPolyline(svg))).hasSize(3);
    assertThat(svg.texts("note")).containsExactly("3 non-finite values not drawn");
  }

  @Test
  void noValuesGiveAxesAndANoteButNoLine() {
    ParsedSvg svg = ParsedSvg.parse(LineChart.of("c", "iteration", "cost", List.of()).svg());

    assertThat(svg.all("polyline")).isEmpty();
    assertThat(svg.texts("note")).containsExactly("no values to draw");
    assertThat(svg.texts("tick")).isNotEmpty();
  }

  @Test
  void aFlatOrSingleValueCurveSitsInsideThePlotNotOnAnEdge() {
    ParsedSvg single = ParsedSvg.parse(LineChart.of("c", "iteration", "cost", List.of(5.0)).svg());
    assertThat(ParsedSvg.points(onlyPolyline(single))).hasSize(1);

    ParsedSvg flat =
        ParsedSvg.parse(LineChart.of("c", "iteration", "cost", List.of(3.0, 3.0, 3.0)).svg());
    List<double[]> pts = ParsedSvg.points(onlyPolyline(flat));
    assertThat(pts).extracting(p -> p[1]).containsOnly(pts.get(0)[1]);
    double top =
        flat.all("line").stream().mapToDouble(l -> ParsedSvg.num(l, "y1")).min().orElseThrow();
    double bottom =
        flat.all("line").stream().mapToDouble(l -> ParsedSvg.num(l, "y2")).max().orElseThrow();
    assertThat(pts.get(0)[1]).isStrictlyBetween(top + 10, bottom - 10);
  }

  @Test
  void shortSeriesGetPointMarkersLongOnesOnlyTheLine() {
    ParsedSvg few = ParsedSvg.parse(LineChart.of("c", "i", "c", List.of(3.0, 2.0, 1.0)).svg());
    assertThat(few.inGroup("series", "circle")).hasSize(3);

    Double[] many = new Double[500];
    Arrays.setAll(many, i -> 1.0 / (i + 1));
    ParsedSvg dense = ParsedSvg.parse(LineChart.of("c", "i", "c", List.of(many)).svg());
    assertThat(dense.inGroup("series", "circle")).isEmpty();
    assertThat(ParsedSvg.points(onlyPolyline(dense))).hasSize(500);
  }

  @Test
  void severalSeriesGetALegendAndOneColourEach() {
    double[] trial = {1, 2, 3, 4};
    LineChart chart =
        new LineChart(
            "tuning",
            Axis.linear("trial"),
            Axis.linear("objective"),
            List.of(
                new LineChart.Series("objective", trial, new double[] {0.5, 0.7, 0.6, 0.8}),
                new LineChart.Series("best so far", trial, new double[] {0.5, 0.7, 0.7, 0.8})));

    ParsedSvg svg = ParsedSvg.parse(chart.svg());

    assertThat(svg.all("polyline")).hasSize(2);
    assertThat(svg.all("g", "series"))
        .extracting(g -> g.getAttribute("stroke"))
        .doesNotHaveDuplicates();
    assertThat(svg.inGroup("legend", "text"))
        .extracting(Element::getTextContent)
        .containsExactly("objective", "best so far");
  }

  @Test
  void aLogXAxisSpacesDecadesEquallyAndLeavesOutNonPositiveValues() {
    LineChart chart =
        new LineChart(
            "lr",
            Axis.log("learning rate"),
            Axis.linear("loss"),
            List.of(
                new LineChart.Series(
                    "", new double[] {0.001, 0.01, 0.1, 0, -1}, new double[] {3, 2, 1, 1, 1})));

    ParsedSvg svg = ParsedSvg.parse(chart.svg());

    List<double[]> pts = ParsedSvg.points(onlyPolyline(svg));
    assertThat(pts).hasSize(3);
    assertThat(pts.get(1)[0] - pts.get(0)[0]).isCloseTo(pts.get(2)[0] - pts.get(1)[0], within(0.2));
    assertThat(svg.texts("note")).singleElement().asString().startsWith("2 values not drawn");
  }

  @Test
  void titlesAndSeriesNamesAreEscaped() {
    LineChart chart =
        new LineChart(
            "<script>alert(1)</script>",
            Axis.linear("a & b"),
            Axis.linear("\"y\""),
            List.of(
                new LineChart.Series("<b>one</b>", new double[] {1}, new double[] {1}),
                new LineChart.Series("two\u0000", new double[] {2}, new double[] {2})));

    String raw = chart.svg();
    ParsedSvg svg = ParsedSvg.parse(raw);

    assertThat(raw).doesNotContain("<script", "<b>");
    assertThat(svg.root.getAttribute("aria-label")).isEqualTo("<script>alert(1)</script>");
    assertThat(svg.allTexts()).contains("a & b", "\"y\"", "<b>one</b>", "two\uFFFD");
  }

  @Test
  void mismatchedSeriesLengthsAreRejected() {
    assertThatThrownBy(() -> new LineChart.Series("cost", new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 'cost' has 2 x values but 3 y values");
  }

  private static Element onlyPolyline(ParsedSvg svg) {
    assertThat(svg.all("polyline")).hasSize(1);
    return svg.all("polyline").get(0);
  }
}
