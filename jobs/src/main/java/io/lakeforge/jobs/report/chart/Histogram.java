package io.lakeforge.jobs.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Counts per bin over a numeric axis, with optional marker lines such as a classifier's decision
 * threshold on a histogram of its scores. Bin {@code i} spans {@code edges[i]..edges[i + 1]}.
 *
 * @param title the SVG's accessible title
 * @param x the binned axis
 * @param countTitle what the bar heights count, e.g. "records"
 * @param edges ascending bin edges, one more than {@code counts}
 * @param counts how many fall into each bin; finite and not negative
 * @param markers dashed vertical lines at values on the x axis
 */
public record Histogram(
    String title,
    Axis x,
    String countTitle,
    double[] edges,
    double[] counts,
    List<ReferenceLine> markers)
    implements Chart {

  public Histogram {
    title = title == null ? "" : title;
    Objects.requireNonNull(x, "x axis");
    countTitle = countTitle == null ? "" : countTitle.strip();
    edges = Objects.requireNonNull(edges, "edges").clone();
    counts = Objects.requireNonNull(counts, "counts").clone();
    if (edges.length != counts.length + 1) {
      throw new IllegalArgumentException(
          "histogram has "
              + edges.length
              + " edges for "
              + counts.length
              + " bins; give one more edge than bins");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!x.canShow(edges[i]) || i > 0 && !(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException(
            "histogram edge "
                + i
                + " is "
                + edges[i]
                + "; edges must be finite, strictly ascending"
                + (x.log() ? " and positive on a log axis" : ""));
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (!Double.isFinite(counts[i]) || counts[i] < 0) {
        throw new IllegalArgumentException(
            "histogram count "
                + i
                + " is "
                + counts[i]
                + "; counts must be finite and not negative");
      }
    }
    markers = markers == null ? List.of() : List.copyOf(markers);
  }

  /**
   * Counts of {@code values} in {@code bins} equal-width bins between their smallest and largest
   * finite value; non-finite values are not counted.
   */
  public static Histogram of(
      String title, String xTitle, String countTitle, double[] values, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    } else if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = i == bins ? hi : lo + (hi - lo) * i / bins;
    }
    double[] counts = new double[bins];
    for (double v : values) {
      if (Double.isFinite(v)) {
        counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
      }
    }
    return new Histogram(title, Axis.linear(xTitle), countTitle, edges, counts, List.of());
  }

  /** This histogram with one more marker line. */
  public Histogram withMarker(ReferenceLine marker) {
    List<ReferenceLine> all = new ArrayList<>(markers);
    all.add(Objects.requireNonNull(marker, "marker"));
    return new Histogram(title, x, countTitle, edges, counts, all);
  }

  @Override
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public double[] counts() {
    return counts.clone();
  }

  @Override
  public String svg() {
    return HistogramSvg.render(this, edges, counts);
  }
}
