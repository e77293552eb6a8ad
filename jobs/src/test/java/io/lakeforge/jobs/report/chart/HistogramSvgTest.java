package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HistogramSvgTest {

  @Test
  void binsAdjoinAndTheirHeightsFollowTheCounts() {
    Histogram h =
        new Histogram(
            "scores",
            Axis.linear("score"),
            "records",
            new double[] {0, 0.25, 0.5, 0.75, 1},
            new double[] {10, 40, 20, 0},
            List.of());

    ParsedSvg svg = ParsedSvg.parse(h.svg());

    List<Element> bars = svg.all("rect", "bar");
    assertThat(bars).hasSize(4);
    for (int i = 1; i < bars.size(); i++) {
      Element prev = bars.get(i - 1);
      assertThat(ParsedSvg.num(bars.get(i), "x"))
          .isCloseTo(ParsedSvg.num(prev, "x") + ParsedSvg.num(prev, "width"), within(0.15));
    }
    assertThat(ParsedSvg.num(bars.get(1), "height"))
        .isCloseTo(4 * ParsedSvg.num(bars.get(0), "height"), within(0.3));
    assertThat(ParsedSvg.num(bars.get(3), "height")).isZero();
    assertThat(ParsedSvg.tooltip(bars.get(1))).isEqualTo("0.25 to 0.5: 40");
  }

  @Test
  void aThresholdMarkerIsAVerticalLineAtItsValue() {
    Histogram h =
        Histogram.of("scores", "score", "records", new double[] {0.1, 0.2, 0.9, 0.95}, 4)
            .withMarker(new ReferenceLine(0.5, "threshold 0.5"));

    ParsedSvg svg = ParsedSvg.parse(h.svg());

    Element marker = svg.all("line", "reference").get(0);
    assertThat(ParsedSvg.num(marker, "x1")).isEqualTo(ParsedSvg.num(marker, "x2"));
    // Halfway between the ticks at 0.4 and 0.6.
    double x04 = ParsedSvg.num(tick(svg, "0.4"), "x");
    double x06 = ParsedSvg.num(tick(svg, "0.6"), "x");
    assertThat(ParsedSvg.num(marker, "x1")).isCloseTo((x04 + x06) / 2, within(0.15));
    assertThat(svg.texts("reference-label")).containsExactly("threshold 0.5");
  }

  private static Element tick(ParsedSvg svg, String label) {
    return svg.ticks("x-axis").stream()
        .filter(t -> t.getTextContent().equals(label))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ofCountsEveryFiniteValueOnceIncludingTheMaximum() {
    Histogram h = Histogram.of("t", "x", "n", new double[] {0, 1, 2, 3, 4, Double.NaN, 4}, 4);

    assertThat(h.counts()).containsExactly(1, 1, 1, 3);
    assertThat(h.edges()).containsExactly(0, 1, 2, 3, 4);
    assertThat(Histogram.of("t", "x", "n", new double[] {7, 7}, 2).counts()).containsExactly(0, 2);
  }

  @Test
  void edgesMustAscendAndMatchTheBins() {
    assertThatThrownBy(
            () ->
                new Histogram(
                    "t", Axis.linear("x"), "n", new double[] {0, 2, 1}, new double[] {1, 1}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("edge 2 is 1.0");
    assertThatThrownBy(
            () ->
                new Histogram(
                    "t", Axis.linear("x"), "n", new double[] {0, 1}, new double[] {1, 1}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 edges for 2 bins");
  }
}
