package io.lakeforge.algorithms.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.models.linalg.Centers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LocalWeightedLloydTest {
  @Test
  void findsThreeWellSeparatedGroups() {
    double[] pts = {0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1, -10, 5, -10.1, 5, -10, 5.1};
    double[] w = new double[9];
    Arrays.fill(w, 1);
    LocalWeightedLloyd.Result r = LocalWeightedLloyd.fit(pts, w, 9, 2, 3, "kmeans++", 3, 100, 0, 1);
    double[][] sorted = sortedCenters(r.centers());
    assertThat(sorted[0][0]).isCloseTo(-10.033, org.assertj.core.data.Offset.offset(1e-2));
    assertThat(sorted[1][0]).isCloseTo(0.033, org.assertj.core.data.Offset.offset(1e-2));
    assertThat(sorted[2][0]).isCloseTo(10.033, org.assertj.core.data.Offset.offset(1e-2));
  }

  @Test
  void weightsPullTheCenterTowardHeavyPoints() {
    double[] pts = {0, 0, 1, 0};
    LocalWeightedLloyd.Result r =
        LocalWeightedLloyd.fit(pts, new double[] {3, 1}, 2, 2, 1, "random", 1, 10, 0, 7);
    assertThat(r.centers().values[0]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.cost()).isCloseTo(3 * 0.0625 + 0.5625, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void sameSeedGivesTheSameCenters() {
    java.util.Random rnd = new java.util.Random(3);
    double[] pts = new double[200 * 5];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = rnd.nextGaussian();
    }
    double[] w = new double[200];
    Arrays.fill(w, 1);
    double[] a =
        LocalWeightedLloyd.fit(pts, w, 200, 5, 4, "kmeans++", 2, 50, 1e-6, 11).centers().values;
    double[] b =
        LocalWeightedLloyd.fit(pts, w, 200, 5, 4, "kmeans++", 2, 50, 1e-6, 11).centers().values;
    assertThat(a).containsExactly(b);
  }

  private static double[][] sortedCenters(Centers c) {
    double[][] out = new double[c.k][];
    for (int i = 0; i < c.k; i++) {
      out[i] = c.center(i);
    }
    Arrays.sort(out, (x, y) -> Double.compare(x[0], y[0]));
    return out;
  }
}
