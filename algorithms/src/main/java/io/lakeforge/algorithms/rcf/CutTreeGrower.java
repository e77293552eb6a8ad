package io.lakeforge.algorithms.rcf;

import io.lakeforge.models.rcf.CutTree;
import java.util.Arrays;
import java.util.Random;

/**
 * Grows one random cut tree on a sample of rows (Guha et al., 2016): each node cuts the dimension
 * drawn in proportion to the sample's range in it, at a value uniform in that range, until every
 * leaf holds rows no cut can separate. One uniform draw over the summed ranges picks both the
 * dimension and the value.
 */
final class CutTreeGrower {
  private final double[][] rows;
  private final int dim;
  private final Random random;
  private final int[] order;
  private final double[] lo;
  private final double[] hi;

  private int[] cutDim;
  private double[] cutValue;
  private int[] left;
  private int[] right;
  private int[] mass;
  private int nodes;

  private CutTreeGrower(double[][] rows, int dim, Random random) {
    this.rows = rows;
    this.dim = dim;
    this.random = random;
    this.order = new int[rows.length];
    Arrays.setAll(order, i -> i);
    this.lo = new double[dim];
    this.hi = new double[dim];
    int capacity = Math.max(1, 2 * rows.length - 1);
    cutDim = new int[capacity];
    cutValue = new double[capacity];
    left = new int[capacity];
    right = new int[capacity];
    mass = new int[capacity];
  }

  /** A tree over {@code rows} (at least one, each of length {@code dim}). */
  static CutTree grow(double[][] rows, int dim, Random random) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("a cut tree needs at least one row");
    }
    CutTreeGrower g = new CutTreeGrower(rows, dim, random);
    g.node(0, rows.length);
    return new CutTree(
        Arrays.copyOf(g.cutDim, g.nodes),
        Arrays.copyOf(g.cutValue, g.nodes),
        Arrays.copyOf(g.left, g.nodes),
        Arrays.copyOf(g.right, g.nodes),
        Arrays.copyOf(g.mass, g.nodes));
  }

  /** The node over {@code order[from, to)}, its subtree grown; returns its index. */
  private int node(int from, int to) {
    int id = nodes++;
    mass[id] = to - from;
    cutDim[id] = CutTree.LEAF;
    left[id] = -1;
    right[id] = -1;
    if (to - from < 2) {
      return id;
    }
    double total = bounds(from, to);
    if (total <= 0) {
      return id;
    }
    // A draw landing on a range's top edge would leave one side empty: draw again.
    for (int attempt = 0; attempt < 8; attempt++) {
      double r = random.nextDouble() * total;
      int d = 0;
      while (d < dim - 1 && r >= hi[d] - lo[d]) {
        r -= hi[d] - lo[d];
        d++;
      }
      double cut = lo[d] + r;
      int split = partition(from, to, d, cut);
      if (split > from && split < to) {
        cutDim[id] = d;
        cutValue[id] = cut;
        int l = node(from, split);
        int rt = node(split, to);
        left[id] = l;
        right[id] = rt;
        return id;
      }
    }
    return id;
  }

  /** Fills {@code lo}/{@code hi} with the box of {@code order[from, to)}; returns its range sum. */
  private double bounds(int from, int to) {
    double[] first = rows[order[from]];
    System.arraycopy(first, 0, lo, 0, dim);
    System.arraycopy(first, 0, hi, 0, dim);
    for (int i = from + 1; i < to; i++) {
      double[] x = rows[order[i]];
      for (int j = 0; j < dim; j++) {
        double v = x[j];
        if (v < lo[j]) {
          lo[j] = v;
        } else if (v > hi[j]) {
          hi[j] = v;
        }
      }
    }
    double total = 0;
    for (int j = 0; j < dim; j++) {
      total += hi[j] - lo[j];
    }
    return total;
  }

  /** Moves rows with {@code x[d] <= cut} to the front of {@code order[from, to)}. */
  private int partition(int from, int to, int d, double cut) {
    int i = from;
    int j = to - 1;
    while (i <= j) {
      if (rows[order[i]][d] <= cut) {
        i++;
      } else {
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
        j--;
      }
    }
    return i;
  }
}
