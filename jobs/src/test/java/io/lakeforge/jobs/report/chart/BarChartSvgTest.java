package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class BarChartSvgTest {

  @Test
  void oneBarPerValueWithHeightsProportionalToTheValuesOnACommonBaseline() {
    double[] values = {0.4, 0.2, 0.1, 0.05};
    ParsedSvg svg =
        ParsedSvg.parse(
            BarChart.numbered("variance", "principal component", "share of variance", values)
                .svg());

    List<Element> bars = svg.all("rect", "bar");
    assertThat(bars).hasSize(values.length);
    double perUnit = ParsedSvg.num(bars.get(0), "height") / values[0];
    for (int i = 0; i < values.length; i++) {
      Element bar = bars.get(i);
      assertThat(ParsedSvg.num(bar, "height"))
          .as("bar %d", i)
          .isCloseTo(values[i] * perUnit, within(0.15));
      assertThat(ParsedSvg.num(bar, "y") + ParsedSvg.num(bar, "height"))
          .isCloseTo(
              ParsedSvg.num(bars.get(0), "y") + ParsedSvg.num(bars.get(0), "height"), within(0.15));
      if (i > 0) {
        assertThat(ParsedSvg.num(bar, "x")).isGreaterThan(ParsedSvg.num(bars.get(i - 1), "x"));
      }
    }
    assertThat(ParsedSvg.tooltip(bars.get(1))).isEqualTo("2: 0.2");
    assertThat(svg.inGroup("categories", "text"))
        .extracting(Element::getTextContent)
        .containsExactly("1", "2", "3", "4");
    assertThat(svg.texts("axis-title")).contains("principal component", "share of variance");
  }

  @Test
  void valueTicksStartAtZeroAndReachTheLargestBar() {
    ParsedSvg svg =
        ParsedSvg.parse(BarChart.numbered("v", "c", "v", new double[] {7, 23, 11}).svg());

    List<Double> ticks =
        svg.ticks("y-axis").stream().map(t -> Double.parseDouble(t.getTextContent())).toList();
    assertThat(ticks.get(0)).isZero();
    assertThat(ticks.get(ticks.size() - 1)).isGreaterThanOrEqualTo(23);
    assertThat(ticks).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0);
  }

  @Test
  void negativeValuesHangBelowTheZeroLine() {
    ParsedSvg svg =
        ParsedSvg.parse(BarChart.numbered("coef", "feature", "weight", new double[] {2, -1}).svg());

    List<Element> bars = svg.all("rect", "bar");
    double upBottom = ParsedSvg.num(bars.get(0), "y") + ParsedSvg.num(bars.get(0), "height");
    assertThat(ParsedSvg.num(bars.get(1), "y")).isCloseTo(upBottom, within(0.15));
    assertThat(ParsedSvg.num(bars.get(1), "height"))
        .isCloseTo(ParsedSvg.num(bars.get(0), "height") / 2, within(0.15));
  }

  @Test
  void horizontalBarsPutLongLabelsAtTheLeftAndTheFirstBarAtTheTop() {
    List<String> names = List.of("petal_length_cm", "petal_width_cm", "sepal_length_cm");
    ParsedSvg svg =
        ParsedSvg.parse(
            BarChart.horizontal(
                    "importance", "feature", "importance", names, new double[] {0.6, 0.3, 0.1})
                .svg());

    List<Element> bars = svg.all("rect", "bar");
    assertThat(bars).hasSize(3);
    assertThat(ParsedSvg.num(bars.get(0), "width"))
        .isCloseTo(2 * ParsedSvg.num(bars.get(1), "width"), within(0.2));
    assertThat(ParsedSvg.num(bars.get(0), "y")).isLessThan(ParsedSvg.num(bars.get(1), "y"));
    List<Element> labels =
        svg.inGroup("categories", "text").stream()
            .filter(t -> t.getAttribute("class").equals("tick"))
            .toList();
    assertThat(labels).extracting(Element::getTextContent).containsExactlyElementsOf(names);
    assertThat(labels)
        .allSatisfy(
            l ->
                assertThat(ParsedSvg.num(l, "x"))
                    .isLessThanOrEqualTo(ParsedSvg.num(bars.get(0), "x")));
    assertThat(svg.texts("value")).containsExactly("0.6", "0.3", "0.1");
  }

  @Test
  void aReferenceLineSitsAtItsValueWithItsLabel() {
    BarChart chart =
        BarChart.numbered("v", "c", "v", new double[] {0.2, 0.4})
            .withReferenceLine(new ReferenceLine(0.2, "target"));

    ParsedSvg svg = ParsedSvg.parse(chart.svg());

    Element line = svg.all("line", "reference").get(0);
    Element first = svg.all("rect", "bar").get(0);
    assertThat(ParsedSvg.num(line, "y1")).isCloseTo(ParsedSvg.num(first, "y"), within(0.15));
    assertThat(svg.texts("reference-label")).containsExactly("target");
  }

  @Test
  void manyBarsLabelOnlyEveryFewSoLabelsNeverTouch() {
    double[] values = new double[200];
    java.util.Arrays.fill(values, 1);

    ParsedSvg svg = ParsedSvg.parse(BarChart.numbered("v", "c", "v", values).svg());

    assertThat(svg.all("rect", "bar")).hasSize(200);
    List<Element> labels = svg.inGroup("categories", "text");
    assertThat(labels.size()).isBetween(5, 40);
    for (int i = 1; i < labels.size(); i++) {
      assertThat(ParsedSvg.num(labels.get(i), "x") - ParsedSvg.num(labels.get(i - 1), "x"))
          .isGreaterThan(3 * Frame.CHAR);
    }
    assertThat(svg.width()).isLessThanOrEqualTo(BarChartSvg.MAX_WIDTH);
  }

  @Test
  void nonFiniteValuesGetNoBarAndANote() {
    ParsedSvg svg =
        ParsedSvg.parse(BarChart.numbered("v", "c", "v", new double[] {1, Double.NaN, 2}).svg());

    assertThat(svg.all("rect", "bar")).hasSize(2);
    assertThat(svg.texts("note")).containsExactly("1 non-finite values not drawn");
  }

  @Test
  void labelsAreEscapedAndMustMatchTheValues() {
    String raw =
        BarChart.vertical("t", "c", "v", List.of("<img src=x onerror=alert(1)>"), new double[] {1})
            .svg();

    assertThat(raw).doesNotContain("<img");
    assertThat(ParsedSvg.parse(raw).inGroup("categories", "text").get(0).getTextContent())
        .startsWith("<img");
    assertThatThrownBy(() -> BarChart.vertical("t", "c", "v", List.of("a"), new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 labels but 2 values");
  }
}
