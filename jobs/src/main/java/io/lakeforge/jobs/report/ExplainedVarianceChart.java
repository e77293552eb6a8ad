package io.lakeforge.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Renders a PCA model's explained variance for the model report: one bar per principal
 * component with its share of the total variance, and the cumulative share as a line, which is
 * what one reads off to choose how many components to keep.
 */
public final class ExplainedVarianceChart {

    /** A caption for {@link ReportData#galleryCaption()} that explains the encoding. */
    public static final String CAPTION = "bars: share of the total variance each principal component explains; "
            + "line: cumulative share of the first components";

    static final int LEFT = 58;
    static final int RIGHT = 18;
    static final int TOP = 34;
    static final int BOTTOM = 44;
    static final int PLOT_HEIGHT = 220;
    static final int MIN_PLOT_WIDTH = 240;
    static final int MAX_PLOT_WIDTH = 720;
    /** Preferred pixels per component; many components share the maximum width instead. */
    static final int SLOT = 28;
    static final int BAR = Charts.BLUE;
    static final int LINE = Charts.ORANGE;
    /** Ratios computed in floating point may sum to slightly more than 1. */
    static final double SUM_TOLERANCE = 1e-6;
    private static final float LABEL = 10f;

    private ExplainedVarianceChart() {
    }

    /** Geometry of a chart with {@code n} components; pixels, y growing downwards. */
    record Layout(int n, int plotWidth) {
        double slot() {
            return (double) plotWidth / n;
        }

        /** Centre of component {@code i} (0-based). */
        double x(int i) {
            return LEFT + (i + 0.5) * slot();
        }

        static double y(double ratio) {
            return TOP + PLOT_HEIGHT * (1 - Math.min(1.0, ratio));
        }

        int width() {
            return LEFT + plotWidth + RIGHT;
        }

        static int height() {
            return TOP + PLOT_HEIGHT + BOTTOM;
        }
    }

    static Layout layout(int n) {
        return new Layout(n, (int) Math.max(MIN_PLOT_WIDTH, Math.min(MAX_PLOT_WIDTH, (long) n * SLOT)));
    }

    /**
     * Draws the chart for {@code explainedVarianceRatio[i]}, component {@code i + 1}'s share of the
     * total variance (Spark's {@code PCAModel.explainedVariance}).
     *
     * @throws IllegalArgumentException if there are no ratios, one is NaN, infinite or negative, or
     *                                  they add up to more than 1
     */
    public static BufferedImage render(double[] explainedVarianceRatio) {
        double[] ratios = Objects.requireNonNull(explainedVarianceRatio, "explainedVarianceRatio");
        if (ratios.length == 0) {
            throw new IllegalArgumentException("explainedVarianceRatio is empty; expected one ratio per component");
        }
        double sum = 0;
        for (int i = 0; i < ratios.length; i++) {
            double r = ratios[i];
            if (!Double.isFinite(r) || r < 0) {
                throw new IllegalArgumentException("explainedVarianceRatio[" + i + "] is " + r
                        + "; ratios must be finite and not negative");
            }
            sum += r;
        }
        if (sum > 1 + SUM_TOLERANCE) {
            throw new IllegalArgumentException("explainedVarianceRatio sums to " + ReportPage.significant(sum, 6)
                    + ", more than 1; pass each component's share of the total variance, not its variance");
        }
        int n = ratios.length;
        Layout l = layout(n);
        BufferedImage img = new BufferedImage(l.width(), Layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img);
        try {
            Charts.Pen pen = new Charts.Pen(g);
            double bottom = Layout.y(0);
            for (int t = 0; t <= 5; t++) {
                double v = t / 5.0;
                Charts.line(g, Charts.GRID, 1f, LEFT, Layout.y(v), LEFT + l.plotWidth(), Layout.y(v));
                pen.text(Charts.tickLabel(v, 0.2), LEFT - 6, Layout.y(v), 1, LABEL, Charts.INK, false);
            }
            double barWidth = Math.max(1.0, l.slot() * 0.7);
            for (int i = 0; i < n; i++) {
                Charts.fill(g, BAR, l.x(i) - barWidth / 2, Layout.y(ratios[i]), barWidth, bottom - Layout.y(ratios[i]));
            }
            Charts.line(g, 0x888888, 1f, LEFT, TOP, LEFT, bottom);
            Charts.line(g, 0x888888, 1f, LEFT, bottom, LEFT + l.plotWidth(), bottom);

            Path2D.Double cumulative = new Path2D.Double();
            double running = 0;
            for (int i = 0; i < n; i++) {
                running += ratios[i];
                if (i == 0) {
                    cumulative.moveTo(l.x(i), Layout.y(running));
                } else {
                    cumulative.lineTo(l.x(i), Layout.y(running));
                }
            }
            g.setColor(new Color(LINE));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(cumulative);
            // Markers only while they stay apart; beyond that they merge into a thick line.
            if (l.slot() >= 8) {
                running = 0;
                for (int i = 0; i < n; i++) {
                    running += ratios[i];
                    Charts.dot(g, new Color(LINE), l.x(i), Layout.y(running), 3.0);
                }
            }

            int step = labelStep(l.slot());
            for (int c = 1; c <= n; c++) {
                if (c == 1 || c % step == 0) {
                    pen.text(String.valueOf(c), l.x(c - 1), bottom + 10, 0, LABEL, Charts.INK, false);
                }
            }
            pen.text("principal component", LEFT + l.plotWidth() / 2.0, bottom + 29, 0, 11f, Charts.INK, false);
            pen.text("share of variance", 14, TOP + PLOT_HEIGHT / 2.0, 0, 11f, Charts.INK, true);

            double legendY = TOP / 2.0;
            Charts.fill(g, BAR, LEFT, legendY - 5, 10, 10);
            pen.text("per component", LEFT + 15, legendY, -1, LABEL, Charts.INK, false);
            double lineX = LEFT + 30 + pen.width("per component", LABEL);
            Charts.line(g, LINE, 2f, lineX, legendY, lineX + 18, legendY);
            Charts.dot(g, new Color(LINE), lineX + 9, legendY, 3.0);
            pen.text("cumulative", lineX + 23, legendY, -1, LABEL, Charts.INK, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Label every component, or every 2nd, 5th, 10th, ... so that numbers never touch. */
    static int labelStep(double slot) {
        for (int step = 1; ; step *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m * slot >= 26) {
                    return step * m;
                }
            }
        }
    }
}
