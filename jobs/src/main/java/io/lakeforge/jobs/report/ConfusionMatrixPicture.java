package io.lakeforge.jobs.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Renders a classifier's confusion matrix for the model report: one row per actual class, one
 * column per predicted class, each cell shaded by its share of the row and labelled with its
 * count. Row shares rather than raw counts keep rare classes readable next to common ones.
 */
public final class ConfusionMatrixPicture {

    /** A caption for {@link ReportData#galleryCaption()} that explains the encoding. */
    public static final String CAPTION = "rows are the actual class, columns the predicted class; "
            + "the darker a cell, the larger its share of the row; numbers are record counts";

    /** The grid never exceeds this many pixels a side (until every cell is down to one pixel). */
    static final int MAX_GRID = 600;
    static final int MAX_CELL = 64;
    static final int PAD = 10;
    /** Cells with no records keep the background colour, so "none" differs from "a few". */
    static final int EMPTY = Charts.BACKGROUND;
    /** The lightest shade a non-empty cell gets, so a single confusion is still visible. */
    static final double MIN_SHADE = 0.12;
    /** Longer class names are cut with an ellipsis; this also bounds the picture's width. */
    static final int MAX_NAME_CHARS = 16;
    private static final float TITLE_SIZE = 13f;
    /** Room for one axis title, with air between it and the class names. */
    private static final int TITLE_SPACE = 25;
    private static final float MIN_TEXT = 8f;

    private ConfusionMatrixPicture() {
    }

    /** Where things go; independent of fonts, so the picture's size is the same on every machine. */
    record Layout(int cell, float nameSize, boolean verticalColumnNames, int gridX, int gridY, int width, int height) {
    }

