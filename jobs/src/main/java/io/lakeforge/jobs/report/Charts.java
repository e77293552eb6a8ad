package io.lakeforge.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Drawing helpers shared by the chart pictures ({@link ConfusionMatrixPicture},
 * {@link ExplainedVarianceChart}, {@link PredictionScatter}): canvas setup, axis ticks, a
 * sequential colour ramp, and text that degrades to nothing when the JVM has no usable fonts.
 */
final class Charts {

    static final int BACKGROUND = 0xFFFFFF;
    static final int INK = 0x333333;
    static final int GRID = 0xE3E3E3;
    /** tab10 blue and orange, the colours of the cost curve and of most notebook plots. */
    static final int BLUE = 0x1F77B4;
    static final int ORANGE = 0xFF7F0E;
    /** ColorBrewer "Blues": light to dark, so "more" reads as "darker" even in greyscale. */
    private static final int[] BLUES = {
        0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B,
    };
    /** Average advance of a sans-serif glyph relative to the font size, for layout without fonts. */
    static final double CHAR_WIDTH = 0.6;

    private Charts() {
    }

    /** A white canvas with anti-aliasing on; the caller disposes the graphics. */
    static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        fill(g, BACKGROUND, 0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    static void fill(Graphics2D g, int rgb, double x, double y, double w, double h) {
        g.setColor(new Color(rgb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    static void line(Graphics2D g, int rgb, float width, double x1, double y1, double x2, double y2) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    static void dot(Graphics2D g, Color c, double x, double y, double radius) {
        g.setColor(c);
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    /** {@code t} in 0..1 along the light-to-dark blue ramp. */
    static int blues(double t) {
        double pos = (t > 0.0 ? Math.min(1.0, t) : 0.0) * (BLUES.length - 1);
        int i = Math.min(BLUES.length - 2, (int) pos);
        double f = pos - i;
        int a = BLUES[i];
        int b = BLUES[i + 1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            rgb |= (int) Math.round(((a >> shift) & 0xFF) * (1 - f) + ((b >> shift) & 0xFF) * f) << shift;
        }
        return rgb;
    }

    /**
     * Text colour for a label on {@code rgb}: white where it contrasts better than dark ink,
     * i.e. where the WCAG relative luminance is below the 0.179 crossover.
     */
    static int textOn(int rgb) {
        double l = 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
        return l < 0.179 ? 0xFFFFFF : 0x111111;
    }

    private static double linear(int channel) {
        double c = (channel & 0xFF) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** A 1-2-5 step giving about {@code target} intervals over {@code range}. */
    static double niceStep(double range, int target) {
        double raw = range / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    /** A tick value with just the decimals its step needs, so 0.2 steps do not print 0.6000000001. */
    static String tickLabel(double v, double step) {
        if (Math.abs(v) < step * 1e-9) {
            return "0";
        }
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        if (decimals > 5 || Math.abs(v) >= 1e6) {
            return ReportPage.significant(v, 3);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * Draws labels on one picture. Headless JVMs on minimal images may have no fonts, and AWT
     * then fails at the first text call with assorted errors; the picture is still worth having,
     * so the first failure switches text off for the rest of this picture instead of failing it.
     */
    static final class Pen {
        private final Graphics2D g;
        private boolean broken;

        Pen(Graphics2D g) {
            this.g = g;
        }

        boolean broken() {
            return broken;
        }

        /**
         * Draws {@code s} centred vertically on {@code y}; {@code align} -1, 0, 1 puts {@code x} at
         * its left end, middle or right end. {@code vertical} reads bottom to top.
         */
        void text(String s, double x, double y, int align, float size, int rgb, boolean vertical) {
            guard(() -> {
                Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(size);
                FontMetrics fm = g.getFontMetrics(font);
                double w = fm.stringWidth(s);
                AffineTransform saved = g.getTransform();
                g.translate(x, y);
                if (vertical) {
                    g.rotate(-Math.PI / 2);
                }
                g.setFont(font);
                g.setColor(new Color(rgb));
                g.drawString(s, (float) (-w * (align + 1) / 2), (float) (fm.getAscent() - fm.getDescent()) / 2f);
                g.setTransform(saved);
            });
        }

        /** {@code s} shortened with an ellipsis until it is at most {@code max} pixels wide. */
        String fit(String s, float size, double max) {
            if (width(s, size) <= max) {
                return s;
            }
            int keep = s.length();
            while (keep > 1 && width(s.substring(0, keep - 1) + "\u2026", size) > max) {
                keep--;
            }
            return s.substring(0, Math.max(0, keep - 1)) + "\u2026";
        }

        /** Pixel width of {@code s}, or an estimate when fonts are unusable. */
        double width(String s, float size) {
            double[] w = {s.length() * size * CHAR_WIDTH};
            guard(() -> w[0] = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(size))
                    .stringWidth(s));
            return w[0];
        }

        void guard(Runnable textWork) {
            if (broken) {
                return;
            }
            try {
                textWork.run();
            } catch (RuntimeException | Error e) {
                // Font setup fails as NullPointerException, InternalError, UnsatisfiedLinkError or a
                // bare Error("...No fonts found") depending on what is missing; all mean "no text".
                if (e instanceof VirtualMachineError && !(e instanceof InternalError)) {
                    throw e;
                }
                broken = true;
            }
        }
    }
}
