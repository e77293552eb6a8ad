package io.lakeforge.jobs.report.chart;

import java.util.Locale;

/** The colours charts share, so every figure of a report looks like one family. */
final class Palette {

  static final String INK = "#333333";
  static final String MUTED = "#666666";
  static final String AXIS = "#888888";
  static final String GRID = "#e6e6e6";
  static final String REFERENCE = "#d62728";
  static final String MISSING = "#f0f0f0";

  /** matplotlib's "tab10": told apart easily and familiar from notebook plots. */
  private static final String[] SERIES = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  };

  /** ColorBrewer "Blues": light to dark, so "more" reads as "darker" even in greyscale. */
  private static final int[] BLUES = {
    0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B,
  };

  private Palette() {}

  static String series(int i) {
    return SERIES[Math.floorMod(i, SERIES.length)];
  }

  /** {@code t} in 0..1 along the light-to-dark blue ramp, as {@code 0xRRGGBB}. */
  static int blues(double t) {
    double pos = (t > 0.0 ? Math.min(1.0, t) : 0.0) * (BLUES.length - 1);
    int i = Math.min(BLUES.length - 2, (int) pos);
    double f = pos - i;
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int a = (BLUES[i] >> shift) & 0xFF;
      int b = (BLUES[i + 1] >> shift) & 0xFF;
      rgb |= (int) Math.round(a * (1 - f) + b * f) << shift;
    }
    return rgb;
  }

  static String hex(int rgb) {
    return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
  }

  /** White text where it contrasts better than dark ink: WCAG relative luminance below 0.179. */
  static String textOn(int rgb) {
    double l = 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
    return l < 0.179 ? "#ffffff" : "#111111";
  }

  private static double linear(int channel) {
    double c = (channel & 0xFF) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
