package io.lakeforge.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders a regressor's predictions against the true values for the model report. Both axes share
 * one scale, so a perfect model puts every point on the dashed y = x diagonal and the vertical
 * distance of a point from it is its error.
 */
public final class PredictionScatter {

    /** A caption for {@link ReportData#galleryCaption()} that explains the encoding. */
    public static final String CAPTION = "one point per record: actual value across, prediction up; "
            + "points on the dashed diagonal are predicted exactly";

    /** More points than this are thinned to an evenly spaced subset; they would only overplot. */
    static final int MAX_POINTS = 5_000;
    static final int LEFT = 66;
    static final int RIGHT = 18;
    static final int TOP = 18;
    static final int BOTTOM = 46;
    static final int PLOT = 400;
    static final int POINT = Charts.BLUE;
    static final int DIAGONAL = 0x444444;
    private static final float LABEL = 10f;

    private PredictionScatter() {
    }

    /** Maps values to pixels; the same mapping serves both axes. */
    record Scale(double lo, double hi) {
        double x(double v) {
            return LEFT + PLOT * (v - lo) / (hi - lo);
        }

        double y(double v) {
            return TOP + PLOT * (hi - v) / (hi - lo);
        }
    }

    /**
     * Draws {@code predicted[i]} against {@code actual[i]}. Pairs with a NaN or infinite value are
     * skipped and counted in a note on the picture.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static BufferedImage render(double[] actual, double[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values but predicted has "
                    + predicted.length + "; they must be paired record by record");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("actual and predicted are empty; nothing to plot");
        }
        Scale s = scale(actual, predicted);
        int[] shown = sample(actual.length);
        BufferedImage img = new BufferedImage(LEFT + PLOT + RIGHT, TOP + PLOT + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img);
        try {
            Charts.Pen pen = new Charts.Pen(g);
            double step = Charts.niceStep(s.hi() - s.lo(), 5);
            // Ticks as multiples of the step, not a running sum, so 0.1 + 0.2 never prints as 0.30000000000000004.
            for (long k = (long) Math.ceil(s.lo() / step); k * step <= s.hi(); k++) {
                double v = k * step;
                Charts.line(g, Charts.GRID, 1f, s.x(v), TOP, s.x(v), TOP + PLOT);
                Charts.line(g, Charts.GRID, 1f, LEFT, s.y(v), LEFT + PLOT, s.y(v));
                String label = Charts.tickLabel(v, step);
                pen.text(label, s.x(v), TOP + PLOT + 10, 0, LABEL, Charts.INK, false);
                pen.text(label, LEFT - 6, s.y(v), 1, LABEL, Charts.INK, false);
            }
            // Translucent points show where they pile up; small clouds get bigger, opaque points.
            boolean dense = shown.length > 500;
            Color colour = new Color(POINT >> 16 & 0xFF, POINT >> 8 & 0xFF, POINT & 0xFF, dense ? 110 : 200);
            for (int i : shown) {
                if (Double.isFinite(actual[i]) && Double.isFinite(predicted[i])) {
                    Charts.dot(g, colour, s.x(actual[i]), s.y(predicted[i]), dense ? 2.0 : 3.0);
                }
            }
            // The diagonal goes on top, dashed, so a dense cloud cannot hide how far it is off.
            g.setColor(new Color(DIAGONAL));
            float[] dashes = {6f, 4f};
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes, 0f));
            g.draw(new Line2D.Double(s.x(s.lo()), s.y(s.lo()), s.x(s.hi()), s.y(s.hi())));
            int skipped = 0;
            for (int i = 0; i < actual.length; i++) {
                skipped += Double.isFinite(actual[i]) && Double.isFinite(predicted[i]) ? 0 : 1;
            }
            Charts.line(g, 0x888888, 1f, LEFT, TOP, LEFT, TOP + PLOT);
            Charts.line(g, 0x888888, 1f, LEFT, TOP + PLOT, LEFT + PLOT, TOP + PLOT);
            pen.text("actual", LEFT + PLOT / 2.0, TOP + PLOT + 30, 0, 11f, Charts.INK, false);
            pen.text("predicted", 14, TOP + PLOT / 2.0, 0, 11f, Charts.INK, true);
            String note = shown.length < actual.length
                    ? String.format(Locale.ROOT, "%,d of %,d records shown", shown.length, actual.length) : "";
            if (skipped > 0) {
                note += (note.isEmpty() ? "" : "; ") + skipped + " with non-finite values not drawn";
            }
            if (!note.isEmpty()) {
                pen.text(note, LEFT + 6, TOP + 8, -1, LABEL, 0x666666, false);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * One square range for both axes over the finite values, padded so edge points are whole.
     * A single distinct value gets a unit-wide range around it rather than a division by zero.
     */
    static Scale scale(double[] actual, double[] predicted) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            if (Double.isFinite(actual[i]) && Double.isFinite(predicted[i])) {
                lo = Math.min(lo, Math.min(actual[i], predicted[i]));
                hi = Math.max(hi, Math.max(actual[i], predicted[i]));
            }
        }
        if (lo > hi) {
            return new Scale(0, 1);
        }
        double pad = hi > lo ? (hi - lo) * 0.04 : Math.max(0.5, Math.abs(lo) * 0.1);
        return new Scale(lo - pad, hi + pad);
    }

    /**
     * Indices of the points to draw: all of them up to {@link #MAX_POINTS}, else that many evenly
     * spaced ones. Evenly spaced rather than random so that the same data gives the same picture.
     */
    static int[] sample(int n) {
        int m = Math.min(n, MAX_POINTS);
        int[] idx = new int[m];
        for (int k = 0; k < m; k++) {
            idx[k] = (int) ((long) k * n / m);
        }
        return idx;
    }
}
