package io.lakeforge.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a self-contained HTML report for a trained model: metrics, the model's picture (cluster
 * gallery, confusion matrix, ...), the training cost curve as inline SVG, cluster sizes for
 * clusterings, hyperparameters and lineage.
 *
 * <p>The page loads nothing from the network and runs no script, so it can be opened straight
 * from object storage or a mail attachment, and it is safe to render values that came from
 * user-supplied configuration: every value is HTML-escaped.
 */
public final class ReportPage {

    static final String GALLERY_CAPTION = "one row per cluster: validation images assigned to it";

    static final int SVG_WIDTH = 640;
    static final int SVG_HEIGHT = 260;
    // Left margin is wide enough for a %.6g label such as "-1.23457e+07" at 11px.
    private static final int PLOT_LEFT = 84;
    private static final int PLOT_RIGHT = 16;
    private static final int PLOT_TOP = 14;
    private static final int PLOT_BOTTOM = 36;
    /** Beyond this many points the markers merge into a smear; the line alone reads better. */
    private static final int MAX_MARKERS = 60;

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;"
                    + "max-width:60rem;padding:0 1rem;color:#222;line-height:1.4}",
            "h1{margin-bottom:.2rem}",
            "h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}",
            ".meta{color:#555;margin-top:0}",
            "table{border-collapse:collapse;margin:.5rem 0}",
            "th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}",
            "th{background:#f5f5f5}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "code{font-family:ui-monospace,Menlo,Consolas,monospace}",
            "figure{margin:.5rem 0}",
            "figcaption{color:#555;font-size:.9rem}",
            "img.gallery{max-width:100%;image-rendering:pixelated;border:1px solid #ddd}",
            "img.chart{max-width:100%;border:1px solid #ddd}",
            ".swatch{display:inline-block;width:1em;height:1em;vertical-align:middle;border:1px solid #0003}",
            ".bar{display:inline-block;height:.7em;background:#8aa9c8;vertical-align:middle}",
            ".none{color:#888}",
            "svg text{font-size:11px;fill:#444}");

    private ReportPage() {
    }

    /** The complete HTML document for {@code data}; it declares UTF-8, so write it as UTF-8. */
    public static String html(ReportData data) {
        String title = data.title() == null || data.title().isBlank() ? "Lakeforge model report" : data.title();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");

        h.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"meta\">");
        h.append("Model <code>").append(escape(orNone(data.modelRef()))).append("</code>");
        if (data.generatedAt() != null && !data.generatedAt().isBlank()) {
            h.append(" &middot; generated ").append(escape(data.generatedAt()));
        }
        h.append("</p>\n");

        h.append("<h2>Metrics</h2>\n");
        if (data.metrics().isEmpty()) {
            h.append("<p class=\"none\">No metrics recorded.</p>\n");
        } else {
            h.append("<table>\n<tr><th>metric</th><th>value</th></tr>\n");
            for (Map.Entry<String, Double> e : data.metrics().entrySet()) {
                h.append("<tr><td>").append(escape(e.getKey())).append("</td><td class=\"num\">")
                        .append(escape(e.getValue() == null ? "\u2014" : significant(e.getValue(), 4)))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        appendPicture(h, data);

        h.append("<h2>Training cost</h2>\n");
        String curveLabel = data.costCurveLabel() == null || data.costCurveLabel().isBlank()
                ? "training cost" : data.costCurveLabel();
        if (data.costCurve().isEmpty()) {
            h.append("<p class=\"none\">No ").append(escape(curveLabel)).append(" was recorded.</p>\n");
        } else {
            h.append("<figure>\n").append(costSvg(data.costCurve(), curveLabel))
                    .append("<figcaption>").append(escape(curveLabel)).append("</figcaption>\n</figure>\n");
        }

        // Only clusterings have cluster sizes; other models would show a pointless empty section.
        if (!data.clusterSizes().isEmpty()) {
            h.append("<h2>Cluster sizes</h2>\n");
            appendClusterSizes(h, data.clusterSizes());
        }

        h.append("<h2>Hyperparameters</h2>\n");
        appendObjectTable(h, data.hyperparameters(), "parameter", "No hyperparameters recorded.");

        h.append("<h2>Lineage</h2>\n");
        appendObjectTable(h, data.lineage(), "item", "No lineage recorded.");

        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Escapes text for use in HTML element content and in double- or single-quoted attributes. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * {@code v} rounded to {@code digits} significant digits without trailing zeros; plain notation
     * for everyday magnitudes, scientific outside them so tiny or huge values stay short.
     */
    static String significant(double v, int digits) {
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

    /** Costs use %.6g: enough digits to see convergence in the last iterations. */
    static String cost(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : significant(v, 6);
    }

    /**
     * The model's picture under its heading. Without a heading it is the K-Means cluster gallery,
     * whose digits are scaled pixel art; charts are drawn smooth and keep smooth scaling.
     */
    private static void appendPicture(StringBuilder h, ReportData data) {
        boolean clusters = isBlank(data.pictureHeading());
        h.append("<h2>").append(escape(clusters ? "Clusters" : data.pictureHeading())).append("</h2>\n");
        if (isBlank(data.galleryFile())) {
            h.append(clusters ? "<p class=\"none\">No cluster gallery was written for this model.</p>\n"
                    : "<p class=\"none\">No picture was written for this model.</p>\n");
            return;
        }
        h.append("<figure>\n<img class=\"").append(clusters ? "gallery" : "chart").append("\" src=\"")
                .append(escape(relativeUrl(data.galleryFile()))).append("\" alt=\"");
        if (isBlank(data.galleryCaption())) {
            h.append(escape("Cluster gallery: " + GALLERY_CAPTION
                    + "; the coloured block at the left of each row identifies the cluster"))
                    .append("\">\n<figcaption>").append(escape(GALLERY_CAPTION));
            if (!data.clusterSizes().isEmpty()) {
                h.append(" (the coloured block matches the swatch in the cluster sizes table)");
            }
        } else {
            h.append(escape(data.galleryCaption())).append("\">\n<figcaption>").append(escape(data.galleryCaption()));
        }
        h.append("</figcaption>\n</figure>\n");
    }

    private static void appendClusterSizes(StringBuilder h, List<long[]> sizes) {
        long total = 0;
        long largest = 0;
        for (long[] pair : sizes) {
            total += Math.max(0, pair[1]);
            largest = Math.max(largest, pair[1]);
        }
        h.append("<table>\n<tr><th></th><th>cluster</th><th>records</th><th>share</th></tr>\n");
        for (long[] pair : sizes) {
            long cluster = pair[0];
            long count = pair[1];
            double share = total > 0 ? 100.0 * Math.max(0, count) / total : 0.0;
            // The bar is relative to the largest cluster so imbalance is visible even at k = 100.
            double barEm = largest > 0 ? 8.0 * Math.max(0, count) / largest : 0.0;
            h.append("<tr><td>");
            if (cluster >= Integer.MIN_VALUE && cluster <= Integer.MAX_VALUE) {
                h.append("<span class=\"swatch\" style=\"background:")
                        .append(String.format(Locale.ROOT, "#%06x", ClusterGallery.clusterRgb((int) cluster)))
                        .append("\"></span>");
            }
            h.append("</td><td class=\"num\">").append(cluster)
                    .append("</td><td class=\"num\">").append(count)
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f%%", share))
                    .append(String.format(Locale.ROOT, " <span class=\"bar\" style=\"width:%.2fem\"></span>", barEm))
                    .append("</td></tr>\n");
        }
        h.append("<tr><th></th><th>total</th><td class=\"num\">").append(total).append("</td><td></td></tr>\n");
        h.append("</table>\n");
    }

    private static void appendObjectTable(StringBuilder h, Map<String, Object> map, String keyHeader, String empty) {
        if (map.isEmpty()) {
            h.append("<p class=\"none\">").append(escape(empty)).append("</p>\n");
            return;
        }
        h.append("<table>\n<tr><th>").append(escape(keyHeader)).append("</th><th>value</th></tr>\n");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td><code>")
                    .append(escape(display(e.getValue()))).append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Renders a hyperparameter or lineage value; doubles get 6 significant digits, not 17. */
    static String display(Object value) {
        if (value == null) {
            return "\u2014";
        }
        if (value instanceof Double || value instanceof Float) {
            return significant(((Number) value).doubleValue(), 6);
        }
        if (value instanceof double[] a) {
            List<String> parts = new ArrayList<>(a.length);
            for (double d : a) {
                parts.add(significant(d, 6));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Object[] a) {
            return display(Arrays.asList(a));
        }
        if (value.getClass().isArray()) {
            // Remaining primitive arrays (int[], long[], ...): deepToString formats them elementwise.
            String s = Arrays.deepToString(new Object[] {value});
            return s.substring(1, s.length() - 1);
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>(c.size());
            for (Object o : c) {
                parts.add(display(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(value);
    }

    /**
     * Percent-encodes everything outside a conservative path alphabet. That keeps file names with
     * spaces working and turns a would-be scheme such as {@code javascript:} into a harmless
     * relative path, since ':' is encoded.
     */
    static String relativeUrl(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
            if (safe) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /**
     * A line chart of {@code costs} against iteration or epoch (1-based). Non-finite costs (a diverging
     * run) are left out of the line and the y range but keep their x position.
     */
    static String costSvg(List<Double> costs, String label) {
        int n = costs.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (Double c : costs) {
            if (c != null && Double.isFinite(c)) {
                min = Math.min(min, c);
                max = Math.max(max, c);
                finite++;
            }
        }
        double plotW = SVG_WIDTH - PLOT_LEFT - PLOT_RIGHT;
        double plotH = SVG_HEIGHT - PLOT_TOP - PLOT_BOTTOM;
        double left = PLOT_LEFT;
        double bottom = SVG_HEIGHT - PLOT_BOTTOM;

        StringBuilder s = new StringBuilder(256 + 16 * n);
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n",
                SVG_WIDTH, SVG_HEIGHT, SVG_WIDTH, SVG_HEIGHT, escape(label)));
        s.append("<title>").append(escape(label)).append("</title>\n");
        s.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n", left, bottom, left + plotW, bottom));
        s.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n", left, (double) PLOT_TOP, left, bottom));

        List<double[]> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Double c = costs.get(i);
            if (c == null || !Double.isFinite(c)) {
                continue;
            }
            // A single iteration sits mid-axis; a flat curve sits mid-height rather than on an edge.
            double x = n == 1 ? left + plotW / 2 : left + plotW * i / (n - 1);
            double y = max > min ? PLOT_TOP + plotH * (max - c) / (max - min) : PLOT_TOP + plotH / 2;
            points.add(new double[] {x, y});
        }
        if (!points.isEmpty()) {
            s.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
            for (int i = 0; i < points.size(); i++) {
                if (i > 0) {
                    s.append(' ');
                }
                s.append(String.format(Locale.ROOT, "%.1f,%.1f", points.get(i)[0], points.get(i)[1]));
            }
            s.append("\"/>\n");
            if (points.size() <= MAX_MARKERS) {
                for (double[] p : points) {
                    s.append(String.format(Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#1f77b4\"/>\n", p[0], p[1]));
                }
            }
            // y labels: max at the top, min at the bottom (or the one value, mid-height).
            if (max > min) {
                s.append(yLabel(left, PLOT_TOP + 4, cost(max)));
                s.append(yLabel(left, bottom, cost(min)));
            } else {
                s.append(yLabel(left, PLOT_TOP + plotH / 2 + 4, cost(min)));
            }
        }
        s.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">1</text>\n",
                n == 1 ? left + plotW / 2 : left, bottom + 14, n == 1 ? "middle" : "start"));
        if (n > 1) {
            s.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", left + plotW, bottom + 14, n));
        }
        // Mini-batch trainers report per epoch, Lloyd's algorithm per iteration; follow the label.
        String unit = label.toLowerCase(Locale.ROOT).contains("epoch") ? "epoch" : "iteration";
        String xTitle = finite < n ? unit + " (" + (n - finite) + " non-finite values not drawn)" : unit;
        s.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                left + plotW / 2, bottom + 28.0, escape(xTitle)));
        s.append("</svg>\n");
        return s.toString();
    }

    private static String yLabel(double left, double y, String text) {
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", left - 6, y, escape(text));
    }

    private static String orNone(String s) {
        return isBlank(s) ? "(unregistered)" : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
