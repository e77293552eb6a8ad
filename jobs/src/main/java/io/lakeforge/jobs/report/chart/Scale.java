package io.lakeforge.jobs.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values onto an axis: a domain rounded out to "nice" tick values (1, 2 or 5 times a
 * power of ten; whole decades on a log axis) that span the data, so every tick label is a round
 * number and no value falls off the ends.
 */
final class Scale {

  /** About this many intervals between ticks: enough to read values, few enough to stay calm. */
  static final int TARGET_TICKS = 5;

  final double lo;
  final double hi;
  final boolean log;
  final double[] ticks;
  final String[] labels;

  private Scale(double lo, double hi, boolean log, double[] ticks, String[] labels) {
    this.lo = lo;
    this.hi = hi;
    this.log = log;
    this.ticks = ticks;
    this.labels = labels;
  }

  /**
   * A scale covering {@code [min, max]} for {@code axis}. With no data (min &gt; max) it is 0..1; a
   * single value gets a range around it so it sits inside the plot rather than on an edge.
   *
   * @param includeZero extend the domain to 0, as bar lengths must start there
   * @param integers tick only at whole numbers (iterations, counts)
   */
  static Scale of(Axis axis, double min, double max, boolean includeZero, boolean integers) {
    return axis.log() ? log(min, max) : linear(min, max, includeZero, integers);
  }

  static Scale linear(double min, double max, boolean includeZero, boolean integers) {
    if (!(min <= max)) {
      min = 0;
      max = 1;
    }
    if (includeZero) {
      min = Math.min(0, min);
      max = Math.max(0, max);
    }
    if (min == max) {
      double pad = integers ? 1 : min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
      if (includeZero && min < 0 && max - pad == 0) {
        min = 0;
      }
    }
    double step = niceStep((max - min) / TARGET_TICKS);
    if (integers) {
      step = Math.max(1, step);
    }
    long first = (long) Math.floor(min / step + 1e-9);
    long last = (long) Math.ceil(max / step - 1e-9);
    if (first == last) {
      last++;
    }
    int n = (int) (last - first + 1);
    double[] ticks = new double[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      // Multiples of the step, not a running sum, so 0.1 + 0.2 never shows as 0.30000000000000004.
      ticks[i] = (first + i) * step;
      labels[i] = NumberText.tick(ticks[i], step);
    }
    return new Scale(ticks[0], ticks[n - 1], false, ticks, labels);
  }

  static Scale log(double min, double max) {
    if (!(min <= max) || !(min > 0)) {
      min = 1;
      max = 10;
    }
    int first = (int) Math.floor(Math.log10(min) + 1e-9);
    int last = (int) Math.ceil(Math.log10(max) - 1e-9);
    if (first == last) {
      last++;
    }
    int decades = last - first;
    int every = Math.max(1, (int) Math.ceil(decades / 6.0));
    List<Double> ticks = new ArrayList<>();
    for (int d = first; d <= last; d++) {
      if ((d - first) % every == 0 || d == last) {
        ticks.add(Math.pow(10, d));
      }
      // Within one or two decades, 2 and 5 give the reader more than two landmarks.
      if (decades <= 2 && d < last) {
        ticks.add(2 * Math.pow(10, d));
        ticks.add(5 * Math.pow(10, d));
      }
    }
    double[] t = ticks.stream().mapToDouble(Double::doubleValue).toArray();
    String[] labels = new String[t.length];
    for (int i = 0; i < t.length; i++) {
      labels[i] = NumberText.significant(t[i], 3);
    }
    return new Scale(Math.pow(10, first), Math.pow(10, last), true, t, labels);
  }

  /** A 1-2-5 multiple of a power of ten at or just above {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0) || !Double.isFinite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    return (f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10) * magnitude;
  }

  /** Where {@code v} falls between the ends of the domain, 0 at {@code lo} and 1 at {@code hi}. */
  double fraction(double v) {
    if (log) {
      return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    }
    return (v - lo) / (hi - lo);
  }

  /** The widest tick label, in characters, to size the margin that holds them. */
  int widestLabel() {
    int w = 0;
    for (String l : labels) {
      w = Math.max(w, l.length());
    }
    return w;
  }
}
