package io.lakeforge.algorithms.rcf;

import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.algorithms.linalg.MemoryBudget;
import io.lakeforge.algorithms.linalg.TrainingInputs;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.rcf.CutTree;
import io.lakeforge.models.rcf.RandomCutForestModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Trains a {@link RandomCutForestModel} partition-parallel: partition {@code p} of {@code P} grows
 * trees {@code p, p + P, ...}, each on its own uniform reservoir sample of the partition's rows
 * (one pass, rows shared by the reservoirs that hold them); the forest is the union, collected to
 * the driver (a few integers and doubles per node). A second pass scores the training rows for the
 * default threshold. Tree {@code t} draws from a generator seeded by the seed and {@code t} alone,
 * so the same data, partitioning and seed give the same forest.
 */
public final class RandomCutForestTrainer extends OptionsTrainer<RandomCutForestOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(RandomCutForestTrainer.class);
  private static final int BLOCK_ROWS = 1024;

  public RandomCutForestTrainer(RandomCutForestOptions options) {
    super(options);
  }

  @Override
  public String algorithm() {
    return RandomCutForestModel.ALGORITHM;
  }

  @Override
  public List<Output> outputs() {
    return RandomCutForestModel.OUTPUTS;
  }

  @Override
  public TrainingRun fit(TrainingInput in) {
    long start = System.nanoTime();
    int dim = TrainingInputs.featureDim(in.train(), in.featuresCol(), options.featureDim());
    JavaSparkContext sc =
        JavaSparkContext.fromSparkContext(in.train().sparkSession().sparkContext());
    Map<String, Double> phases = new LinkedHashMap<>();
    sc.setJobDescription("randomcutforest: pack and cache the training input");
    try (BlockedInput input = BlockedInput.cache(in.train(), in.featuresCol(), dim, BLOCK_ROWS)) {
      if (input.rows() < 1) {
        throw new InvalidOptionException("randomcutforest needs at least 1 training row; got 0");
      }
      int partitions = input.numPartitions();
      int trees = options.numTrees();
      int samples = options.samplesPerTree();
      long perPartition = (trees + partitions - 1) / partitions;
      MemoryBudget.require(
          String.format(
              "the samples of %d trees of %d rows in %d dimensions per partition",
              perPartition, samples, dim),
          MemoryBudget.doubles(perPartition, samples, dim),
          "use fewer num_trees or num_samples_per_tree, or more partitions");
      phases.put("cache_seconds", seconds(start));

      long t = System.nanoTime();
      sc.setJobDescription("randomcutforest: sample and grow " + trees + " trees");
      long seed = options.seed();
      List<Tuple2<Integer, CutTree>> grown =
          input
              .blocks()
              .mapPartitionsWithIndex(
                  (p, it) -> growShare(it, p, partitions, trees, samples, dim, seed).iterator(),
                  true)
              .collect();
      CutTree[] byIndex = new CutTree[trees];
      for (Tuple2<Integer, CutTree> g : grown) {
        byIndex[g._1()] = g._2();
      }
      List<CutTree> forest = new ArrayList<>();
      for (CutTree tree : byIndex) {
        if (tree != null) {
          forest.add(tree);
        }
      }
      phases.put("grow_seconds", seconds(t));

      t = System.nanoTime();
      sc.setJobDescription("randomcutforest: score the training rows for the threshold");
      RandomCutForestModel model = new RandomCutForestModel(dim, samples, forest, 0, 0, Double.NaN);
      double[] moments = scoreMoments(sc, model, input.blocks());
      double mean = moments[1] / moments[0];
      double std = Math.sqrt(Math.max(0, moments[2] / moments[0] - mean * mean));
      model = model.withTrainingScores(mean, std);
      phases.put("score_seconds", seconds(t));
      phases.put("total_seconds", seconds(start));
      LOG.info(
          "randomcutforest: {} trees of up to {} rows in {} s; training scores {} ± {}",
          forest.size(),
          samples,
          String.format("%.2f", phases.get("total_seconds")),
          String.format("%.4f", mean),
          String.format("%.4f", std));
      return new TrainingRun(model, List.of(), "", phases, hyperparameters());
    }
  }

  /**
   * The trees partition {@code p} grows: a reservoir per tree over the partition's rows, then a
   * tree per reservoir.
   */
  static List<Tuple2<Integer, CutTree>> growShare(
      Iterator<DenseBlock> blocks,
      int p,
      int partitions,
      int trees,
      int samples,
      int dim,
      long seed) {
    List<Integer> mine = new ArrayList<>();
    for (int t = p; t < trees; t += partitions) {
      mine.add(t);
    }
    if (mine.isEmpty()) {
      return List.of();
    }
    Random[] random = new Random[mine.size()];
    double[][][] reservoir = new double[mine.size()][samples][];
    for (int i = 0; i < random.length; i++) {
      random[i] = new Random(treeSeed(seed, mine.get(i)));
    }
    long seen = 0;
    while (blocks.hasNext()) {
      DenseBlock b = blocks.next();
      for (int r = 0; r < b.rows; r++, seen++) {
        double[] row = null;
        for (int i = 0; i < random.length; i++) {
          long slot = seen < samples ? seen : random[i].nextLong(seen + 1);
          if (slot < samples) {
            if (row == null) {
              row = java.util.Arrays.copyOfRange(b.values, r * dim, (r + 1) * dim);
            }
            reservoir[i][(int) slot] = row;
          }
        }
      }
    }
    int kept = (int) Math.min(seen, samples);
    List<Tuple2<Integer, CutTree>> out = new ArrayList<>();
    for (int i = 0; i < random.length && kept > 0; i++) {
      double[][] rows = java.util.Arrays.copyOf(reservoir[i], kept);
      out.add(new Tuple2<>(mine.get(i), CutTreeGrower.grow(rows, dim, random[i])));
    }
    return out;
  }

  /** A well-mixed seed for tree {@code t}: neighbouring trees draw unrelated streams. */
  static long treeSeed(long seed, int t) {
    long z = seed + 0x9E3779B97F4A7C15L * (t + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Count, sum and sum of squares of the scores of {@code blocks}. */
  private static double[] scoreMoments(
      JavaSparkContext sc, RandomCutForestModel model, JavaRDD<DenseBlock> blocks) {
    Broadcast<RandomCutForestModel> forest = sc.broadcast(model);
    List<double[]> parts =
        blocks
            .mapPartitions(
                it -> {
                  RandomCutForestModel m = forest.value();
                  double n = 0;
                  double sum = 0;
                  double sq = 0;
                  while (it.hasNext()) {
                    DenseBlock b = it.next();
                    for (int r = 0; r < b.rows; r++) {
                      double s = m.score(b.values, r);
                      n++;
                      sum += s;
                      sq += s * s;
                    }
                  }
                  return Collections.singletonList(new double[] {n, sum, sq}).iterator();
                })
            .collect();
    forest.destroy();
    double[] total = new double[3];
    for (double[] p : parts) {
      for (int j = 0; j < 3; j++) {
        total[j] += p[j];
      }
    }
    return total;
  }

  /**
   * The score distribution of {@code rows}; with a label column of only 0 (normal) and 1 (anomaly),
   * also the accuracy and precision / recall / F1 of {@code is_anomaly} at the model's threshold
   * (as {@code eval_metrics} asks) and the ROC AUC of the score.
   */
  @Override
  public Map<String, Double> evaluate(
      Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
    RandomCutForestModel forest = (RandomCutForestModel) model;
    int dim = forest.featureDim();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
    try (BlockedInput input = BlockedInput.cache(rows, featuresCol, labelCol, dim, BLOCK_ROWS)) {
      Broadcast<RandomCutForestModel> b = sc.broadcast(forest);
      boolean labelled = labelCol != null;
      JavaRDD<double[]> scored =
          input
              .blocks()
              .mapPartitions(
                  it -> {
                    RandomCutForestModel m = b.value();
                    List<double[]> out = new ArrayList<>();
                    while (it.hasNext()) {
                      DenseBlock blk = it.next();
                      for (int r = 0; r < blk.rows; r++) {
                        out.add(
                            new double[] {
                              m.score(blk.values, r), labelled ? blk.labels[r] : Double.NaN
                            });
                      }
                    }
                    return out.iterator();
                  })
              // Counted, then ranked for the AUC: score each row once.
              .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
      // n, sum, anomalies, then tp, fp, tn, fn and rows whose label is not 0 or 1.
      double threshold = forest.threshold();
      double[] c =
          scored
              .mapPartitions(
                  it -> {
                    double[] a = new double[8];
                    while (it.hasNext()) {
                      double[] s = it.next();
                      boolean flagged = s[0] > threshold;
                      a[0]++;
                      a[1] += s[0];
                      a[2] += flagged ? 1 : 0;
                      if (s[1] == 1.0) {
                        a[flagged ? 3 : 6]++;
                      } else if (s[1] == 0.0) {
                        a[flagged ? 4 : 5]++;
                      } else {
                        a[7]++;
                      }
                    }
                    return Collections.singletonList(a).iterator();
                  })
              .reduce(
                  (x, y) -> {
                    double[] z = x.clone();
                    for (int j = 0; j < z.length; j++) {
                      z[j] += y[j];
                    }
                    return z;
                  });
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("validation_score_mean", c[0] == 0 ? 0.0 : c[1] / c[0]);
      out.put("validation_anomaly_rate", c[0] == 0 ? 0.0 : c[2] / c[0]);
      out.put("validation_rows", c[0]);
      boolean binary = labelled && c[7] == 0 && c[0] > 0;
      if (binary) {
        double tp = c[3];
        double fp = c[4];
        double tn = c[5];
        double fn = c[6];
        if (options.accuracy()) {
          out.put("accuracy", (tp + tn) / c[0]);
        }
        if (options.precisionRecallFscore()) {
          double precision = tp + fp == 0 ? 0.0 : tp / (tp + fp);
          double recall = tp + fn == 0 ? 0.0 : tp / (tp + fn);
          out.put("precision", precision);
          out.put("recall", recall);
          out.put(
              "f1", precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall));
        }
        if (tp + fn > 0 && fp + tn > 0) {
          sc.setJobDescription("randomcutforest: ROC AUC of the validation scores");
          out.put(
              "roc_auc",
              new BinaryClassificationMetrics(
                      scored.map(s -> new Tuple2<Object, Object>(s[0], s[1])).rdd(), 0)
                  .areaUnderROC());
        }
      }
      scored.unpersist();
      b.destroy();
      return out;
    }
  }
}
