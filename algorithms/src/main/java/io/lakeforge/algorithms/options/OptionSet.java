package io.lakeforge.algorithms.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set of options a trainer or job accepts. Parses {@code name=value} text into a {@link
 * ParsedOptions}, rejecting unknown names with the list of valid ones.
 */
public final class OptionSet {
  private final String owner;
  private final Map<String, OptionDef<?>> defs = new LinkedHashMap<>();

  /** The name of the algorithm (or job) these options belong to, for messages. */
  public String owner() {
    return owner;
  }

  public OptionSet(String owner, List<OptionDef<?>> definitions) {
    this.owner = owner;
    for (OptionDef<?> d : definitions) {
      if (defs.put(d.name(), d) != null) {
        throw new IllegalStateException("duplicate option " + d.name());
      }
    }
  }

  public List<OptionDef<?>> definitions() {
    return Collections.unmodifiableList(new ArrayList<>(defs.values()));
  }

  public ParsedOptions parse(Map<String, String> values) {
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      OptionDef<?> def = defs.get(e.getKey());
      if (def == null) {
        throw new InvalidOptionException(
            String.format(
                "unknown hyperparameter '%s' for %s; valid names: %s",
                e.getKey(), owner, String.join(", ", defs.keySet())));
      }
      parsed.put(def.name(), def.parse(e.getValue()));
    }
    for (OptionDef<?> def : defs.values()) {
      if (!parsed.containsKey(def.name()) && def.defaultValue() != null) {
        parsed.put(def.name(), def.defaultValue());
      }
    }
    Map<String, Object> display = new LinkedHashMap<>();
    parsed.forEach((k, v) -> display.put(k, defs.get(k).display(v)));
    return new ParsedOptions(parsed, display);
  }

  /** Multi-line help generated from the definitions. */
  public String help() {
    StringBuilder sb = new StringBuilder();
    for (OptionDef<?> d : defs.values()) {
      sb.append("  ").append(d.describe()).append('\n');
    }
    return sb.toString();
  }
}
