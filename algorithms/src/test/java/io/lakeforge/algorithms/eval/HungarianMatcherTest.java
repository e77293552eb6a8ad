package io.lakeforge.algorithms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianMatcherTest {

  @Test
  void prefersBestTotalOverGreedyLargestCell() {
    // Greedy takes the 10 and is then stuck with the 1 (total 11); the optimum crosses (9 + 9).
    long[][] w = {
      {10, 9},
      {9, 1}
    };

    assertThat(HungarianMatcher.maximize(w)).containsExactly(1, 0);
  }

  @Test
  void identityIsKeptWhenDiagonalDominates() {
    long[][] w = {
      {5, 0, 0},
      {0, 7, 1},
      {0, 2, 9}
    };

    assertThat(HungarianMatcher.maximize(w)).containsExactly(0, 1, 2);
  }

  @Test
  void extraRowsAreLeftUnmatchedWhenThereAreMoreRowsThanColumns() {
    long[][] w = {
      {1, 2},
      {8, 3},
      {4, 6}
    };

    int[] match = HungarianMatcher.maximize(w);

    assertThat(match).containsExactly(-1, 0, 1);
  }

  @Test
  void everyRowIsMatchedWhenThereAreMoreColumnsThanRows() {
    long[][] w = {
      {1, 9, 3, 0},
      {2, 8, 7, 1}
    };

    assertThat(HungarianMatcher.maximize(w)).containsExactly(1, 2);
  }

  @Test
  void emptyInputsGiveNoMatches() {
    assertThat(HungarianMatcher.maximize(new long[0][0])).isEmpty();
    assertThat(HungarianMatcher.maximize(new long[3][0])).containsExactly(-1, -1, -1);
  }

  @Test
  void leavesInputUntouched() {
    long[][] w = {
      {3, 1},
      {2, 4}
    };

    HungarianMatcher.maximize(w);

    assertThat(w).isDeepEqualTo(new long[][] {{3, 1}, {2, 4}});
  }

  @Test
  void handlesLargeWeightsWithoutOverflow() {
    long big = 1L << 52;
    long[][] w = {
      {big, big + 3, big + 1},
      {big + 2, big, big + 5},
      {big + 4, big + 1, big}
    };

    int[] match = HungarianMatcher.maximize(w);

    assertThat(total(w, match)).isEqualTo(bruteForceBest(w));
  }

  @Test
  void matchesBruteForceOnRandomRectangularMatrices() {
    Random random = new Random(20240611L);
    for (int trial = 0; trial < 3000; trial++) {
      int rows = 1 + random.nextInt(6);
      int cols = 1 + random.nextInt(6);
      // Alternate a narrow range (many ties) with a wide one that includes negative weights.
      boolean narrow = trial % 2 == 0;
      long[][] w = new long[rows][cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          w[i][j] = narrow ? random.nextInt(4) : random.nextInt(201) - 50;
        }
      }

      int[] match = HungarianMatcher.maximize(w);

      assertValidAssignment(w, match);
      assertThat(total(w, match))
          .as("trial %d, weights %s", trial, Arrays.deepToString(w))
          .isEqualTo(bruteForceBest(w));
    }
  }

  @Test
  void rejectsNullMatrix() {
    assertThatThrownBy(() -> HungarianMatcher.maximize(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void rejectsNullRow() {
    long[][] w = {{1, 2}, null};

    assertThatThrownBy(() -> HungarianMatcher.maximize(w))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
  }

  @Test
  void rejectsRaggedMatrix() {
    long[][] w = {{1, 2}, {3}};

    assertThatThrownBy(() -> HungarianMatcher.maximize(w))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rectangular");
  }

  private static void assertValidAssignment(long[][] w, int[] match) {
    int rows = w.length;
    int cols = w[0].length;
    assertThat(match).hasSize(rows);
    boolean[] used = new boolean[cols];
    int matched = 0;
    for (int col : match) {
      if (col < 0) {
        assertThat(col).isEqualTo(-1);
        continue;
      }
      assertThat(col).isLessThan(cols);
      assertThat(used[col]).as("column %d used twice in %s", col, Arrays.toString(match)).isFalse();
      used[col] = true;
      matched++;
    }
    assertThat(matched).isEqualTo(Math.min(rows, cols));
  }

  private static long total(long[][] w, int[] match) {
    long sum = 0;
    for (int i = 0; i < match.length; i++) {
      if (match[i] >= 0) {
        sum += w[i][match[i]];
      }
    }
    return sum;
  }

  /**
   * Best total over every injective map from the smaller side into the larger one, searched
   * independently of the padding trick the matcher uses.
   */
  private static long bruteForceBest(long[][] w) {
    int rows = w.length;
    int cols = w[0].length;
    boolean transpose = rows > cols;
    int small = transpose ? cols : rows;
    int large = transpose ? rows : cols;
    return search(w, transpose, 0, small, new boolean[large]);
  }

  private static long search(long[][] w, boolean transpose, int k, int small, boolean[] taken) {
    if (k == small) {
      return 0;
    }
    long best = Long.MIN_VALUE;
    for (int m = 0; m < taken.length; m++) {
      if (taken[m]) {
        continue;
      }
      taken[m] = true;
      long cell = transpose ? w[m][k] : w[k][m];
      best = Math.max(best, cell + search(w, transpose, k + 1, small, taken));
      taken[m] = false;
    }
    return best;
  }
}
