package io.lakeforge.models.rcf;

/**
 * One random cut tree as flat node arrays (node 0 is the root): an internal node sends a row left
 * when {@code x[cutDim] <= cutValue}; a leaf ({@code cutDim == -1}) holds {@code mass} sampled rows
 * that no cut could separate (identical rows). A class, not a record: Spark ships trees with Kryo,
 * which cannot build records.
 */
public final class CutTree implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  public static final int LEAF = -1;

  private final int[] cutDim;
  private final double[] cutValue;
  private final int[] left;
  private final int[] right;
  private final int[] mass;

  public CutTree(int[] cutDim, double[] cutValue, int[] left, int[] right, int[] mass) {
    int n = cutDim.length;
    if (n == 0
        || cutValue.length != n
        || left.length != n
        || right.length != n
        || mass.length != n) {
      throw new IllegalArgumentException("a cut tree needs equally long node arrays, at least one");
    }
    this.cutDim = cutDim;
    this.cutValue = cutValue;
    this.left = left;
    this.right = right;
    this.mass = mass;
  }

  public int[] cutDim() {
    return cutDim;
  }

  public double[] cutValue() {
    return cutValue;
  }

  public int[] left() {
    return left;
  }

  public int[] right() {
    return right;
  }

  public int[] mass() {
    return mass;
  }

  public int nodes() {
    return cutDim.length;
  }

  /** How many sampled rows the tree was grown on. */
  public int sampleSize() {
    return mass[0];
  }

  /**
   * The depth at which {@code x} (row {@code row} of the row-major {@code x}) is isolated: the
   * edges to its leaf plus the expected further depth among that leaf's rows.
   */
  public double isolationDepth(double[] x, int offset) {
    int node = 0;
    int depth = 0;
    while (cutDim[node] != LEAF) {
      node = x[offset + cutDim[node]] <= cutValue[node] ? left[node] : right[node];
      depth++;
    }
    return depth + averageDepth(mass[node]);
  }

  /**
   * The average depth of an unsuccessful search in a binary search tree of {@code n} rows (Liu et
   * al.'s {@code c(n)}): the depth a row needs among {@code n} that cuts did not separate.
   */
  public static double averageDepth(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    double harmonic = Math.log(n - 1.0) + 0.5772156649015329;
    return 2 * harmonic - 2.0 * (n - 1) / n;
  }
}
