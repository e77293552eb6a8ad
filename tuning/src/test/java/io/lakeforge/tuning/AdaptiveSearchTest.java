package io.lakeforge.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Bayesian search, Hyperband and the median stopping rule, on objectives with known optima. */
class AdaptiveSearchTest {
  private static final ParameterRange LR =
      new ParameterRange.Continuous("learning_rate", 1e-4, 1.0, Scaling.LOG);
  private static final ParameterRange WD =
      new ParameterRange.Continuous("wd", 0.0, 1.0, Scaling.LINEAR);
  private static final ParameterRange LOSS =
      new ParameterRange.Categorical("loss", List.of("a", "b", "c"));
  private static final List<ParameterRange> RANGES = List.of(LR, WD, LOSS);
  private static final Objective MINIMIZE = new Objective("validation_loss", false);

  /**
   * A smooth bowl with its minimum 0 at learning_rate 0.01, wd 0.3, loss b; the other losses cost
   * 0.5 more, so the categorical coordinate matters.
   */
  private static double bowl(Map<String, String> p) {
    double lr = Math.log10(Double.parseDouble(p.get("learning_rate"))) + 2;
    double wd = Double.parseDouble(p.get("wd")) - 0.3;
    return lr * lr / 4 + 4 * wd * wd + (p.get("loss").equals("b") ? 0 : 0.5);
  }

  /** Runs {@code trials} sequential trials of {@code s} and returns the objectives in order. */
  private static List<Double> run(
      SearchStrategy s, int trials, ToDoubleFunction<Map<String, String>> f) {
    List<TrialResult> done = new ArrayList<>();
    List<Double> out = new ArrayList<>();
    for (int n = 0; n < trials; n++) {
      int needs = s.needs(n, 1);
      Map<String, String> p =
          s.propose(n, new SearchHistory(done.subList(0, needs), List.of())).orElseThrow();
      double y = f.applyAsDouble(p);
      done.add(new TrialResult(n, p, y));
      out.add(y);
    }
    return out;
  }

