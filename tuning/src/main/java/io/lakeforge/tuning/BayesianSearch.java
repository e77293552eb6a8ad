package io.lakeforge.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Bayesian optimisation: after a few random trials, each trial is the point of the unit cube with
 * the largest expected improvement under a {@link GaussianProcess} fitted to the finished trials
 * (and to the pending ones at the mean observed value, the "constant liar", so parallel trials do
 * not pile onto one point). Trial {@code n} waits for the first {@code n - parallel + 1} trials and
 * sees only those, and its candidates come from a generator seeded by the seed and {@code n}: the
 * same seed and parallelism give the same trials.
 */
public final class BayesianSearch implements SearchStrategy {
  private static final int UNIFORM_CANDIDATES = 2000;
  private static final int LOCAL_CANDIDATES = 100;
  private static final int LOCAL_CENTERS = 5;
  private static final double LOCAL_STEP = 0.05;
  private static final double XI = 0.01;

  private final List<ParameterRange> ranges;
  private final Objective objective;
  private final long seed;
  private final RandomSearch initial;
  private final int initialTrials;
  private final boolean[] categorical;

  public BayesianSearch(List<ParameterRange> ranges, Objective objective, long seed) {
    this.ranges = List.copyOf(ranges);
    this.objective = objective;
    this.seed = seed;
    this.initial = new RandomSearch(ranges, seed);
    this.initialTrials = initialTrials(ranges.size());
    this.categorical = new boolean[ranges.size()];
    for (int j = 0; j < categorical.length; j++) {
      categorical[j] = ranges.get(j) instanceof ParameterRange.Categorical;
    }
  }

  /** Random trials before the model takes over: enough to fit one, few enough to leave it room. */
  static int initialTrials(int dimensions) {
    return Math.max(4, Math.min(10, dimensions + 2));
  }

  @Override
  public int needs(int number, int parallel) {
    return number < initialTrials ? 0 : Math.max(0, number - parallel + 1);
  }

  @Override
  public Optional<Map<String, String>> propose(int number, SearchHistory history) {
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (TrialResult t : history.finished()) {
      double[] x = t.succeeded() ? pointOrNull(t.hyperparameters()) : null;
      if (x != null) {
        xs.add(x);
        // The process minimises: a maximised objective is negated.
        ys.add(objective.maximize() ? -t.objective() : t.objective());
      }
    }
    if (number < initialTrials || xs.size() < 2) {
      return initial.propose(number, history);
    }
    double best = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double liar = ys.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    List<double[]> observed = new ArrayList<>(xs);
    for (Map<String, String> p : history.pending()) {
      xs.add(point(p));
      ys.add(liar);
    }
    GaussianProcess gp =
        new GaussianProcess(
            xs.toArray(new double[0][]),
            ys.stream().mapToDouble(Double::doubleValue).toArray(),
            categorical);
    SplittableRandom random = new SplittableRandom(RandomSearch.mix(seed ^ 0x5DEECE66DL, number));
    double[] chosen = null;
    double chosenEi = Double.NEGATIVE_INFINITY;
    for (double[] c : candidates(random, observed, ys)) {
      double ei = expectedImprovement(gp.predict(c), best, XI * gp.targetScale());
      if (ei > chosenEi) {
        chosenEi = ei;
        chosen = c;
      }
    }
    return Optional.of(text(chosen));
  }

  /** Uniform draws, and small steps around the best observed points. */
  private List<double[]> candidates(
      SplittableRandom random, List<double[]> observed, List<Double> ys) {
    int d = ranges.size();
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < UNIFORM_CANDIDATES; i++) {
      double[] u = new double[d];
      for (int j = 0; j < d; j++) {
        u[j] = random.nextDouble();
      }
      out.add(snap(u));
    }
    Integer[] order = new Integer[observed.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(ys.get(a), ys.get(b)));
    for (int c = 0; c < Math.min(LOCAL_CENTERS, order.length); c++) {
      double[] center = observed.get(order[c]);
      for (int i = 0; i < LOCAL_CANDIDATES; i++) {
        double[] u = center.clone();
        for (int j = 0; j < d; j++) {
          if (categorical[j]) {
            if (random.nextDouble() < 0.1) {
              u[j] = random.nextDouble();
            }
          } else {
            u[j] = Math.min(1, Math.max(0, u[j] + LOCAL_STEP * gaussian(random)));
          }
        }
        out.add(snap(u));
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /**
   * {@code E[max(best - f - margin, 0)]} for {@code f ~ N(mu, sd²)}. The margin is a fraction of
   * the observed objectives' spread, not of the best value: an accuracy of 0.85 must not ask for a
   * gain of 0.0085 when trials differ by 0.002.
   */
  static double expectedImprovement(double[] muSd, double best, double margin) {
    double mu = muSd[0];
    double sd = muSd[1];
    double gain = best - mu - margin;
    if (sd < 1e-12) {
      return Math.max(gain, 0);
    }
    double z = gain / sd;
    return gain * normalCdf(z) + sd * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  }

  static double normalCdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /**
   * A point where the trials can be: an integer or category at the middle of its share of the
   * interval, so the process sees the value that would run.
   */
  private double[] snap(double[] u) {
    double[] out = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      ParameterRange r = ranges.get(j);
      out[j] = r instanceof ParameterRange.Continuous ? u[j] : r.unit(r.text(u[j]));
    }
    return out;
  }

  private double[] point(Map<String, String> hp) {
    double[] u = new double[ranges.size()];
    for (int j = 0; j < u.length; j++) {
      ParameterRange r = ranges.get(j);
      u[j] = r.unit(hp.get(r.name()));
    }
    return u;
  }

  private Map<String, String> text(double[] u) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int j = 0; j < u.length; j++) {
      out.put(ranges.get(j).name(), ranges.get(j).text(u[j]));
    }
    return out;
  }

  /** The point of a trial, or null when it ran values outside these ranges (a warm start's). */
  private double[] pointOrNull(Map<String, String> hp) {
    try {
      return point(hp);
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
