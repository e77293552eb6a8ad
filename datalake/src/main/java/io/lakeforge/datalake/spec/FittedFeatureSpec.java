package io.lakeforge.datalake.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature spec with its fitted statistics: everything needed to turn a curated row into exactly
 * the features a model was trained on. Stored as JSON on the features table's commit, next to the
 * table, and in every model's lineage.
 */
public record FittedFeatureSpec(String dataset, String vectorField, List<String> columns,
    String scaling, double divisor, double[] means, double[] stds, String label, int dim,
    double validationFraction, long splitSeed) implements java.io.Serializable {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", dataset);
    m.put("vector_field", vectorField);
    m.put("columns", columns);
    m.put("scaling", scaling);
    m.put("divisor", divisor);
    m.put("means", means);
    m.put("stds", stds);
    m.put("label", label);
    m.put("dim", dim);
    m.put("validation_fraction", validationFraction);
    m.put("split_seed", splitSeed);
    return m;
  }

  @SuppressWarnings("unchecked")
  public static FittedFeatureSpec fromMap(Map<String, Object> m) {
    return new FittedFeatureSpec((String) m.get("dataset"), (String) m.get("vector_field"),
        (List<String>) m.getOrDefault("columns", List.of()), (String) m.get("scaling"),
        ((Number) m.get("divisor")).doubleValue(), doubles(m.get("means")),
        doubles(m.get("stds")), (String) m.get("label"), ((Number) m.get("dim")).intValue(),
        ((Number) m.get("validation_fraction")).doubleValue(),
        ((Number) m.get("split_seed")).longValue());
  }

  private static double[] doubles(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof double[] d) {
      return d;
    }
    List<?> l = (List<?>) o;
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) l.get(i)).doubleValue();
    }
    return out;
  }

  /** Two specs are the same transform when all their fields agree (arrays by content). */
  public boolean sameTransformAs(FittedFeatureSpec o) {
    return o != null && java.util.Objects.equals(toComparable(), o.toComparable());
  }

  private String toComparable() {
    Map<String, Object> m = toMap();
    m.put("means", means == null ? null : java.util.Arrays.toString(means));
    m.put("stds", stds == null ? null : java.util.Arrays.toString(stds));
    return m.toString();
  }
}
