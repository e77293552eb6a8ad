package io.lakeforge.tuning;

import java.util.List;

/**
 * One hyperparameter the search varies. Every range maps the unit interval onto its values, so a
 * strategy searches {@code [0, 1]^d} and never needs to know a parameter's kind; {@link #text}
 * gives the value as the trainer's {@code --hp} text.
 */
public sealed interface ParameterRange {
  /** The hyperparameter's name, as the algorithm defines it ({@code learning_rate}). */
  String name();

  /** The value at {@code u} in {@code [0, 1]}, as {@code --hp} text. */
  String text(double u);

  /** Where a value (as {@code --hp} text) lies in {@code [0, 1]}; the inverse of {@link #text}. */
  double unit(String text);

  /** A real-valued range, searched linearly or in its logarithm. */
  record Continuous(String name, double min, double max, Scaling scaling)
      implements ParameterRange {
    /** Values carry 4 significant digits: more only make trial lists hard to read. */
    @Override
    public String text(double u) {
      double v = scaled(min, max, scaling, u);
      double rounded =
          new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
      return String.valueOf(Math.max(min, Math.min(max, rounded)));
    }

    @Override
    public double unit(String text) {
      return unscaled(min, max, scaling, Double.parseDouble(text));
    }
  }

  /**
   * An integer range, both ends included. Each integer owns an equal share of the (scaled) unit
   * interval, so the ends are drawn as often as the values between them.
   */
  record Integral(String name, long min, long max, Scaling scaling) implements ParameterRange {
    @Override
    public String text(double u) {
      double v = scaled(min, max + 1.0, scaling, u);
      return String.valueOf(Math.max(min, Math.min(max, (long) Math.floor(v))));
    }

    @Override
    public double unit(String text) {
      // The middle of the integer's share.
      double v = Long.parseLong(text);
      return (unscaled(min, max + 1.0, scaling, v) + unscaled(min, max + 1.0, scaling, v + 1)) / 2;
    }

    /** How many integers the range holds. */
    public long size() {
      return max - min + 1;
    }
  }

  /** A choice among values, in the order given. */
  record Categorical(String name, List<String> values) implements ParameterRange {
    public Categorical {
      values = List.copyOf(values);
    }

    @Override
    public String text(double u) {
      return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
    }

    @Override
    public double unit(String text) {
      int i = values.indexOf(text);
      if (i < 0) {
        throw new IllegalArgumentException(name + " has no value " + text + "; it has " + values);
      }
      return (i + 0.5) / values.size();
    }
  }

  private static double scaled(double min, double max, Scaling s, double u) {
    return s == Scaling.LOG
        ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
        : min + u * (max - min);
  }

  private static double unscaled(double min, double max, Scaling s, double v) {
    return s == Scaling.LOG
        ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min))
        : (v - min) / (max - min);
  }
}
