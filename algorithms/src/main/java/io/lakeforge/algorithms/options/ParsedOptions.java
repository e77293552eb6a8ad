package io.lakeforge.algorithms.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated option values by name, with defaults filled in. Immutable. */
public final class ParsedOptions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> values;
  private final Map<String, Object> display;

  ParsedOptions(Map<String, Object> values, Map<String, Object> display) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.display = Collections.unmodifiableMap(new LinkedHashMap<>(display));
  }

  @SuppressWarnings("unchecked")
  public <T> T get(OptionDef<T> def) {
    return (T) values.get(def.name());
  }

  public boolean isSet(OptionDef<?> def) {
    return values.containsKey(def.name());
  }

  /** Parsed values by name (automatic choices as their parsed placeholder, e.g. 0). */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Values as a person wrote them: {@code auto} where the option was left automatic. */
  public Map<String, Object> display() {
    return display;
  }
}
