package io.lakeforge.jobs.report.chart;

/**
 * Writes one standalone SVG document: an {@code <svg>} root with its size, font and accessible
 * title, then elements appended in paint order. Every piece of text and every attribute value that
 * could come from data goes through {@link #escape(String)}, so the result is well-formed XML that
 * can be inlined into HTML without letting data become markup.
 */
final class SvgWriter {

  static final String FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

  private final StringBuilder out;

  SvgWriter(double width, double height, String title, int expectedElements) {
    out = new StringBuilder(512 + 48 * expectedElements);
    String w = num(width);
    String h = num(height);
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(title))
        .append("\" font-family=\"")
        .append(FONT)
        .append("\" font-size=\"11\">\n");
    out.append("<title>").append(escape(title)).append("</title>\n");
  }

  /** Opens a group whose attributes (already escaped, trusted constants) its children inherit. */
  SvgWriter open(String attributes) {
    out.append("<g ").append(attributes).append(">\n");
    return this;
  }

  SvgWriter close() {
    out.append("</g>\n");
    return this;
  }

  SvgWriter line(double x1, double y1, double x2, double y2, String attributes) {
    out.append("<line");
    attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2);
    return end(attributes);
  }

  SvgWriter rect(double x, double y, double w, double h, String attributes) {
    startRect(x, y, w, h);
    return end(attributes);
  }

  /** A rectangle with a hover tooltip: browsers show an element's {@code <title>} child. */
  SvgWriter rect(double x, double y, double w, double h, String attributes, String tooltip) {
    startRect(x, y, w, h);
    trusted(attributes);
    out.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
    return this;
  }

  SvgWriter circle(double cx, double cy, double r, String attributes) {
    out.append("<circle");
    attr("cx", cx).attr("cy", cy).attr("r", r);
    return end(attributes);
  }

  SvgWriter polyline(double[] xs, double[] ys, int n, String attributes) {
    out.append("<polyline points=\"");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(num(xs[i])).append(',').append(num(ys[i]));
    }
    out.append("\" fill=\"none\"");
    return end(attributes);
  }

  /**
   * Text at {@code (x, y)}; {@code anchor} is start, middle or end. {@code attributes} are trusted
   * constants (class, fill, transform); {@code text} is data and is escaped.
   */
  SvgWriter text(double x, double y, String anchor, String text, String attributes) {
    out.append("<text");
    attr("x", x).attr("y", y);
    if (!"start".equals(anchor)) {
      out.append(" text-anchor=\"").append(anchor).append('"');
    }
    trusted(attributes);
    out.append('>').append(escape(text)).append("</text>\n");
    return this;
  }

  /** Text turned a quarter to read bottom to top, centred on {@code (x, y)}: a y axis title. */
  SvgWriter verticalText(double x, double y, String anchor, String text, String attributes) {
    String turn = "transform=\"rotate(-90 " + num(x) + " " + num(y) + ")\"";
    return text(
        x,
        y,
        anchor,
        text,
        attributes == null || attributes.isEmpty() ? turn : attributes + " " + turn);
  }

  String finish() {
    out.append("</svg>\n");
    return out.toString();
  }

  private void startRect(double x, double y, double w, double h) {
    out.append("<rect");
    attr("x", x).attr("y", y).attr("width", w).attr("height", h);
  }

  private SvgWriter attr(String name, double value) {
    out.append(' ').append(name).append("=\"").append(num(value)).append('"');
    return this;
  }

  /** Appends attributes that are trusted constants (class, fill, transform), never data. */
  private void trusted(String attributes) {
    if (attributes != null && !attributes.isEmpty()) {
      out.append(' ').append(attributes);
    }
  }

  private SvgWriter end(String attributes) {
    trusted(attributes);
    out.append("/>\n");
    return this;
  }

  /** Coordinates to 0.1 px: finer is invisible and only makes 5,000-point charts bigger. */
  static String num(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    String sign = tenths < 0 ? "-" : "";
    long abs = Math.abs(tenths);
    return sign + (abs / 10) + "." + (abs % 10);
  }

  /**
   * Escapes XML text and attribute values. Characters XML 1.0 cannot carry at all (most control
   * characters, unpaired surrogates) become U+FFFD, so odd class names never break the document.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r'
              || Character.isSurrogate(c)
              || c == 0xFFFE
              || c == 0xFFFF) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
