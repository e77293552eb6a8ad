package io.lakeforge.jobs.report.chart;

/**
 * The plot area of a chart with numeric axes, the margins around it that hold tick labels and axis
 * titles, and the drawing of those axes. Positions are SVG pixels, y growing downwards.
 */
final class Frame {

  /** Average advance of an 11 px sans-serif glyph, for layout without measuring fonts. */
  static final double CHAR = 6.4;

  static final double TICK_FONT = 11;
  static final String TICK_TEXT = "class=\"tick\" fill=\"" + Palette.MUTED + "\"";
  static final String TITLE_TEXT =
      "class=\"axis-title\" fill=\"" + Palette.INK + "\" font-size=\"12\"";

  final double width;
  final double height;
  final double left;
  final double top;
  final double plotWidth;
  final double plotHeight;

  Frame(double width, double height, double left, double top, double right, double bottom) {
    this.width = width;
    this.height = height;
    this.left = left;
    this.top = top;
    this.plotWidth = Math.max(10, width - left - right);
    this.plotHeight = Math.max(10, height - top - bottom);
  }

  /**
   * A frame of the given outer size whose left margin fits the y tick labels ({@code yLabelChars}
   * wide) and whose bottom fits the x tick labels; titles add room only when present.
   */
  static Frame fitting(
      double width, double height, int yLabelChars, String xTitle, String yTitle, double extraTop) {
    double left = 10 + yLabelChars * CHAR + (yTitle.isEmpty() ? 0 : 22);
    double bottom = 22 + (xTitle.isEmpty() ? 0 : 20);
    return new Frame(width, height, left, 12 + extraTop, 24, bottom);
  }

  double right() {
    return left + plotWidth;
  }

  double bottom() {
    return top + plotHeight;
  }

  double x(Scale s, double v) {
    return left + plotWidth * s.fraction(v);
  }

  double y(Scale s, double v) {
    return top + plotHeight * (1 - s.fraction(v));
  }

  /** Horizontal grid lines and labels at the y ticks, the axis line, and the title. */
  void yAxis(SvgWriter svg, Scale s, String title) {
    svg.open("class=\"y-axis\"");
    for (int i = 0; i < s.ticks.length; i++) {
      double y = y(s, s.ticks[i]);
      svg.line(left, y, right(), y, "stroke=\"" + Palette.GRID + "\"");
      svg.text(left - 6, y + 4, "end", s.labels[i], TICK_TEXT);
    }
    svg.line(left, top, left, bottom(), "stroke=\"" + Palette.AXIS + "\"");
    if (!title.isEmpty()) {
      svg.verticalText(14, top + plotHeight / 2, "middle", title, TITLE_TEXT);
    }
    svg.close();
  }

  /** Vertical grid lines and labels at the x ticks, the axis line, and the title. */
  void xAxis(SvgWriter svg, Scale s, String title) {
    svg.open("class=\"x-axis\"");
    for (int i = 0; i < s.ticks.length; i++) {
      double x = x(s, s.ticks[i]);
      svg.line(x, top, x, bottom(), "stroke=\"" + Palette.GRID + "\"");
      svg.text(x, bottom() + 15, "middle", s.labels[i], TICK_TEXT);
    }
    svg.line(left, bottom(), right(), bottom(), "stroke=\"" + Palette.AXIS + "\"");
    xTitle(svg, title);
    svg.close();
  }

  void xTitle(SvgWriter svg, String title) {
    if (!title.isEmpty()) {
      svg.text(left + plotWidth / 2, bottom() + 34, "middle", title, TITLE_TEXT);
    }
  }

  /** A remark about the data (points left out, ...) in the plot's top right corner. */
  void note(SvgWriter svg, String note) {
    if (note != null && !note.isEmpty()) {
      svg.text(
          right() - 4,
          top + 12,
          "end",
          note,
          "class=\"note\" fill=\"" + Palette.MUTED + "\" font-size=\"10\"");
    }
  }

  /** A dashed reference line across the plot with its label at the end of the line. */
  void horizontalReference(SvgWriter svg, double y, String label) {
    svg.line(left, y, right(), y, referenceStyle());
    if (label != null && !label.isEmpty()) {
      svg.text(
          right() - 4,
          y - 4,
          "end",
          label,
          "class=\"reference-label\" fill=\"" + Palette.REFERENCE + "\"");
    }
  }

  void verticalReference(SvgWriter svg, double x, String label) {
    svg.line(x, top, x, bottom(), referenceStyle());
    if (label != null && !label.isEmpty()) {
      boolean roomRight = x + 4 + label.length() * CHAR <= right();
      svg.text(
          roomRight ? x + 4 : x - 4,
          top + 12,
          roomRight ? "start" : "end",
          label,
          "class=\"reference-label\" fill=\"" + Palette.REFERENCE + "\"");
    }
  }

  private static String referenceStyle() {
    return "class=\"reference\" stroke=\""
        + Palette.REFERENCE
        + "\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"";
  }

  /** Text cut to {@code maxChars} with an ellipsis, so one long name cannot push the plot away. */
  static String shorten(String s, int maxChars) {
    String t = s == null ? "" : s;
    return t.length() <= maxChars ? t : t.substring(0, Math.max(1, maxChars - 1)) + "\u2026";
  }
}
