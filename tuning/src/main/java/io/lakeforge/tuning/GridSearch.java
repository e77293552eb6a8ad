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
    long n = 1;
    for (ParameterRange r : ranges) {
      List<String> values = values(r);
      names.add(r.name());
      axes.add(values);
      n = Math.multiplyExact(n, values.size());
    }
    this.points = n;
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
