package io.lakeforge.algorithms.options;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every algorithm's validated hyperparameters share: the parsed values, the options every
 * algorithm has ({@link SharedOptions}), and the two records the registry keeps — as requested and
 * as resolved. Subclasses add typed accessors and the cross-option checks.
 */
public abstract class AlgorithmOptions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  protected final ParsedOptions values;

  protected AlgorithmOptions(ParsedOptions values) {
    this.values = values;
  }

  /** The declared feature dimension, or 0 when it is to be taken from the data. */
  public int featureDim() {
    return values.isSet(SharedOptions.FEATURE_DIM) ? values.get(SharedOptions.FEATURE_DIM) : 0;
  }

  public long seed() {
    return values.get(SharedOptions.SEED);
  }

  /** Every hyperparameter as requested, defaults filled in, {@code auto} kept as the word. */
  public Map<String, Object> requested() {
    return values.display();
  }

  /**
   * Every hyperparameter as it runs: the requested values with each {@code auto} replaced by what
   * it means here. The default is {@link #requested()} with {@link #resolve} applied.
   */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>(values.asMap());
    resolve(m);
    return m;
  }

  /** Replaces automatic values in {@code m} (name → parsed value) by what they resolve to. */
  protected abstract void resolve(Map<String, Object> m);
}
