package io.lakeforge.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination of the ranges' values, once each: a categorical range's values and every
 * integer of an integer range (continuous ranges have no grid: the spec refuses them). Trial {@code
 * n} is the {@code n}-th combination, the last range varying fastest.
 */
public final class GridSearch implements SearchStrategy {
  /** The most combinations a grid may have: beyond it, a random search is the better tool. */
  public static final long MAX_POINTS = 100_000;

  private final List<List<String>> axes = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final long points;

  public GridSearch(List<ParameterRange> ranges) {
    this.points = points(ranges);
    if (points > MAX_POINTS) {
      throw new IllegalArgumentException(
          "a grid of more than " + MAX_POINTS + " points: use random or bayesian search");
    }
    for (ParameterRange r : ranges) {
      names.add(r.name());
      axes.add(values(r));
    }
  }

  /**
   * How many combinations {@code ranges} make, or {@code MAX_POINTS + 1} for any number above
   * {@link #MAX_POINTS}; a continuous range has no grid.
   */
  public static long points(List<ParameterRange> ranges) {
    long n = 1;
    for (ParameterRange r : ranges) {
      long size;
      if (r instanceof ParameterRange.Categorical c) {
        size = c.values().size();
      } else if (r instanceof ParameterRange.Integral i) {
        size = i.size();
      } else {
        throw new IllegalArgumentException(r.name() + " is continuous: it has no grid");
      }
      // Both factors are at most MAX_POINTS + 1 here: no overflow.
      n = Math.min(MAX_POINTS + 1, n * Math.min(size, MAX_POINTS + 1));
    }
    return n;
  }

  /** A range's grid values; a continuous range has none. */
  static List<String> values(ParameterRange r) {
    if (r instanceof ParameterRange.Categorical c) {
      return c.values();
    }
    if (r instanceof ParameterRange.Integral i) {
      List<String> v = new ArrayList<>();
      for (long x = i.min(); x <= i.max(); x++) {
        v.add(String.valueOf(x));
      }
      return v;
    }
    throw new IllegalArgumentException(r.name() + " is continuous: it has no grid");
  }

  /** How many combinations the grid has. */
  public long points() {
    return points;
  }

  @Override
  public Optional<Map<String, String>> propose(int number, SearchHistory history) {
    if (number < 0 || number >= points) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    long rest = number;
    String[] picked = new String[axes.size()];
    for (int a = axes.size() - 1; a >= 0; a--) {
      List<String> axis = axes.get(a);
      picked[a] = axis.get((int) (rest % axis.size()));
      rest /= axis.size();
    }
    for (int a = 0; a < axes.size(); a++) {
      out.put(names.get(a), picked[a]);
    }
    return Optional.of(out);
  }
}
