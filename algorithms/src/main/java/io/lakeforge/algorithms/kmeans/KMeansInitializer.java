package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.models.linalg.Centers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Distributed initialization of k centers over cached blocks: random rows, kmeans++ (k passes) or
 * k-means‖ (Bahmani et al., VLDB 2012: a few passes that each oversample ~2k candidates, then a
 * weighted kmeans++ and Lloyd on the driver). All randomness comes from the seed and the partition
 * index, so the result depends only on the seed, the data and its partitioning.
 */
final class KMeansInitializer {
  /** As in MLlib: two rounds are enough in practice (the paper's analysis needs O(log n)). */
  static final int PARALLEL_INIT_STEPS = 2;

  private static final int LOCAL_LLOYD_ITERATIONS = 30;

  /**
   * Weighted kmeans++ on the candidates is itself randomized and picks two candidates of one
   * cluster with a probability that grows with k; a few cheap trials on the driver (the candidates
   * are ~2k·steps points) make a bad seeding unlikely.
   */
  private static final int LOCAL_TRIALS = 5;

  private KMeansInitializer() {}

  static Centers initialize(BlockedInput input, int k, String method, long seed) {
    return switch (method) {
      case "random" -> random(input, k, seed);
      case "kmeans++" -> kmeansPlusPlus(input, k, seed);
      case "kmeans||" -> kmeansParallel(input, k, seed);
      default -> throw new IllegalArgumentException("unknown init method " + method);
    };
  }

  /** k distinct rows chosen uniformly (Floyd's algorithm over global row indices). */
  static Centers random(BlockedInput input, int k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long n = input.rows();
    Set<Long> chosen = new HashSet<>();
    List<Long> order = new ArrayList<>();
    for (long j = n - k; j < n; j++) {
      long t = rnd.nextLong(j + 1);
      Long pick = chosen.contains(t) ? j : t;
      chosen.add(pick);
      order.add(pick);
    }
    long[] idx = order.stream().mapToLong(Long::longValue).toArray();
    return new Centers(k, input.dim(), input.fetchRows(idx));
  }

  static Centers kmeansPlusPlus(BlockedInput input, int k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int dim = input.dim();
    double[] centers = new double[k * dim];
    double[] first = input.fetchRows(new long[] {rnd.nextLong(input.rows())});
    System.arraycopy(first, 0, centers, 0, dim);
    JavaRDD<double[]> costs = updateCosts(input, null, new Centers(1, dim, first));
    for (int j = 1; j < k; j++) {
      long pick = sampleProportional(input, costs, rnd.nextDouble());
      double[] row = input.fetchRows(new long[] {pick});
      System.arraycopy(row, 0, centers, j * dim, dim);
      JavaRDD<double[]> next = updateCosts(input, costs, new Centers(1, dim, row));
      costs.unpersist(false);
      costs = next;
    }
    costs.unpersist(false);
    return new Centers(k, dim, centers);
  }

  static Centers kmeansParallel(BlockedInput input, int k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int dim = input.dim();
    List<double[]> candidates = new ArrayList<>();
    double[] first = input.fetchRows(new long[] {rnd.nextLong(input.rows())});
    candidates.add(first);
    JavaRDD<double[]> costs = updateCosts(input, null, new Centers(1, dim, first));
    Centers latest;
    for (int step = 0; step < PARALLEL_INIT_STEPS; step++) {
      double total = 0;
      for (double s : partitionSums(costs)) {
        total += s;
      }
      final double phi = total;
      if (!(total > 0)) {
        break;
      }
      double oversampling = 2.0 * k;
      long stepSeed = rnd.nextLong();
      JavaRDD<double[]> c = costs;
      List<double[]> chosen =
          input
              .blocks()
              .zipPartitions(
                  c,
                  (blocks, costIt) -> {
                    // A fresh generator per partition and step keeps the sample independent of
                    // scheduling.
                    List<double[]> out = new ArrayList<>();
                    SplittableRandom r =
                        new SplittableRandom(
                            stepSeed + 0x9E3779B97F4A7C15L * TaskContext.getPartitionId());
                    while (blocks.hasNext()) {
                      DenseBlock b = blocks.next();
                      double[] bc = costIt.next();
                      for (int i = 0; i < b.rows; i++) {
                        if (r.nextDouble() < oversampling * bc[i] / phi) {
                          double[] row = new double[b.dim];
                          b.copyRow(i, row, 0);
                          out.add(row);
                        }
                      }
                    }
                    return out.iterator();
                  })
              .collect();
      if (chosen.isEmpty()) {
        break;
      }
      candidates.addAll(chosen);
      double[] flat = flatten(chosen, dim);
      latest = new Centers(chosen.size(), dim, flat);
      JavaRDD<double[]> next = updateCosts(input, costs, latest);
      costs.unpersist(false);
      costs = next;
    }
    costs.unpersist(false);

    double[] cand = flatten(candidates, dim);
    int m = candidates.size();
    if (m <= k) {
      // Too few distinct candidates: top up with random rows.
      Centers extra = random(input, k - m, seed + 17);
      double[] all = new double[k * dim];
      System.arraycopy(cand, 0, all, 0, m * dim);
      System.arraycopy(extra.values, 0, all, m * dim, (k - m) * dim);
      return new Centers(k, dim, all);
    }
    double[] weights = candidateWeights(input, new Centers(m, dim, cand));
    return LocalWeightedLloyd.fit(
            cand, weights, m, dim, k, "kmeans++", LOCAL_TRIALS, LOCAL_LLOYD_ITERATIONS, 0.0, seed)
        .centers();
  }

