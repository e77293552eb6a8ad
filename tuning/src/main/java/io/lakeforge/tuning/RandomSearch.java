package io.lakeforge.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Independent uniform draws in each range's (scaled) unit interval. Trial {@code n}'s draw comes
 * from a generator seeded by the spec's seed and {@code n} alone, so parallel, resumed and
 * sequential jobs with one seed run the same trials.
 */
public final class RandomSearch implements SearchStrategy {
  private final List<ParameterRange> ranges;
  private final long seed;

  public RandomSearch(List<ParameterRange> ranges, long seed) {
    this.ranges = List.copyOf(ranges);
    this.seed = seed;
  }

  @Override
  public Optional<Map<String, String>> propose(int number, SearchHistory history) {
    // A stream per trial: trial `number` is drawn without drawing the ones before it.
    SplittableRandom random = new SplittableRandom(mix(seed, number));
    Map<String, String> out = new LinkedHashMap<>();
    for (ParameterRange r : ranges) {
      out.put(r.name(), r.text(random.nextDouble()));
    }
    return Optional.of(out);
  }

  /** SplitMix64's finaliser over the seed and trial number: nearby inputs, unrelated streams. */
  static long mix(long seed, int number) {
    long z = seed + 0x9E3779B97F4A7C15L * (number + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
