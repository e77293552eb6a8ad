package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SvgScaleTest {

  @Test
  void linearTicksAreRoundMultiplesOfAOneTwoFiveStepSpanningTheData() {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 2_000; trial++) {
      double magnitude = Math.pow(10, rnd.nextInt(16) - 8);
      double a = (rnd.nextDouble() * 2 - 1) * magnitude * 10;
      double b = a + rnd.nextDouble() * magnitude * 10 + magnitude * 1e-3;
      Scale s = Scale.linear(a, b, false, false);

      assertThat(s.lo).as("lo for %s..%s", a, b).isLessThanOrEqualTo(a);
      assertThat(s.hi).as("hi for %s..%s", a, b).isGreaterThanOrEqualTo(b);
      assertThat(s.ticks.length).as("tick count for %s..%s", a, b).isBetween(3, 12);
      double step = s.ticks[1] - s.ticks[0];
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertThat(mantissa)
          .as("step %s", step)
          .satisfiesAnyOf(
              m -> assertThat(m).isCloseTo(1.0, within(1e-6)),
              m -> assertThat(m).isCloseTo(2.0, within(1e-6)),
              m -> assertThat(m).isCloseTo(5.0, within(1e-6)));
      for (double t : s.ticks) {
        assertThat(Math.abs(t / step - Math.rint(t / step)))
            .as("tick %s of step %s", t, step)
            .isLessThan(1e-6);
      }
    }
  }

  @Test
  void tickLabelsCarryOnlyTheDecimalsTheStepNeeds() {
    Scale s = Scale.linear(0.1, 0.5, false, false);

    assertThat(s.labels).containsExactly("0.1", "0.2", "0.3", "0.4", "0.5");
    assertThat(Scale.linear(-0.9, 0.9, false, false).labels)
        .contains("0")
        .doesNotContain("-0", "-0.0", "0.0");
    assertThat(Scale.linear(0, 2.4e7, false, false).labels)
        .contains("0", "5e+06", "1e+07", "2.5e+07");
    assertThat(Scale.linear(0, 4e-7, false, false).labels).contains("1e-07", "4e-07");
  }

  @Test
  void barScalesStartAtZeroAndIntegerScalesTickOnlyWholeNumbers() {
    assertThat(Scale.linear(5, 9, true, false).lo).isZero();
    assertThat(Scale.linear(-3, -1, true, false).hi).isZero();
    Scale iterations = Scale.linear(1, 3, false, true);
    assertThat(java.util.Arrays.stream(iterations.ticks).boxed().toList())
        .allSatisfy(t -> assertThat(t).isEqualTo(Math.rint(t)));
    assertThat(iterations.labels).doesNotContain("0.5", "1.5");
  }

  @Test
  void aSingleValueGetsARangeAroundItAndNoDataGivesZeroToOne() {
    Scale flat = Scale.linear(3, 3, false, false);
    assertThat(flat.lo).isLessThan(3);
    assertThat(flat.hi).isGreaterThan(3);
    assertThat(flat.fraction(3)).isBetween(0.3, 0.7);

    Scale none = Scale.linear(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, false, false);
    assertThat(none.lo).isZero();
    assertThat(none.hi).isEqualTo(1.0);
    assertThat(Scale.linear(Double.NaN, Double.NaN, false, false).hi).isEqualTo(1.0);
  }

  @Test
  void logTicksAreWholeDecadesThatSpanTheDataAndSpaceEvenly() {
    Scale s = Scale.log(3e-5, 0.2);

    assertThat(s.lo).isEqualTo(1e-5);
    assertThat(s.hi).isCloseTo(1.0, within(1e-12));
    assertThat(s.labels).containsExactly("1e-05", "0.0001", "0.001", "0.01", "0.1", "1");
    assertThat(s.fraction(1e-3)).isCloseTo(0.4, within(1e-9));
    assertThat(s.fraction(0.1) - s.fraction(0.01))
        .isCloseTo(s.fraction(1e-4) - s.fraction(1e-5), within(1e-9));
  }

  @Test
  void narrowLogRangesAlsoTickAtTwoAndFive() {
    assertThat(Scale.log(1.5, 40).labels).containsExactly("1", "2", "5", "10", "20", "50", "100");
  }

  @Test
  void wideLogRangesSkipDecadesToStayReadable() {
    Scale s = Scale.log(1e-12, 1e12);

    assertThat(s.ticks.length).isLessThanOrEqualTo(8);
    assertThat(s.ticks[0]).isEqualTo(1e-12);
    assertThat(s.ticks[s.ticks.length - 1]).isCloseTo(1e12, within(1e-3));
  }
}
