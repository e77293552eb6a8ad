package io.lakeforge.jobs.report.chart;

/** Draws a {@link Heatmap}. */
final class HeatmapSvg {

  static final double MAX_GRID_WIDTH = 560;
  static final double MAX_GRID_HEIGHT = 480;
  static final double MAX_CELL = 56;
  static final double MIN_CELL = 2;
  static final int MAX_LABEL_CHARS = 20;

  /** The lightest shade a non-empty row-share cell gets, so a single confusion is still visible. */
  static final double MIN_SHADE = 0.12;

  /** Above this many cells per-cell tooltips would bloat the page more than they help. */
  static final int MAX_TOOLTIPS = 2_500;

  static final double PAD = 8;

  private HeatmapSvg() {}

  static String render(Heatmap h) {
    int rows = h.rowLabels().size();
    int cols = h.columnLabels().size();
    double cell =
        Math.floor(
            Math.max(
                MIN_CELL,
                Math.min(
                    MAX_CELL,
                    Math.min(
                        MAX_GRID_WIDTH / Math.max(1, cols), MAX_GRID_HEIGHT / Math.max(1, rows)))));
    double labelFont = cell >= 12 ? 11 : 9;
    double charWidth = Frame.CHAR * labelFont / 11;
    int rowStep = BarChartSvg.labelStep(cell, labelFont + 2);
    int colStep = BarChartSvg.labelStep(cell, labelFont + 2);
    int rowChars = widest(h.rowLabels());
    int colChars = widest(h.columnLabels());
    boolean verticalColumns = colChars * charWidth > colStep * cell - 4;

    double left = PAD + (h.rowTitle().isEmpty() ? 0 : 22) + rowChars * charWidth + 6;
    double top = PAD;
    double gridW = cols * cell;
    double gridH = rows * cell;
    double columnSpace = (verticalColumns ? colChars * charWidth : labelFont) + 10;
    double width = left + gridW + PAD + 4;
    double height = top + gridH + columnSpace + (h.columnTitle().isEmpty() ? 0 : 20) + PAD;
    SvgWriter svg =
        new SvgWriter(Math.max(width, 200), height, h.title(), 16 + 2 * rows * cols + rows + cols);

    double[] lo = new double[cols];
    double[] hi = new double[cols];
    double allLo = Double.POSITIVE_INFINITY;
    double allHi = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < cols; c++) {
      lo[c] = Double.POSITIVE_INFINITY;
      hi[c] = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < rows; r++) {
        double v = h.valueAt(r, c);
        if (Double.isFinite(v)) {
          lo[c] = Math.min(lo[c], v);
          hi[c] = Math.max(hi[c], v);
        }
      }
      allLo = Math.min(allLo, lo[c]);
      allHi = Math.max(allHi, hi[c]);
    }
    boolean tooltips = (long) rows * cols <= MAX_TOOLTIPS;
    String cellBorder = cell >= 6 ? " stroke=\"#ffffff\" stroke-width=\"1\"" : "";
    svg.open("class=\"cells\"" + cellBorder);
    for (int r = 0; r < rows; r++) {
      double rowTotal = 0;
      for (int c = 0; c < cols; c++) {
        double v = h.valueAt(r, c);
        rowTotal += Double.isFinite(v) ? v : 0;
      }
      for (int c = 0; c < cols; c++) {
        double v = h.valueAt(r, c);
        String fill;
        String ink;
        String share = "";
        if (!Double.isFinite(v)) {
          fill = Palette.MISSING;
          ink = Palette.MUTED;
        } else if (h.shading() == Heatmap.Shading.ROW_SHARE) {
          if (v == 0) {
            fill = "#ffffff";
            ink = "#999999";
          } else {
            int rgb = Palette.blues(MIN_SHADE + (1 - MIN_SHADE) * v / rowTotal);
            fill = Palette.hex(rgb);
            ink = Palette.textOn(rgb);
          }
          share =
              rowTotal > 0
                  ? String.format(java.util.Locale.ROOT, " (%.1f%% of the row)", 100 * v / rowTotal)
                  : "";
        } else {
          double a = h.shading() == Heatmap.Shading.COLUMN ? lo[c] : allLo;
          double b = h.shading() == Heatmap.Shading.COLUMN ? hi[c] : allHi;
          // A column every row agrees on carries no contrast; mid-ramp avoids calling it low or
          // high.
          int rgb = Palette.blues(b > a ? (v - a) / (b - a) : 0.5);
          fill = Palette.hex(rgb);
          ink = Palette.textOn(rgb);
        }
        double x = left + c * cell;
        double y = top + r * cell;
        String attrs = "class=\"cell\" fill=\"" + fill + "\"";
        String text = NumberText.value(v);
        if (tooltips) {
          svg.rect(
              x,
              y,
              cell,
              cell,
              attrs,
              label(h.rowTitle(), h.rowLabels().get(r))
                  + ", "
                  + label(h.columnTitle(), h.columnLabels().get(c))
                  + ": "
                  + text
                  + share);
        } else {
          svg.rect(x, y, cell, cell, attrs);
        }
        double font = Math.min(12, cell * 0.36);
        if (cell >= 18 && text.length() * Frame.CHAR * font / 11 <= cell - 4) {
          svg.text(
              x + cell / 2,
              y + cell / 2 + font * 0.35,
              "middle",
              text,
              "class=\"value\" stroke=\"none\" fill=\""
                  + ink
                  + "\" font-size=\""
                  + SvgWriter.num(font)
                  + "\"");
        }
      }
    }
    svg.close();
    svg.rect(left - 0.5, top - 0.5, gridW + 1, gridH + 1, "fill=\"none\" stroke=\"#aaaaaa\"");

    String labelAttrs =
        "class=\"label\" fill=\""
            + Palette.INK
            + "\" font-size=\""
            + SvgWriter.num(labelFont)
            + "\"";
    svg.open("class=\"row-labels\"");
    for (int r = 0; r < rows; r += rowStep) {
      svg.text(
          left - 6,
          top + (r + 0.5) * cell + labelFont * 0.35,
          "end",
          Frame.shorten(h.rowLabels().get(r), MAX_LABEL_CHARS),
          labelAttrs);
    }
    svg.close();
    svg.open("class=\"column-labels\"");
    for (int c = 0; c < cols; c += colStep) {
      double x = left + (c + 0.5) * cell;
      String text = Frame.shorten(h.columnLabels().get(c), MAX_LABEL_CHARS);
      if (verticalColumns) {
        svg.verticalText(x + labelFont * 0.35, top + gridH + 6, "end", text, labelAttrs);
      } else {
        svg.text(x, top + gridH + labelFont + 4, "middle", text, labelAttrs);
      }
    }
    svg.close();
    if (!h.rowTitle().isEmpty()) {
      svg.verticalText(PAD + 8, top + gridH / 2, "middle", h.rowTitle(), Frame.TITLE_TEXT);
    }
    if (!h.columnTitle().isEmpty()) {
      svg.text(
          left + gridW / 2,
          top + gridH + columnSpace + 14,
          "middle",
          h.columnTitle(),
          Frame.TITLE_TEXT);
    }
    return svg.finish();
  }

  private static String label(String title, String label) {
    return title.isEmpty() ? label : title + " " + label;
  }

  private static int widest(java.util.List<String> labels) {
    int w = 1;
    for (String l : labels) {
      w = Math.max(w, Math.min(MAX_LABEL_CHARS, l.length()));
    }
    return w;
  }
}
