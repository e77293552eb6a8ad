package io.lakeforge.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchStrategyTest {
  private static final ParameterRange LR =
      new ParameterRange.Continuous("learning_rate", 1e-4, 1.0, Scaling.LOG);
  private static final ParameterRange BATCH =
      new ParameterRange.Integral("mini_batch_size", 100, 104, Scaling.LINEAR);
  private static final ParameterRange LOSS =
      new ParameterRange.Categorical("loss", List.of("auto", "softmax_loss", "hinge_loss"));

  @Test
  void gridEnumeratesEveryCombinationOnceThenStops() {
    GridSearch grid = new GridSearch(List.of(BATCH, LOSS));
    assertThat(grid.points()).isEqualTo(15);
    Set<Map<String, String>> seen = new HashSet<>();
    for (int n = 0; n < 15; n++) {
      seen.add(grid.propose(n, List.of()).orElseThrow());
    }
    assertThat(seen).hasSize(15);
    for (String b : List.of("100", "101", "102", "103", "104")) {
      for (String l : List.of("auto", "softmax_loss", "hinge_loss")) {
        assertThat(seen).contains(Map.of("mini_batch_size", b, "loss", l));
      }
    }
    // The last range varies fastest.
    assertThat(grid.propose(0, List.of()))
        .contains(Map.of("mini_batch_size", "100", "loss", "auto"));
    assertThat(grid.propose(1, List.of()))
        .contains(Map.of("mini_batch_size", "100", "loss", "softmax_loss"));
    assertThat(grid.propose(15, List.of())).isEmpty();
  }

  @Test
  void randomSearchIsDeterministicPerSeedAndPerTrialWhateverTheOrder() {
    List<ParameterRange> ranges = List.of(LR, BATCH, LOSS);
    RandomSearch a = new RandomSearch(ranges, 7);
    RandomSearch b = new RandomSearch(ranges, 7);
    List<Map<String, String>> forward = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      forward.add(a.propose(n, List.of()).orElseThrow());
    }
    // Proposed backwards (as a resumed or parallel job may), trial n is still trial n.
    for (int n = 19; n >= 0; n--) {
      assertThat(b.propose(n, List.of())).contains(forward.get(n));
    }
    assertThat(new HashSet<>(forward)).as("20 draws, all different").hasSize(20);
    assertThat(new RandomSearch(ranges, 8).propose(0, List.of()))
        .isNotEqualTo(a.propose(0, List.of()));
  }

  @Test
  void randomDrawsStayInTheirRangesAndLogScalingIsEvenInTheLogarithm() {
    RandomSearch s = new RandomSearch(List.of(LR, BATCH, LOSS), 1);
    int n = 4000;
    double[] logs = new double[n];
    int[] batchCounts = new int[5];
    Set<String> losses = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> p = s.propose(i, List.of()).orElseThrow();
      double lr = Double.parseDouble(p.get("learning_rate"));
      assertThat(lr).isBetween(1e-4, 1.0);
      logs[i] = Math.log10(lr);
      batchCounts[Integer.parseInt(p.get("mini_batch_size")) - 100]++;
      losses.add(p.get("loss"));
    }
    Arrays.sort(logs);
    // Even in log10 over [-4, 0]: the median is near -2 (the geometric middle), not near -0.3.
    assertThat(logs[n / 2]).isCloseTo(-2.0, within(0.15));
    assertThat(logs[n / 4]).isCloseTo(-3.0, within(0.15));
    // Both ends of the integer range are drawn as often as the middle.
    for (int c : batchCounts) {
      assertThat(c).isBetween(n / 5 - 120, n / 5 + 120);
    }
    assertThat(losses).containsExactlyInAnyOrder("auto", "softmax_loss", "hinge_loss");
  }

  @Test
  void unitIsTheInverseOfText() {
    for (double u : new double[] {0.0, 0.1, 0.5, 0.9, 0.999}) {
      // Within the rounding to 4 significant digits.
      assertThat(LR.unit(LR.text(u))).isCloseTo(u, within(1e-4));
    }
    for (String v : List.of("100", "102", "104")) {
      assertThat(BATCH.text(BATCH.unit(v))).isEqualTo(v);
    }
    for (String v : List.of("auto", "softmax_loss", "hinge_loss")) {
      assertThat(LOSS.text(LOSS.unit(v))).isEqualTo(v);
    }
    ParameterRange logInts = new ParameterRange.Integral("k", 1, 1000, Scaling.LOG);
    assertThat(logInts.text(0.0)).isEqualTo("1");
    assertThat(logInts.text(1.0)).isEqualTo("1000");
    assertThat(logInts.text(logInts.unit("37"))).isEqualTo("37");
  }
}