  /** Number of rows whose nearest candidate is each candidate. */
  private static double[] candidateWeights(BlockedInput input, Centers candidates) {
    List<double[]> partial =
        input
            .blocks()
            .mapPartitions(
                it -> {
                  double[] w = new double[candidates.k];
                  double[] dots = new double[0];
                  int[] assign = new int[0];
                  double[] dist = new double[0];
                  while (it.hasNext()) {
                    DenseBlock b = it.next();
                    if (assign.length < b.rows) {
                      dots = new double[b.rows * candidates.k];
                      assign = new int[b.rows];
                      dist = new double[b.rows];
                    }
                    b.assign(candidates, dots, assign, dist);
                    for (int i = 0; i < b.rows; i++) {
                      w[assign[i]] += 1;
                    }
                  }
                  return Collections.singletonList(w).iterator();
                })
            .collect();
    double[] w = new double[candidates.k];
    for (double[] p : partial) {
      for (int i = 0; i < w.length; i++) {
        w[i] += p[i];
      }
    }
    return w;
  }

  /** Per block, each row's squared distance to its nearest center so far (min with old costs). */
  private static JavaRDD<double[]> updateCosts(
      BlockedInput input, JavaRDD<double[]> old, Centers added) {
    JavaRDD<double[]> next;
    if (old == null) {
      next = input.blocks().map(b -> nearest(b, added));
    } else {
      next =
          input
              .blocks()
              .zipPartitions(
                  old,
                  (blocks, costs) -> {
                    List<double[]> out = new ArrayList<>();
                    while (blocks.hasNext()) {
                      double[] d = nearest(blocks.next(), added);
                      double[] prev = costs.next();
                      for (int i = 0; i < d.length; i++) {
                        d[i] = Math.min(d[i], prev[i]);
                      }
                      out.add(d);
                    }
                    return out.iterator();
                  });
    }
    next.persist(StorageLevel.MEMORY_AND_DISK());
    next.count();
    return next;
  }

  private static double[] nearest(DenseBlock b, Centers c) {
    double[] dots = new double[b.rows * c.k];
    int[] assign = new int[b.rows];
    double[] dist = new double[b.rows];
    b.assign(c, dots, assign, dist);
    return dist;
  }

  /** Global index of the row where the running sum of costs first exceeds u × total. */
  private static long sampleProportional(BlockedInput input, JavaRDD<double[]> costs, double u) {
    List<Double> perPartition = partitionSums(costs);
    double total = 0;
    for (double s : perPartition) {
      total += s;
    }
    if (!(total > 0)) {
      return (long) (u * input.rows());
    }
    double target = u * total;
    long base = 0;
    int p = 0;
    for (; p < perPartition.size() - 1; p++) {
      if (target < perPartition.get(p)) {
        break;
      }
      target -= perPartition.get(p);
      base += input.partitionRows().get(p);
    }
    final int part = p;
    final double t = target;
    List<Long> hit =
        costs
            .mapPartitionsWithIndex(
                (idx, it) -> {
                  if (idx != part) {
                    return Collections.emptyIterator();
                  }
                  double acc = 0;
                  long i = 0;
                  long lastPositive = -1;
                  while (it.hasNext()) {
                    for (double v : it.next()) {
                      acc += v;
                      if (v > 0) {
                        lastPositive = i;
                      }
                      if (acc > t && v > 0) {
                        return Collections.singletonList(i).iterator();
                      }
                      i++;
                    }
                  }
                  return Collections.singletonList(Math.max(0, lastPositive)).iterator();
                },
                true)
            .collect();
    return base + hit.get(0);
  }

  /** Sum of costs per partition, in partition order (so totals do not depend on scheduling). */
  private static List<Double> partitionSums(JavaRDD<double[]> costs) {
    return costs
        .mapPartitions(
            it -> {
              double s = 0;
              while (it.hasNext()) {
                s += sum(it.next());
              }
              return Collections.singletonList(s).iterator();
            })
        .collect();
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static double[] flatten(List<double[]> rows, int dim) {
    double[] out = new double[rows.size() * dim];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * dim, dim);
    }
    return out;
  }
}
