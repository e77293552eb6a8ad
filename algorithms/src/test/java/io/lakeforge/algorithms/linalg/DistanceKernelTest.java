package io.lakeforge.algorithms.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceKernelTest {
  @Test
  void blockedDistancesMatchTheNaiveComputation() {
    Random r = new Random(5);
    int n = 37;
    int dim = 13;
    int k = 7;
    double[] x = new double[n * dim];
    double[] c = new double[k * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * 3;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = r.nextGaussian() * 3;
    }
    DenseBlock block = new DenseBlock(n, dim, x);
    Centers centers = new Centers(k, dim, c);
    int[] assign = new int[n];
    double[] dist = new double[n];
    block.assign(centers, new double[n * k], assign, dist);
    for (int i = 0; i < n; i++) {
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int j = 0; j < k; j++) {
        double d = DistanceKernel.squaredDistance(x, i * dim, c, j * dim, dim);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      assertThat(assign[i]).isEqualTo(best);
      assertThat(dist[i]).isCloseTo(bestD, within(1e-9 * Math.max(1, bestD)));
    }
  }

  @Test
  void packingRejectsAVectorOfTheWrongDimension() {
    java.util.Iterator<org.apache.spark.ml.linalg.Vector> it =
        java.util.List.of(
                org.apache.spark.ml.linalg.Vectors.dense(1, 2, 3),
                org.apache.spark.ml.linalg.Vectors.dense(1, 2))
            .iterator();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DenseBlock.pack(it, 3, 10))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("dimension 2 but 3 was expected");
  }

  @Test
  void packingCopiesSparseVectorsIntoDenseRows() {
    java.util.Iterator<org.apache.spark.ml.linalg.Vector> it =
        java.util.List.of(
                org.apache.spark.ml.linalg.Vectors.sparse(4, new int[] {1, 3}, new double[] {2, 5}),
                org.apache.spark.ml.linalg.Vectors.dense(1, 0, 0, 1))
            .iterator();
    DenseBlock b = DenseBlock.pack(it, 4, 10).next();
    assertThat(b.values).containsExactly(0, 2, 0, 5, 1, 0, 0, 1);
    assertThat(b.sqNorms).containsExactly(29, 2);
  }
}
