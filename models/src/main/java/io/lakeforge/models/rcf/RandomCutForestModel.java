package io.lakeforge.models.rcf;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.Thresholded;
import io.lakeforge.models.parquet.ModelTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A random cut forest: trees of random cuts (dimension chosen in proportion to the sample's range
 * in it, value uniform in that range) grown on samples of the training rows. A row's anomaly score
 * is the mean over trees of {@code (c(n) + 1) / (depth + 1)}, where depth is where the tree
 * isolates the row and {@code c(n)} the average depth in a tree of its {@code n} samples: about 1
 * for a typical row, larger the sooner random cuts isolate it (SageMaker's score is likewise
 * inversely proportional to the depth). Rows scoring above the threshold (by default the training
 * scores' mean + 3 standard deviations) are anomalies. Stored as {@code trees.parquet}, one row per
 * node ({@code tree, node, cut_dim, cut_value, left, right, mass}; {@code cut_dim = -1} at leaves,
 * child indices within the tree).
 */
public final class RandomCutForestModel implements Model, Thresholded, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALGORITHM = "randomcutforest";
  public static final String TREES_FILE = "trees.parquet";
  public static final String IS_ANOMALY = "is_anomaly";
  public static final List<Output> OUTPUTS =
      List.of(Output.ofDouble(Output.SCORE), Output.ofInt(IS_ANOMALY));

  /** The {@code model} section of {@code model.json}. */
  public record Section(
      int numTrees,
      int featureDim,
      int numSamplesPerTree,
      double threshold,
      double trainingScoreMean,
      double trainingScoreStd,
      String trees) {}

  private final int dim;
  private final int samplesPerTree;
  private final CutTree[] trees;
  private final double[] norm;
  private final double threshold;
  private final double trainMean;
  private final double trainStd;

  /**
   * A forest of {@code trees}; {@code threshold} NaN means the default, {@code trainMean + 3 ×
   * trainStd}.
   */
  public RandomCutForestModel(
      int dim,
      int samplesPerTree,
      List<CutTree> trees,
      double trainMean,
      double trainStd,
      double threshold) {
    if (trees.isEmpty() || dim < 1) {
      throw new IllegalArgumentException("a random cut forest needs trees and a dimension");
    }
    this.dim = dim;
    this.samplesPerTree = samplesPerTree;
    this.trees = trees.toArray(new CutTree[0]);
    this.norm = new double[this.trees.length];
    for (int t = 0; t < norm.length; t++) {
      norm[t] = CutTree.averageDepth(this.trees[t].sampleSize()) + 1;
    }
    this.trainMean = trainMean;
    this.trainStd = trainStd;
    this.threshold = Double.isNaN(threshold) ? trainMean + 3 * trainStd : threshold;
  }

  /** The same forest with scores compared against {@code t}. */
  @Override
  public RandomCutForestModel withThreshold(double t) {
    return new RandomCutForestModel(dim, samplesPerTree, trees(), trainMean, trainStd, t);
  }

  /** The same forest with the training scores' mean and deviation (and the default threshold). */
  public RandomCutForestModel withTrainingScores(double mean, double std) {
    return new RandomCutForestModel(dim, samplesPerTree, trees(), mean, std, Double.NaN);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public int featureDim() {
    return dim;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.ANOMALY;
  }

  @Override
  public List<Output> outputs() {
    return OUTPUTS;
  }

  public List<CutTree> trees() {
    return List.of(trees);
  }

  public int samplesPerTree() {
    return samplesPerTree;
  }

  @Override
  public double threshold() {
    return threshold;
  }

  /** The anomaly score of row {@code i} of the row-major {@code x}. */
  public double score(double[] x, int i) {
    int offset = i * dim;
    double s = 0;
    for (int t = 0; t < trees.length; t++) {
      s += norm[t] / (trees[t].isolationDepth(x, offset) + 1);
    }
    return s / trees.length;
  }

  @Override
  public void score(double[] x, int rows, Scores out) {
    double[] score = out.doubles(0);
    int[] anomaly = out.ints(1);
    for (int i = 0; i < rows; i++) {
      score[i] = score(x, i);
      anomaly[i] = score[i] > threshold ? 1 : 0;
    }
  }

  @Override
  public Map<String, Double> trainingMetrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("train_score_mean", trainMean);
    m.put("train_score_std", trainStd);
    m.put("threshold", threshold);
    return m;
  }

  @Override
  public Section section() {
    return new Section(
        trees.length, dim, samplesPerTree, threshold, trainMean, trainStd, TREES_FILE);
  }

  @Override
  public void writeData(ModelFolder folder) throws IOException {
    int total = 0;
    for (CutTree t : trees) {
      total += t.nodes();
    }
    int[] tree = new int[total];
    int[] node = new int[total];
    int[] cutDim = new int[total];
    double[] cutValue = new double[total];
    int[] left = new int[total];
    int[] right = new int[total];
    int[] mass = new int[total];
    int r = 0;
    for (int t = 0; t < trees.length; t++) {
      CutTree c = trees[t];
      for (int i = 0; i < c.nodes(); i++, r++) {
        tree[r] = t;
        node[r] = i;
        cutDim[r] = c.cutDim()[i];
        cutValue[r] = c.cutValue()[i];
        left[r] = c.left()[i];
        right[r] = c.right()[i];
        mass[r] = c.mass()[i];
      }
    }
    folder.writeTable(
        TREES_FILE,
        ModelTable.builder()
            .ints("tree", tree)
            .ints("node", node)
            .ints("cut_dim", cutDim)
            .doubles("cut_value", cutValue)
            .ints("left", left)
            .ints("right", right)
            .ints("mass", mass)
            .build());
  }

  public static RandomCutForestModel read(ModelFolder folder) throws IOException {
    Section s = folder.section(Section.class);
    ModelTable table = folder.readTable(s.trees());
    int[] tree = table.ints("tree");
    int[] node = table.ints("node");
    // Parquet keeps no row order a reader may rely on: place every node by (tree, node).
    int[] count = new int[s.numTrees()];
    for (int r = 0; r < tree.length; r++) {
      if (tree[r] < 0 || tree[r] >= s.numTrees()) {
        throw new ModelFormatException(
            String.format(
                "%s: %s names tree %d; model.json says num_trees=%d",
                folder.uri(), s.trees(), tree[r], s.numTrees()));
      }
      count[tree[r]]++;
    }
    int[][] cutDim = new int[s.numTrees()][];
    double[][] cutValue = new double[s.numTrees()][];
    int[][] left = new int[s.numTrees()][];
    int[][] right = new int[s.numTrees()][];
    int[][] mass = new int[s.numTrees()][];
    for (int t = 0; t < count.length; t++) {
      if (count[t] == 0) {
        throw new ModelFormatException(
            String.format(
                "%s: %s has no node of tree %d; model.json says num_trees=%d",
                folder.uri(), s.trees(), t, s.numTrees()));
      }
      cutDim[t] = new int[count[t]];
      cutValue[t] = new double[count[t]];
      left[t] = new int[count[t]];
      right[t] = new int[count[t]];
      mass[t] = new int[count[t]];
    }
    int[] cd = table.ints("cut_dim");
    double[] cv = table.doubles("cut_value");
    int[] l = table.ints("left");
    int[] rt = table.ints("right");
    int[] m = table.ints("mass");
    for (int r = 0; r < tree.length; r++) {
      int t = tree[r];
      int i = node[r];
      if (i < 0 || i >= count[t] || (cd[r] >= s.featureDim())) {
        throw new ModelFormatException(
            String.format(
                "%s: tree %d node %d is out of range (the tree has %d nodes, feature_dim=%d)",
                folder.uri(), t, i, count[t], s.featureDim()));
      }
      cutDim[t][i] = cd[r];
      cutValue[t][i] = cv[r];
      left[t][i] = l[r];
      right[t][i] = rt[r];
      mass[t][i] = m[r];
    }
    List<CutTree> trees = new ArrayList<>();
    for (int t = 0; t < count.length; t++) {
      for (int i = 0; i < count[t]; i++) {
        // Children come after their parent (preorder): a walk always reaches a leaf.
        boolean leaf = cutDim[t][i] == CutTree.LEAF;
        if (!leaf
            && (cutDim[t][i] < 0
                || left[t][i] <= i
                || left[t][i] >= count[t]
                || right[t][i] <= i
                || right[t][i] >= count[t])) {
          throw new ModelFormatException(
              String.format(
                  "%s: tree %d node %d cuts feature %d with children %d and %d; expected a "
                      + "feature below %d and children after the node, below %d",
                  folder.uri(),
                  t,
                  i,
                  cutDim[t][i],
                  left[t][i],
                  right[t][i],
                  s.featureDim(),
                  count[t]));
        }
      }
      trees.add(new CutTree(cutDim[t], cutValue[t], left[t], right[t], mass[t]));
    }
    return new RandomCutForestModel(
        s.featureDim(),
        s.numSamplesPerTree(),
        trees,
        s.trainingScoreMean(),
        s.trainingScoreStd(),
        s.threshold());
  }
}
