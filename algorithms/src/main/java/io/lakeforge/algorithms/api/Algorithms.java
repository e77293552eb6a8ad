package io.lakeforge.algorithms.api;

import io.lakeforge.algorithms.options.InvalidOptionException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The algorithms on the classpath (built-in or added), by name. */
public final class Algorithms {
  private static final Map<String, Algorithm> ALL = load();

  private Algorithms() {}

  private static Map<String, Algorithm> load() {
    Map<String, Algorithm> m = new TreeMap<>();
    for (Algorithm a : ServiceLoader.load(Algorithm.class, Algorithms.class.getClassLoader())) {
      if (m.put(a.name(), a) != null) {
        throw new IllegalStateException("two algorithms named " + a.name());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Every algorithm by name, in name order. */
  public static Map<String, Algorithm> all() {
    return ALL;
  }

  /** The algorithm called {@code name}; an unknown name lists the known ones. */
  public static Algorithm get(String name) {
    Algorithm a = ALL.get(name);
    if (a == null) {
      throw new InvalidOptionException(
          String.format(
              "unknown algorithm '%s'; available: %s", name, String.join(", ", ALL.keySet())));
    }
    return a;
  }
}