    /**
     * Draws {@code counts[actual][predicted]} with {@code classNames.get(i)} naming row and
     * column {@code i}. Counts are printed only when they fit their cells, and class names only
     * when cells are at least 8 pixels, so 50 classes still give a readable colour grid.
     *
     * @throws IllegalArgumentException if the matrix is empty or not square, a count is negative,
     *                                  or there is not exactly one name per class
     */
    public static BufferedImage render(long[][] counts, List<String> classNames) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(classNames, "classNames");
        int n = counts.length;
        if (n == 0) {
            throw new IllegalArgumentException("counts is empty; a confusion matrix needs at least one class");
        }
        long max = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] == null || counts[i].length != n) {
                throw new IllegalArgumentException("counts must be square (one row and one column per class): row "
                        + i + " has " + (counts[i] == null ? "no" : String.valueOf(counts[i].length))
                        + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                if (counts[i][j] < 0) {
                    throw new IllegalArgumentException(
                            "counts[" + i + "][" + j + "] is negative: " + counts[i][j]);
                }
                max = Math.max(max, counts[i][j]);
            }
        }
        if (classNames.size() != n) {
            throw new IllegalArgumentException("classNames has " + classNames.size()
                    + " names but counts is " + n + "x" + n + "; give one name per class");
        }
        Layout l = layout(classNames);
        BufferedImage img = new BufferedImage(l.width(), l.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img);
        try {
            Charts.Pen pen = new Charts.Pen(g);
            float countSize = countSize(pen, l.cell(), String.valueOf(max));
            for (int i = 0; i < n; i++) {
                long total = 0;
                for (long c : counts[i]) {
                    total += c;
                }
                for (int j = 0; j < n; j++) {
                    long c = counts[i][j];
                    int rgb = c == 0 ? EMPTY : Charts.blues(MIN_SHADE + (1 - MIN_SHADE) * c / total);
                    int x = l.gridX() + j * l.cell();
                    int y = l.gridY() + i * l.cell();
                    Charts.fill(g, rgb, x, y, l.cell(), l.cell());
                    if (countSize > 0) {
                        pen.text(String.valueOf(c), x + l.cell() / 2.0, y + l.cell() / 2.0, 0, countSize,
                                c == 0 ? 0x999999 : Charts.textOn(rgb), false);
                    }
                }
            }
            drawGridLines(g, l, n);
            drawLabels(pen, l, classNames);
        } finally {
            g.dispose();
        }
        return img;
    }

    static Layout layout(List<String> classNames) {
        int n = classNames.size();
        int cell = Math.max(1, Math.min(MAX_CELL, MAX_GRID / n));
        float nameSize = cell < 8 ? 0f : (float) Math.min(12.0, Math.max(7.0, cell * 0.7));
        int longest = 1;
        for (String name : classNames) {
            longest = Math.max(longest, Math.min(MAX_NAME_CHARS, String.valueOf(name).length()));
        }
        int nameSpace = nameSize == 0 ? 0 : (int) Math.ceil(longest * nameSize * Charts.CHAR_WIDTH) + 8;
        // Column names run vertically once they would collide with their neighbours.
        boolean vertical = nameSpace - 8 > cell - 4;
        int columnSpace = nameSize == 0 ? 0 : vertical ? nameSpace : (int) nameSize + 8;
        int gridX = PAD + TITLE_SPACE + nameSpace;
        int gridY = PAD;
        int grid = n * cell;
        return new Layout(cell, nameSize, vertical, gridX, gridY, gridX + grid + PAD,
                gridY + grid + columnSpace + TITLE_SPACE + PAD);
    }

    /** The largest font size at which the widest count fits its cell, or 0 for no counts. */
    private static float countSize(Charts.Pen pen, int cell, String widest) {
        for (float size = (float) Math.min(14.0, cell * 0.4); size >= MIN_TEXT; size--) {
            if (pen.width(widest, size) <= cell - 4) {
                return size;
            }
        }
        return 0f;
    }

    private static void drawGridLines(Graphics2D g, Layout l, int n) {
        int grid = n * l.cell();
        // Hairlines only where cells are big enough that they do not swallow the colours.
        if (l.cell() >= 6) {
            for (int k = 1; k < n; k++) {
                Charts.fill(g, Charts.GRID, l.gridX() + k * l.cell(), l.gridY(), 1, grid);
                Charts.fill(g, Charts.GRID, l.gridX(), l.gridY() + k * l.cell(), grid, 1);
            }
        }
        g.setColor(new Color(0xAAAAAA));
        g.drawRect(l.gridX() - 1, l.gridY() - 1, grid + 1, grid + 1);
    }

    private static void drawLabels(Charts.Pen pen, Layout l, List<String> names) {
        int n = names.size();
        int grid = n * l.cell();
        float size = l.nameSize();
        if (size > 0) {
            double nameWidth = Math.ceil(MAX_NAME_CHARS * size * Charts.CHAR_WIDTH);
            double rowNameRight = l.gridX() - 5;
            double rowNameMax = rowNameRight - (PAD + TITLE_SPACE);
            for (int i = 0; i < n; i++) {
                String name = String.valueOf(names.get(i));
                double centre = l.gridY() + (i + 0.5) * l.cell();
                pen.text(pen.fit(name, size, Math.min(nameWidth, rowNameMax)), rowNameRight, centre, 1, size,
                        Charts.INK, false);
                double x = l.gridX() + (i + 0.5) * l.cell();
                if (l.verticalColumnNames()) {
                    pen.text(pen.fit(name, size, rowNameMax), x, l.gridY() + grid + 5, 1, size, Charts.INK, true);
                } else {
                    pen.text(pen.fit(name, size, l.cell() - 2), x, l.gridY() + grid + 4 + size / 2, 0, size,
                            Charts.INK, false);
                }
            }
        }
        double titleCentre = PAD + TITLE_SIZE / 2 + 2;
        pen.text("actual", titleCentre, l.gridY() + grid / 2.0, 0, TITLE_SIZE, Charts.INK, true);
        pen.text("predicted", l.gridX() + grid / 2.0, l.height() - PAD - TITLE_SIZE / 2 - 2, 0, TITLE_SIZE,
                Charts.INK, false);
    }
}
