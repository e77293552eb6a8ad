package io.lakeforge.algorithms.eval;

import java.util.Arrays;

/**
 * Maximum-weight one-to-one assignment (Kuhn–Munkres, in the O(n³) shortest-augmenting-path form
 * with row and column potentials). Clustering evaluation uses it for cluster accuracy: the best
 * one-to-one mapping of clusters to labels, since cluster ids are arbitrary names.
 */
public final class HungarianMatcher {
  private HungarianMatcher() {}

  /**
   * Assigns rows to columns so that the total weight is as large as possible.
   *
   * <p>Exactly {@code min(rows, cols)} pairs are matched, as in the classic rectangular assignment
   * problem; with non-negative weights (such as counts) that is also a maximum-weight matching.
   *
   * @param weights a rectangular matrix, {@code weights[row][col]}; it is not modified
   * @return for each row, the column it is matched to, or -1 when the row is left unmatched (only
   *     possible when there are more rows than columns)
   * @throws IllegalArgumentException if the matrix or one of its rows is null, or rows differ in
   *     length
   * @throws ArithmeticException if the weights are so large that the potentials overflow a long
   */
  public static int[] maximize(long[][] weights) {
    int rows = validate(weights);
    int cols = rows == 0 ? 0 : weights[0].length;
    int[] match = new int[rows];
    Arrays.fill(match, -1);
    if (rows == 0 || cols == 0) {
      return match;
    }

    // Padding to a square with zero-weight dummy cells lets one algorithm cover both shapes: a row
    // matched to a dummy column is simply left unmatched. Negating turns maximising into the
    // minimisation the potentials are defined for.
    int n = Math.max(rows, cols);
    long[][] cost = new long[n][n];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        cost[i][j] = Math.negateExact(weights[i][j]);
      }
    }

    // 1-based, with column 0 as the virtual start of each augmenting path.
    long[] u = new long[n + 1];
    long[] v = new long[n + 1];
    int[] rowOfCol = new int[n + 1];
    int[] prevCol = new int[n + 1];
    long[] minSlack = new long[n + 1];
    boolean[] inTree = new boolean[n + 1];

    for (int row = 1; row <= n; row++) {
      rowOfCol[0] = row;
      int col0 = 0;
      Arrays.fill(minSlack, Long.MAX_VALUE);
      Arrays.fill(inTree, false);
      do {
        inTree[col0] = true;
        int row0 = rowOfCol[col0];
        long delta = Long.MAX_VALUE;
        int col1 = 0;
        for (int j = 1; j <= n; j++) {
          if (inTree[j]) {
            continue;
          }
          long slack = Math.subtractExact(Math.subtractExact(cost[row0 - 1][j - 1], u[row0]), v[j]);
          if (slack < minSlack[j]) {
            minSlack[j] = slack;
            prevCol[j] = col0;
          }
          if (minSlack[j] < delta) {
            delta = minSlack[j];
            col1 = j;
          }
        }
        // Every column outside the tree got a finite slack on the first pass (row0 is a real row
        // that reaches all columns), so the subtraction below never touches the sentinel.
        for (int j = 0; j <= n; j++) {
          if (inTree[j]) {
            u[rowOfCol[j]] = Math.addExact(u[rowOfCol[j]], delta);
            v[j] = Math.subtractExact(v[j], delta);
          } else {
            minSlack[j] = Math.subtractExact(minSlack[j], delta);
          }
        }
        col0 = col1;
      } while (rowOfCol[col0] != 0);
      // Flip the augmenting path back to the start.
      do {
        int col1 = prevCol[col0];
        rowOfCol[col0] = rowOfCol[col1];
        col0 = col1;
      } while (col0 != 0);
    }

    for (int j = 1; j <= n; j++) {
      int row = rowOfCol[j] - 1;
      if (row < rows && j - 1 < cols) {
        match[row] = j - 1;
      }
    }
    return match;
  }

  private static int validate(long[][] weights) {
    if (weights == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    int cols = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] == null) {
        throw new IllegalArgumentException("weights row " + i + " is null");
      }
      if (cols < 0) {
        cols = weights[i].length;
      } else if (weights[i].length != cols) {
        throw new IllegalArgumentException(
            "weights must be rectangular: row "
                + i
                + " has "
                + weights[i].length
                + " columns but row 0 has "
                + cols);
      }
    }
    return weights.length;
  }
}
