package io.lakeforge.jobs.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as short, locale-independent text for report tables, tick labels and cell values. */
public final class NumberText {

  private NumberText() {}

  /**
   * {@code v} rounded to {@code digits} significant digits without trailing zeros; plain notation
   * for everyday magnitudes, scientific outside them so tiny or huge values stay short.
   */
  public static String significant(double v, int digits) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0.0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
    double abs = Math.abs(rounded.doubleValue());
    if (abs >= 1e-4 && abs < 1e6) {
      return rounded.stripTrailingZeros().toPlainString();
    }
    String sci = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    return sci.replaceFirst("(\\.\\d*?)0+e", "$1e").replace(".e", "e");
  }

  /**
   * A tick value with just the decimals its step needs, so 0.2 steps never print 0.6000000000000001
   * and a tick at zero never prints "-0".
   */
  static String tick(double v, double step) {
    if (Math.abs(v) < step * 1e-9) {
      return "0";
    }
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    if (decimals > 5 || Math.abs(v) >= 1e6) {
      return significant(v, 3);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A cell or bar value: whole numbers in full (counts), anything else to 3 significant digits. */
  static String value(double v) {
    if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return significant(v, 3);
  }
}
