package io.lakeforge.models.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one record into the feature vector of a fitted spec, without Spark: the one implementation
 * the featurize stage, batch transform and serving all call, so training and inference cannot
 * disagree. A record holds the values of {@link #inputFields()} in order: a {@link Number}, a
 * {@link String}, null, or for a vector field a {@code double[]}, {@code int[]}, {@code float[]},
 * {@code long[]} or a {@link List} of numbers.
 *
 * <p>An unseen category goes to the column's {@code other} feature (all zeros without one); a
 * missing value takes the fitted impute value. A missing value in a column fitted without impute
 * (or in a spec without per-column transforms) gives {@code NaN}: curate quarantines such rows.
 */
public final class FeatureVectorizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Kind {
    VECTOR,
    SCALED_COLUMN,
    NUMERIC,
    ONE_HOT,
    INDEX
  }

  /** What one input field contributes, fitted values flattened into primitives. */
  private static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    Kind kind;
    int offset;
    int width;
    String transform;
    double fill = Double.NaN;
    String fillCategory;
    double center;
    double scale = 1;
    Map<String, Integer> index;
    int categories;
    boolean other;
  }

  private final List<String> inputFields;
  private final Part[] parts;
  private final int dim;
  private final String scaling;
  private final double divisor;
  private final double[] means;
  private final double[] stds;

  private FeatureVectorizer(FittedFeatureSpec spec) {
    List<String> fields = new ArrayList<>();
    List<Part> ps = new ArrayList<>();
    int offset = 0;
    if (spec.transforms() != null) {
      for (FittedColumn c : spec.transforms()) {
        Part p = new Part();
        p.offset = offset;
        p.width = c.width();
        p.transform = c.transform();
        if (FittedColumn.CATEGORICAL.equals(c.kind())) {
          p.kind = "one-hot".equals(c.transform()) ? Kind.ONE_HOT : Kind.INDEX;
          p.index = new HashMap<>();
          for (int i = 0; i < c.categories().size(); i++) {
            p.index.put(c.categories().get(i), i);
          }
          p.categories = c.categories().size();
          p.other = c.other();
          p.fillCategory = c.fillCategory();
        } else {
          p.kind = Kind.NUMERIC;
          p.fill = c.fill() == null ? Double.NaN : c.fill();
          p.center = c.center();
          p.scale = c.scale();
        }
        fields.add(c.name());
        ps.add(p);
        offset += p.width;
      }
    } else if (spec.vectorField() != null) {
      Part p = new Part();
      p.kind = Kind.VECTOR;
      p.width = spec.dim();
      fields.add(spec.vectorField());
      ps.add(p);
      offset = spec.dim();
    } else {
      for (String c : spec.columns()) {
        Part p = new Part();
        p.kind = Kind.SCALED_COLUMN;
        p.offset = offset++;
        p.width = 1;
        fields.add(c);
        ps.add(p);
      }
    }
    this.inputFields = List.copyOf(fields);
    this.parts = ps.toArray(new Part[0]);
    this.dim = offset;
    this.scaling = spec.scaling() == null ? "none" : spec.scaling();
    this.divisor = spec.divisor();
    this.means = spec.means();
    this.stds = spec.stds();
  }

  /** The vectorizer of a fitted spec. */
  public static FeatureVectorizer of(FittedFeatureSpec spec) {
    return new FeatureVectorizer(spec);
  }

  /** The source fields a record must supply, in order. */
  public List<String> inputFields() {
    return inputFields;
  }

  /** The length of the vector a record becomes. */
  public int dim() {
    return dim;
  }

  /** A new vector for {@code record}. */
  public double[] vectorize(Object[] record) {
    double[] out = new double[dim];
    vectorize(record, out, 0);
    return out;
  }

  /** Writes the features of {@code record} into {@code out[offset .. offset + dim)}. */
  public void vectorize(Object[] record, double[] out, int offset) {
    if (record.length != parts.length) {
      throw new IllegalArgumentException(
          "a record needs "
              + parts.length
              + " values ("
              + String.join(", ", inputFields)
              + "); got "
              + record.length);
    }
    for (int i = 0; i < parts.length; i++) {
      try {
        part(parts[i], record[i], out, offset + parts[i].offset);
      } catch (IllegalArgumentException e) {
        // The caller (a request, a row) needs to know which field was wrong.
        throw new IllegalArgumentException(
            "field '" + inputFields.get(i) + "': " + e.getMessage(), e);
      }
    }
  }

  private void part(Part p, Object value, double[] out, int at) {
    switch (p.kind) {
      case VECTOR -> vector(value, out, at);
      case SCALED_COLUMN -> out[at] = scaled(number(value, Double.NaN), p.offset);
      case NUMERIC -> out[at] = numeric(p, number(value, p.fill));
      case ONE_HOT -> {
        java.util.Arrays.fill(out, at, at + p.width, 0.0);
        int c = category(p, value);
        if (c < p.categories) {
          out[at + c] = 1.0;
        } else if (p.other) {
          out[at + p.categories] = 1.0;
        }
      }
      case INDEX -> out[at] = category(p, value);
      default -> throw new IllegalStateException(p.kind.name());
    }
  }

  private void vector(Object v, double[] out, int at) {
    double[] x = values(v, dim);
    for (int j = 0; j < dim; j++) {
      out[at + j] = scaled(x[j], j);
    }
  }

  /** The one-spec-wide scaling of the older shapes: divide, standardize or none. */
  private double scaled(double x, int j) {
    return switch (scaling) {
      case "divide" -> x / divisor;
      case "standardize" -> stds[j] > 0 ? (x - means[j]) / stds[j] : 0.0;
      default -> x;
    };
  }

  private static double numeric(Part p, double x) {
    return switch (p.transform) {
      case "standardize", "minmax" -> p.scale > 0 ? (x - p.center) / p.scale : 0.0;
      // Negative values would give NaN (or -inf at -1); the fit refuses them, serving clips.
      case "log1p" -> Math.log1p(Math.max(x, 0.0));
      default -> x;
    };
  }

  /** The category's position, or {@code categories} for a value that is not one of them. */
  private static int category(Part p, Object v) {
    String s = v == null ? p.fillCategory : categoryText(v);
    Integer c = s == null ? null : p.index.get(s);
    return c == null ? p.categories : c;
  }

  /**
   * A value as category text: strings as they are, whole numbers without a decimal point (an {@code
   * int} field's 3 and a JSON 3.0 are the same category {@code 3}).
   */
  public static String categoryText(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
      return String.valueOf(n.longValue());
    }
    if (v instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 1e15) {
      return String.valueOf((long) n.doubleValue());
    }
    return String.valueOf(v);
  }

  private static double number(Object v, double missing) {
    if (v == null) {
      return missing;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a number");
      }
    }
    throw new IllegalArgumentException("expected a number, got " + v.getClass().getSimpleName());
  }

  private static double[] values(Object v, int dim) {
    double[] x;
    if (v instanceof double[] d) {
      x = d;
    } else if (v instanceof int[] a) {
      x = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        x[j] = a[j];
      }
    } else if (v instanceof float[] a) {
      x = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        x[j] = a[j];
      }
    } else if (v instanceof long[] a) {
      x = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        x[j] = a[j];
      }
    } else if (v instanceof List<?> l) {
      x = new double[l.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = number(l.get(j), Double.NaN);
      }
    } else if (v == null) {
      throw new IllegalArgumentException("the vector field is missing");
    } else {
      throw new IllegalArgumentException(
          "expected a numeric array, got " + v.getClass().getSimpleName());
    }
    if (x.length != dim) {
      throw new IllegalArgumentException("the vector has " + x.length + " values; expected " + dim);
    }
    return x;
  }
}
