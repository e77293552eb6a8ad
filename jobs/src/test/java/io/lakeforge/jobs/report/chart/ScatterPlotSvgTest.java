package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ScatterPlotSvgTest {

  @Test
  void oneCirclePerPointAndADiagonalFromCornerToCornerOfASquarePlot() {
    double[] actual = {1, 2, 3, 4};
    double[] predicted = {1.5, 1.8, 3.3, 3.9};

    ParsedSvg svg = ParsedSvg.parse(ScatterPlot.predictedVsActual(actual, predicted).svg());

    List<Element> points = svg.inGroup("points", "circle");
    assertThat(points).hasSize(4);
    Element diagonal = svg.all("line", "identity").get(0);
    double x1 = ParsedSvg.num(diagonal, "x1");
    double y1 = ParsedSvg.num(diagonal, "y1");
    double x2 = ParsedSvg.num(diagonal, "x2");
    double y2 = ParsedSvg.num(diagonal, "y2");
    assertThat(x2 - x1).isCloseTo(y1 - y2, within(0.2));
    // A point with predicted == actual would lie on the diagonal; (4, 3.9) lies just under it.
    Element last = points.get(3);
    double t = (ParsedSvg.num(last, "cx") - x1) / (x2 - x1);
    assertThat(ParsedSvg.num(last, "cy")).isGreaterThan(y1 + t * (y2 - y1));
    assertThat(svg.texts("axis-title")).containsExactly("predicted", "actual");
  }

  @Test
  void bothAxesOfAPredictedVsActualPlotShareTheirTicks() {
    ParsedSvg svg =
        ParsedSvg.parse(
            ScatterPlot.predictedVsActual(new double[] {0, 10}, new double[] {40, 50}).svg());

    List<String> x = svg.ticks("x-axis").stream().map(Element::getTextContent).toList();
    List<String> y = svg.ticks("y-axis").stream().map(Element::getTextContent).toList();
    assertThat(x).isEqualTo(y).contains("0", "50");
  }

  @Test
  void fiveThousandPointsAreAllDrawnSmallAndTranslucentInAModestDocument() {
    Random rnd = new Random(1);
    int n = 5_000;
    double[] a = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextGaussian() * 10;
      p[i] = a[i] + rnd.nextGaussian();
    }

    String raw = ScatterPlot.predictedVsActual(a, p).svg();
    ParsedSvg svg = ParsedSvg.parse(raw);

    assertThat(svg.inGroup("points", "circle")).hasSize(n);
    assertThat(Double.parseDouble(svg.all("g", "points").get(0).getAttribute("fill-opacity")))
        .isLessThan(0.5);
    assertThat(raw.length()).isLessThan(60 * n);
    assertThat(svg.texts("note")).isEmpty();
  }

  @Test
  void beyondTheLimitAnEvenlySpacedSubsetIsDrawnAndSaidSo() {
    int n = ScatterPlot.MAX_POINTS * 3;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i;
      ys[i] = i;
    }

    ParsedSvg svg =
        ParsedSvg.parse(
            new ScatterPlot("t", Axis.linear("x"), Axis.linear("y"), xs, ys, false).svg());

    List<Element> points = svg.inGroup("points", "circle");
    assertThat(points).hasSize(ScatterPlot.MAX_POINTS);
    // Every third point: the drawn x positions are evenly spaced over the whole range.
    double first = ParsedSvg.num(points.get(0), "cx");
    double last = ParsedSvg.num(points.get(points.size() - 1), "cx");
    double right =
        svg.inGroup("x-axis", "line").stream()
            .mapToDouble(l -> ParsedSvg.num(l, "x2"))
            .max()
            .orElseThrow();
    assertThat(last - first).isGreaterThan(0.9 * (right - first));
    assertThat(svg.texts("note")).containsExactly("10,000 of 30,000 points shown");
  }

  @Test
  void pairsTheAxesCannotShowAreLeftOutAndCounted() {
    ScatterPlot p =
        new ScatterPlot(
            "t",
            Axis.log("learning rate"),
            Axis.linear("objective"),
            new double[] {1e-4, 1e-3, 0, 1e-2, Double.NaN},
            new double[] {0.5, 0.6, 0.7, Double.POSITIVE_INFINITY, 0.1},
            false);

    ParsedSvg svg = ParsedSvg.parse(p.svg());

    assertThat(svg.inGroup("points", "circle")).hasSize(2);
    assertThat(svg.texts("note")).singleElement().asString().startsWith("3 not drawn");
    assertThat(svg.all("line", "identity")).isEmpty();
    assertThat(svg.ticks("x-axis")).extracting(Element::getTextContent).contains("0.0001", "0.001");
  }

  @Test
  void noPointsStillGiveAValidChartWithANote() {
    ParsedSvg svg =
        ParsedSvg.parse(ScatterPlot.predictedVsActual(new double[0], new double[0]).svg());

    assertThat(svg.inGroup("points", "circle")).isEmpty();
    assertThat(svg.texts("note")).containsExactly("no values to draw");
  }

  @Test
  void unpairedValuesAndAMixedScaleDiagonalAreRejected() {
    assertThatThrownBy(() -> ScatterPlot.predictedVsActual(new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x values but 3 y values");
    assertThatThrownBy(
            () ->
                new ScatterPlot(
                    "t", Axis.log("x"), Axis.linear("y"), new double[1], new double[1], true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x is log, y is linear");
  }
}
