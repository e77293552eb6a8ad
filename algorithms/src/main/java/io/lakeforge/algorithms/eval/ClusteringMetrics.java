package io.lakeforge.algorithms.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * External quality of a clustering against known labels: normalised mutual information (NMI),
 * purity and cluster accuracy. All three are computed from the cluster-by-label contingency table,
 * so a distributed job only has to count pairs and can hand the small table to this class.
 */
public final class ClusteringMetrics {
  private final double nmi;
  private final double purity;
  private final double clusterAccuracy;

  private ClusteringMetrics(double nmi, double purity, double clusterAccuracy) {
    this.nmi = nmi;
    this.purity = purity;
    this.clusterAccuracy = clusterAccuracy;
  }

  /**
   * Computes the metrics from a contingency table.
   *
   * <p>NMI uses the arithmetic-mean normalisation, {@code MI / ((H(U) + H(V)) / 2)}, like
   * scikit-learn's default. It is 1.0 when both partitions are trivial (a single non-empty cluster
   * and a single label) and 0.0 when only one of them is.
   *
   * @param contingency {@code contingency[cluster][label]} = number of rows in that cluster with
   *     that label; rectangular, non-negative, with a positive total
   * @throws IllegalArgumentException if the table is null, ragged, has a negative count or sums to
   *     zero
   */
  public static ClusteringMetrics fromContingency(long[][] contingency) {
    if (contingency == null) {
      throw new IllegalArgumentException("contingency table must not be null");
    }
    int numClusters = contingency.length;
    int numLabels = numClusters == 0 || contingency[0] == null ? 0 : contingency[0].length;
    long[] clusterSizes = new long[numClusters];
    long[] labelSizes = new long[numLabels];
    long total = 0;
    for (int c = 0; c < numClusters; c++) {
      long[] row = contingency[c];
      if (row == null) {
        throw new IllegalArgumentException("contingency row " + c + " is null");
      }
      if (row.length != numLabels) {
        throw new IllegalArgumentException(
            "contingency table must be rectangular: row "
                + c
                + " has "
                + row.length
                + " labels but row 0 has "
                + numLabels);
      }
      for (int l = 0; l < numLabels; l++) {
        long count = row[l];
        if (count < 0) {
          throw new IllegalArgumentException(
              "contingency counts must be non-negative, got "
                  + count
                  + " at ["
                  + c
                  + "]["
                  + l
                  + "]");
        }
        clusterSizes[c] += count;
        labelSizes[l] += count;
        total = Math.addExact(total, count);
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException(
          "contingency table is empty: there are no rows to evaluate");
    }

    double n = total;
    double clusterEntropy = entropy(clusterSizes, n);
    double labelEntropy = entropy(labelSizes, n);
    double nmi;
    if (clusterEntropy == 0.0 && labelEntropy == 0.0) {
      nmi = 1.0;
    } else if (clusterEntropy == 0.0 || labelEntropy == 0.0) {
      nmi = 0.0;
    } else {
      double mi = 0.0;
      for (int c = 0; c < numClusters; c++) {
        for (int l = 0; l < numLabels; l++) {
          long count = contingency[c][l];
          if (count > 0) {
            // Ratio in doubles: count * total can overflow a long on large tables.
            mi += (count / n) * Math.log(count * n / ((double) clusterSizes[c] * labelSizes[l]));
          }
        }
      }
      // Rounding can push an exact 0 slightly negative or an exact 1 slightly above 1; keep the
      // score inside its mathematical range so callers can compare against thresholds safely.
      nmi = Math.min(1.0, Math.max(0.0, mi / ((clusterEntropy + labelEntropy) / 2.0)));
    }

    long majority = 0;
    for (long[] row : contingency) {
      long best = 0;
      for (long count : row) {
        best = Math.max(best, count);
      }
      majority += best;
    }

    int[] match = HungarianMatcher.maximize(contingency);
    long matched = 0;
    for (int c = 0; c < numClusters; c++) {
      if (match[c] >= 0) {
        matched += contingency[c][match[c]];
      }
    }

    return new ClusteringMetrics(nmi, majority / n, matched / n);
  }

  /**
   * Builds the contingency table of a clustering against labels.
   *
   * @param clusters the cluster id of each row, in {@code [0, numClusters)}
   * @param labels the label of each row, in {@code [0, numLabels)}; same length as clusters
   * @return {@code table[cluster][label]} = number of rows with that cluster and label
   * @throws IllegalArgumentException on null or different-length arrays, negative sizes or an id
   *     out of range
   */
  public static long[][] contingency(int[] clusters, int[] labels, int numClusters, int numLabels) {
    if (clusters == null || labels == null) {
      throw new IllegalArgumentException("clusters and labels must not be null");
    }
    if (clusters.length != labels.length) {
      throw new IllegalArgumentException(
          "clusters and labels must have the same length, got "
              + clusters.length
              + " and "
              + labels.length);
    }
    if (numClusters < 0 || numLabels < 0) {
      throw new IllegalArgumentException(
          "numClusters and numLabels must be non-negative, got "
              + numClusters
              + " and "
              + numLabels);
    }
    long[][] table = new long[numClusters][numLabels];
    for (int i = 0; i < clusters.length; i++) {
      int c = clusters[i];
      int l = labels[i];
      if (c < 0 || c >= numClusters) {
        throw new IllegalArgumentException(
            "cluster id " + c + " at index " + i + " is outside [0, " + numClusters + ")");
      }
      if (l < 0 || l >= numLabels) {
        throw new IllegalArgumentException(
            "label " + l + " at index " + i + " is outside [0, " + numLabels + ")");
      }
      table[c][l]++;
    }
    return table;
  }

  private static double entropy(long[] sizes, double n) {
    double h = 0.0;
    for (long size : sizes) {
      if (size > 0) {
        double p = size / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  public double nmi() {
    return nmi;
  }

  public double purity() {
    return purity;
  }

  public double clusterAccuracy() {
    return clusterAccuracy;
  }

  /**
   * The metrics under the names used in reports, in this order: "nmi", "purity",
   * "cluster_accuracy". Each call returns a new map, so callers may add their own entries.
   */
  public Map<String, Double> asMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("nmi", nmi);
    map.put("purity", purity);
    map.put("cluster_accuracy", clusterAccuracy);
    return map;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ClusteringMetrics)) {
      return false;
    }
    ClusteringMetrics other = (ClusteringMetrics) o;
    return Double.compare(nmi, other.nmi) == 0
        && Double.compare(purity, other.purity) == 0
        && Double.compare(clusterAccuracy, other.clusterAccuracy) == 0;
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(nmi);
    h = 31 * h + Double.hashCode(purity);
    return 31 * h + Double.hashCode(clusterAccuracy);
  }

  @Override
  public String toString() {
    return "ClusteringMetrics{nmi="
        + nmi
        + ", purity="
        + purity
        + ", clusterAccuracy="
        + clusterAccuracy
        + "}";
  }
}