  private static double bestOf(List<Double> ys, int first) {
    return ys.subList(0, first).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  /** The first {@code n} trials of a seed-3 Bayesian search: random draws, on the bowl. */
  private static List<TrialResult> randomTrials(int n) {
    List<TrialResult> out = new ArrayList<>();
    RandomSearch draws = new RandomSearch(RANGES, 3);
    for (int i = 0; i < n; i++) {
      Map<String, String> p = draws.propose(i, List.of()).orElseThrow();
      out.add(new TrialResult(i, p, bowl(p)));
    }
    return out;
  }

  @Test
  void bayesianSearchIsDeterministicPerSeed() {
    List<Double> a = run(new BayesianSearch(RANGES, MINIMIZE, 3), 15, AdaptiveSearchTest::bowl);
    List<Double> b = run(new BayesianSearch(RANGES, MINIMIZE, 3), 15, AdaptiveSearchTest::bowl);
    List<Double> c = run(new BayesianSearch(RANGES, MINIMIZE, 4), 15, AdaptiveSearchTest::bowl);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void bayesianSearchBeatsRandomSearchOnAKnownOptimum() {
    // Over 5 seeds: the best of 25 Bayesian trials against the best of 25 random ones.
    int wins = 0;
    double bayesTotal = 0;
    double randomTotal = 0;
    for (long seed = 1; seed <= 5; seed++) {
      double bayes =
          bestOf(run(new BayesianSearch(RANGES, MINIMIZE, seed), 25, AdaptiveSearchTest::bowl), 25);
      double random = bestOf(run(new RandomSearch(RANGES, seed), 25, AdaptiveSearchTest::bowl), 25);
      bayesTotal += bayes;
      randomTotal += random;
      if (bayes < random) {
        wins++;
      }
    }
    assertThat(wins)
        .as("seeds where Bayesian search found the better point")
        .isGreaterThanOrEqualTo(4);
    assertThat(bayesTotal / 5).as("mean best, Bayesian").isLessThan(0.05);
    assertThat(bayesTotal).isLessThan(randomTotal / 3);
  }

  @Test
  void bayesianSearchUsesWarmStartTrials() {
    BayesianSearch s = new BayesianSearch(RANGES, MINIMIZE, 3);
    int first = BayesianSearch.initialTrials(RANGES.size());
    List<TrialResult> own = randomTrials(first);
    Map<String, String> optimum = Map.of("learning_rate", "0.01", "wd", "0.3", "loss", "b");
    List<TrialResult> warm = new ArrayList<>();
    warm.add(new TrialResult(-1, optimum, 0.0));
    warm.addAll(own);
    Map<String, String> cold = s.propose(first, new SearchHistory(own, List.of())).orElseThrow();
    Map<String, String> warmed = s.propose(first, new SearchHistory(warm, List.of())).orElseThrow();
    assertThat(warmed).isNotEqualTo(cold);
    assertThat(bowl(warmed)).as("near the warm start's optimum").isLessThan(0.1);
    assertThat(bowl(warmed)).isLessThan(bowl(cold));
  }

  @Test
  void bayesianProposalsAvoidAPendingPoint() {
    BayesianSearch s = new BayesianSearch(RANGES, MINIMIZE, 3);
    int first = BayesianSearch.initialTrials(RANGES.size());
    List<TrialResult> own = randomTrials(first);
    Map<String, String> alone = s.propose(first, new SearchHistory(own, List.of())).orElseThrow();
    Map<String, String> beside =
        s.propose(first, new SearchHistory(own, List.of(alone))).orElseThrow();
    assertThat(beside).isNotEqualTo(alone);
    assertThat(s.needs(first, 2)).isEqualTo(first - 1);
    assertThat(s.needs(first - 1, 2)).isZero();
  }

  @Test
  void hyperbandPromotesTheBestThirdOfEachRungWithThreeTimesTheResource() {
    ParameterRange epochs = new ParameterRange.Integral("epochs", 1, 9, Scaling.LINEAR);
    Hyperband h = new Hyperband(List.of(LR, epochs), "epochs", MINIMIZE, 7, 14);
    // sMax = 2: bracket 2 is 9 trials at 1 epoch, 3 at 3, 1 at 9.
    List<TrialResult> done = new ArrayList<>();
    Map<Integer, Map<String, String>> ran = new HashMap<>();
    for (int n = 0; n < 13; n++) {
      int needs = h.needs(n, 4);
      assertThat(needs).isEqualTo(n < 9 ? 0 : n < 12 ? 9 : 12);
      Map<String, String> p =
          h.propose(n, new SearchHistory(done.subList(0, needs), List.of())).orElseThrow();
      ran.put(n, p);
      double lr = Math.log10(Double.parseDouble(p.get("learning_rate"))) + 2;
      done.add(new TrialResult(n, p, lr * lr));
    }
    for (int n = 0; n < 9; n++) {
      assertThat(ran.get(n)).containsEntry("epochs", "1");
    }
    List<TrialResult> firstRung = new ArrayList<>(done.subList(0, 9));
    firstRung.sort((a, b) -> Double.compare(a.objective(), b.objective()));
    for (int i = 0; i < 3; i++) {
      assertThat(ran.get(9 + i))
          .containsEntry("epochs", "3")
          .containsEntry("learning_rate", firstRung.get(i).hyperparameters().get("learning_rate"));
    }
    assertThat(ran.get(12))
        .containsEntry("epochs", "9")
        .containsEntry("learning_rate", firstRung.get(0).hyperparameters().get("learning_rate"));
    // Then bracket 1 starts: 5 new configurations at 3 epochs, waiting for nothing.
    assertThat(h.needs(13, 4)).isZero();
    assertThat(h.propose(13, new SearchHistory(List.of(), List.of())).orElseThrow())
        .containsEntry("epochs", "3");
  }

  @Test
  void medianStoppingStopsOnlyWorseThanTheMedianAndOnlyWithThreeEarlierTrials() {
    List<List<Double>> earlier = List.of(List.of(4.0, 2.0), List.of(6.0, 4.0), List.of(8.0, 6.0));
    MedianStopping rule = new MedianStopping(earlier, false);
    // Running averages at step 2: 3, 5, 7; median 5.
    assertThat(rule.stop(2, 5.5)).isTrue();
    assertThat(rule.stop(2, 4.5)).isFalse();
    assertThat(rule.stop(3, 100)).as("no earlier trial reached step 3").isFalse();
    assertThat(new MedianStopping(earlier.subList(0, 2), false).stop(1, 100)).isFalse();
    assertThat(new MedianStopping(earlier, true).stop(2, 4.5)).isTrue();
  }
}
