package io.lakeforge.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperband (Li et al., 2018): brackets of successive halving over a resource, the trainer's epochs
 * or iterations. Each bracket starts many random configurations on little resource and gives the
 * best third of each rung three times the resource in the next; brackets go from the most
 * aggressive to plain random search, and repeat until max-jobs. A promoted configuration trains
 * again from the start with its new resource. A rung waits for the whole rung before it (only), so
 * the trials do not depend on how many run at once.
 */
public final class Hyperband implements SearchStrategy {
  /** The reduction factor: a third of each rung goes on, with three times the resource. */
  static final int ETA = 3;

  /** A rung: trials {@code first .. first + size - 1}, each given {@code resource}. */
  record Rung(int first, int size, long resource, Rung previous) {}

  private final String resourceName;
  private final Objective objective;
  private final RandomSearch draws;
  private final List<Rung> rungs = new ArrayList<>();

  /**
   * @param ranges the searched ranges, the resource's among them (its min and max bound the
   *     resource)
   */
  public Hyperband(
      List<ParameterRange> ranges,
      String resourceName,
      Objective objective,
      long seed,
      int maxJobs) {
    this.resourceName = resourceName;
    this.objective = objective;
    ParameterRange.Integral resource =
        (ParameterRange.Integral)
            ranges.stream().filter(r -> r.name().equals(resourceName)).findFirst().orElseThrow();
    this.draws =
        new RandomSearch(
            ranges.stream().filter(r -> !r.name().equals(resourceName)).toList(), seed);
    schedule(resource.min(), resource.max(), maxJobs);
  }

  /** The brackets' rungs in trial order, as many as max-jobs trials need. */
  private void schedule(long min, long max, int maxJobs) {
    int sMax = (int) Math.floor(Math.log((double) max / min) / Math.log(ETA) + 1e-9);
    int next = 0;
    while (next < maxJobs) {
      for (int s = sMax; s >= 0 && next < maxJobs; s--) {
        int n = (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(ETA, s));
        Rung previous = null;
        for (int i = 0; i <= s && next < maxJobs; i++) {
          int size = Math.max(1, (int) Math.floor(n / Math.pow(ETA, i)));
          long r = Math.round(max / Math.pow(ETA, s - i));
          Rung rung = new Rung(next, size, Math.max(min, Math.min(max, r)), previous);
          rungs.add(rung);
          next += size;
          previous = rung;
        }
      }
    }
  }

  private Rung rungOf(int number) {
    for (Rung r : rungs) {
      if (number >= r.first() && number < r.first() + r.size()) {
        return r;
      }
    }
    return null;
  }

  @Override
  public int needs(int number, int parallel) {
    Rung r = rungOf(number);
    return r == null || r.previous() == null ? 0 : r.first();
  }

  @Override
  public Optional<Map<String, String>> propose(int number, SearchHistory history) {
    Rung rung = rungOf(number);
    if (rung == null) {
      return Optional.empty();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (rung.previous() == null) {
      out.putAll(draws.propose(number, history).orElseThrow());
    } else {
      Rung prev = rung.previous();
      List<TrialResult> ranked =
          history.finished().stream()
              .filter(t -> t.number() >= prev.first() && t.number() < prev.first() + prev.size())
              .sorted(ranking())
              .toList();
      int slot = number - rung.first();
      if (slot >= ranked.size()) {
        return Optional.empty();
      }
      out.putAll(ranked.get(slot).hyperparameters());
    }
    out.put(resourceName, String.valueOf(rung.resource()));
    return Optional.of(out);
  }

  /** Best objective first, failed trials last, ties by trial number. */
  private Comparator<TrialResult> ranking() {
    return (a, b) -> {
      if (a.succeeded() != b.succeeded()) {
        return a.succeeded() ? -1 : 1;
      }
      if (a.succeeded() && a.objective() != b.objective()) {
        return objective.better(a.objective(), b.objective()) ? -1 : 1;
      }
      return Integer.compare(a.number(), b.number());
    };
  }
}
