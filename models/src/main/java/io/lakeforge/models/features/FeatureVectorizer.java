package io.lakeforge.models.features;

import java.util.List;

/**
 * Turns one record in a dataset's source fields into the features a model was trained on, with
 * the fitted spec's own arithmetic (the same divide / standardize as featurize), so that an
 * endpoint fed raw records has no training/serving skew.
 *
 * <p>A minimal version for the endpoint's raw mode: a {@code vector} field (one record field
 * holding the numbers) or numeric {@code columns} (one record field per column), scaled by
 * {@code divide} or {@code standardize}. The tabular feature work replaces it with the full
 * version of the same API.
 */
public final class FeatureVectorizer {
  private final FittedFeatureSpec spec;
  private final List<String> fields;

  private FeatureVectorizer(FittedFeatureSpec spec) {
    this.spec = spec;
    this.fields = spec.vectorField() != null ? List.of(spec.vectorField()) : spec.columns();
  }

  public static FeatureVectorizer of(FittedFeatureSpec spec) {
    if (spec == null) {
      throw new IllegalArgumentException("no fitted feature spec: the model cannot score raw "
          + "records");
    }
    return new FeatureVectorizer(spec);
  }

  /** The record's fields, in order: the vector field, or the columns. */
  public List<String> inputFields() {
    return fields;
  }

  /** The number of features a record becomes. */
  public int dim() {
    return spec.dim();
  }

  /**
   * Writes the features of {@code record} (one value per {@link #inputFields()} entry: a {@code
   * double[]} or {@code Number[]}/{@code List} of numbers for a vector field, a {@code Number}
   * or numeric {@code String} per column) into {@code out[offset, offset + dim())}.
   */
  public void vectorize(Object[] record, double[] out, int offset) {
    if (record.length != fields.size()) {
      throw new IllegalArgumentException("expected " + fields.size() + " fields " + fields
          + ", got " + record.length);
    }
    int d = dim();
    if (spec.vectorField() != null) {
      double[] v = numbers(record[0]);
      if (v.length != d) {
        throw new IllegalArgumentException("field '" + spec.vectorField() + "' has " + v.length
            + " values, expected " + d);
      }
      for (int j = 0; j < d; j++) {
        out[offset + j] = scale(v[j], j);
      }
    } else {
      for (int j = 0; j < d; j++) {
        out[offset + j] = scale(number(record[j], fields.get(j)), j);
      }
    }
  }

  private double scale(double x, int j) {
    return switch (spec.scaling() == null ? "none" : spec.scaling()) {
      case "divide" -> x / spec.divisor();
      case "standardize" -> spec.stds()[j] > 0 ? (x - spec.means()[j]) / spec.stds()[j] : 0.0;
      default -> x;
    };
  }

  private static double[] numbers(Object v) {
    if (v instanceof double[] d) {
      return d;
    }
    if (v instanceof List<?> l) {
      double[] d = new double[l.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = number(l.get(i), "element " + i);
      }
      return d;
    }
    throw new IllegalArgumentException("expected a list of numbers, got " + v);
  }

  private static double number(Object v, String field) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("field '" + field + "' is '" + s
            + "', expected a number");
      }
    }
    throw new IllegalArgumentException("field '" + field + "' is " + v + ", expected a number");
  }
}
