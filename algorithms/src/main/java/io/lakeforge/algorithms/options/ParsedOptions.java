package io.lakeforge.algorithms.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated option values by name, with defaults filled in. Immutable. */
public final class ParsedOptions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> values;

  ParsedOptions(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  @SuppressWarnings("unchecked")
  public <T> T get(OptionDef<T> def) {
    return (T) values.get(def.name());
  }

  public boolean isSet(OptionDef<?> def) {
    return values.containsKey(def.name());
  }

  public Map<String, Object> asMap() {
    return values;
  }
}
