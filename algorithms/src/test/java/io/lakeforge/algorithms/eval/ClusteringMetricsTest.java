package io.lakeforge.algorithms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClusteringMetricsTest {
  private static final Offset<Double> EPS = within(1e-12);

  @Test
  void perfectClusteringHasNmiOne() {
    int[] labels = {0, 0, 1, 1, 1, 2};
    long[][] table = ClusteringMetrics.contingency(labels, labels, 3, 3);

    ClusteringMetrics m = ClusteringMetrics.fromContingency(table);

    assertThat(m.nmi()).isCloseTo(1.0, EPS);
    assertThat(m.purity()).isCloseTo(1.0, EPS);
    assertThat(m.clusterAccuracy()).isCloseTo(1.0, EPS);
  }

  @Test
  void permutedLabelsStillScorePerfectAccuracy() {
    // Cluster ids are arbitrary names: 0->label 2, 1->label 0, 2->label 1 is still perfect.
    int[] clusters = {0, 0, 1, 1, 1, 2, 2};
    int[] labels = {2, 2, 0, 0, 0, 1, 1};

    ClusteringMetrics m =
        ClusteringMetrics.fromContingency(ClusteringMetrics.contingency(clusters, labels, 3, 3));

    assertThat(m.clusterAccuracy()).isCloseTo(1.0, EPS);
    assertThat(m.purity()).isCloseTo(1.0, EPS);
    assertThat(m.nmi()).isCloseTo(1.0, EPS);
  }

  @Test
  void independentAssignmentHasNmiNearZero() {
    // Every (cluster, label) pair occurs exactly 100 times, so knowing the cluster says nothing
    // about the label: the mutual information is exactly zero.
    int n = 1200;
    int[] clusters = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      clusters[i] = i % 3;
      labels[i] = (i / 3) % 4;
    }

    ClusteringMetrics m =
        ClusteringMetrics.fromContingency(ClusteringMetrics.contingency(clusters, labels, 3, 4));

    assertThat(m.nmi()).isCloseTo(0.0, EPS);
    // Each cluster holds every label equally, so the best any mapping can do is a quarter.
    assertThat(m.purity()).isCloseTo(0.25, EPS);
    assertThat(m.clusterAccuracy()).isCloseTo(0.25, EPS);
  }

  @Test
  void nmiMatchesHandComputedValue() {
    // Rows: clusters, columns: labels; n = 4.
    //   cluster sizes a = (2, 2), label sizes b = (3, 1).
    //   H(U) = ln 2
    //   H(V) = -(3/4 ln 3/4 + 1/4 ln 1/4) = 2 ln 2 - 3/4 ln 3
    //   MI   = 2/4 ln(4*2 / (2*3)) + 1/4 ln(4*1 / (2*3)) + 1/4 ln(4*1 / (2*1))
    //        = 1/2 (2 ln 2 - ln 3) + 1/4 (ln 2 - ln 3) + 1/4 ln 2
    //        = 3/2 ln 2 - 3/4 ln 3                       (= H(V) - H(V|U), H(V|U) = 1/2 ln 2)
    //   NMI  = MI / ((H(U) + H(V)) / 2) = (3 ln 2 - 3/2 ln 3) / (3 ln 2 - 3/4 ln 3) ~= 0.3437110
    //   purity = (2 + 1) / 4; best one-to-one mapping is cluster 0->label 0, 1->1: (2 + 1) / 4.
    long[][] table = {
      {2, 0},
      {1, 1}
    };
    double ln2 = Math.log(2);
    double ln3 = Math.log(3);
    double expected = (3 * ln2 - 1.5 * ln3) / (3 * ln2 - 0.75 * ln3);

    ClusteringMetrics m = ClusteringMetrics.fromContingency(table);

    assertThat(expected).isCloseTo(0.3437110, within(1e-7));
    assertThat(m.nmi()).isCloseTo(expected, EPS);
    assertThat(m.purity()).isCloseTo(0.75, EPS);
    assertThat(m.clusterAccuracy()).isCloseTo(0.75, EPS);
  }

  @Test
  void nmiIsSymmetricInClustersAndLabels() {
    long[][] table = {
      {5, 1, 0},
      {2, 7, 3}
    };
    long[][] transposed = {
      {5, 2},
      {1, 7},
      {0, 3}
    };

    assertThat(ClusteringMetrics.fromContingency(transposed).nmi())
        .isCloseTo(ClusteringMetrics.fromContingency(table).nmi(), EPS);
  }

  @Test
  void accuracyIsStricterThanPurityWhenClustersShareAMajorityLabel() {
    // Both clusters are mostly label 0, which purity counts twice; a one-to-one mapping cannot.
    long[][] table = {
      {5, 1},
      {4, 2}
    };

    ClusteringMetrics m = ClusteringMetrics.fromContingency(table);

    assertThat(m.purity()).isCloseTo(9.0 / 12, EPS);
    assertThat(m.clusterAccuracy()).isCloseTo(7.0 / 12, EPS);
  }

  @Test
  void surplusClustersCountAsWrongForAccuracyButNotForPurity() {
    long[][] table = {
      {3, 0},
      {0, 3},
      {2, 0}
    };

    ClusteringMetrics m = ClusteringMetrics.fromContingency(table);

    assertThat(m.purity()).isCloseTo(1.0, EPS);
    assertThat(m.clusterAccuracy()).isCloseTo(6.0 / 8, EPS);
  }

  @Test
  void nmiIsOneWhenBothPartitionsAreTrivial() {
    // Empty clusters and labels are ignored: only one of each actually holds rows.
    long[][] table = {
      {0, 0},
      {0, 5}
    };

    assertThat(ClusteringMetrics.fromContingency(table).nmi()).isEqualTo(1.0);
  }

  @Test
  void nmiIsZeroWhenOnlyOnePartitionIsTrivial() {
    long[][] oneCluster = {{3, 2}};
    long[][] oneLabel = {{3}, {2}};

    ClusteringMetrics m = ClusteringMetrics.fromContingency(oneCluster);

    assertThat(m.nmi()).isEqualTo(0.0);
    assertThat(m.purity()).isCloseTo(0.6, EPS);
    assertThat(m.clusterAccuracy()).isCloseTo(0.6, EPS);
    assertThat(ClusteringMetrics.fromContingency(oneLabel).nmi()).isEqualTo(0.0);
  }

  @Test
  void nmiStaysWithinUnitInterval() {
    long[][] table = {
      {1_000_003, 0, 0},
      {0, 999_983, 0},
      {0, 0, 7}
    };

    double nmi = ClusteringMetrics.fromContingency(table).nmi();

    assertThat(nmi).isBetween(0.0, 1.0).isCloseTo(1.0, EPS);
  }

  @Test
  void asMapListsMetricsInReportOrder() {
    long[][] table = {
      {5, 1},
      {4, 2}
    };
    ClusteringMetrics m = ClusteringMetrics.fromContingency(table);

    Map<String, Double> map = m.asMap();

    assertThat(map)
        .containsExactly(
            Map.entry("nmi", m.nmi()),
            Map.entry("purity", m.purity()),
            Map.entry("cluster_accuracy", m.clusterAccuracy()));
  }

  @Test
  void equalTablesGiveEqualValues() {
    long[][] table = {
      {5, 1},
      {4, 2}
    };

    assertThat(ClusteringMetrics.fromContingency(table))
        .isEqualTo(ClusteringMetrics.fromContingency(new long[][] {{5, 1}, {4, 2}}))
        .hasSameHashCodeAs(ClusteringMetrics.fromContingency(new long[][] {{5, 1}, {4, 2}}))
        .isNotEqualTo(ClusteringMetrics.fromContingency(new long[][] {{5, 1}, {1, 5}}));
  }

  @Test
  void contingencyCountsEachClusterLabelPair() {
    int[] clusters = {0, 1, 1, 0, 2, 1};
    int[] labels = {1, 1, 0, 1, 1, 1};

    long[][] table = ClusteringMetrics.contingency(clusters, labels, 3, 2);

    assertThat(table)
        .isDeepEqualTo(
            new long[][] {
              {0, 2},
              {1, 2},
              {0, 1}
            });
  }

  @Test
  void contingencyRejectsOutOfRangeIds() {
    assertThatThrownBy(
            () -> ClusteringMetrics.contingency(new int[] {0, 3}, new int[] {0, 0}, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster id 3 at index 1");
    assertThatThrownBy(() -> ClusteringMetrics.contingency(new int[] {0}, new int[] {-1}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label -1 at index 0");
  }

  @Test
  void contingencyRejectsMismatchedLengths() {
    assertThatThrownBy(() -> ClusteringMetrics.contingency(new int[] {0, 1}, new int[] {0}, 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same length");
  }

  @Test
  void emptyTableIsRejected() {
    assertThatThrownBy(() -> ClusteringMetrics.fromContingency(new long[2][2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ClusteringMetrics.fromContingency(new long[0][0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void malformedTablesAreRejected() {
    assertThatThrownBy(() -> ClusteringMetrics.fromContingency(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusteringMetrics.fromContingency(new long[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rectangular");
    assertThatThrownBy(() -> ClusteringMetrics.fromContingency(new long[][] {{1, -2}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> ClusteringMetrics.fromContingency(new long[][] {{1}, null}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
  }
}
