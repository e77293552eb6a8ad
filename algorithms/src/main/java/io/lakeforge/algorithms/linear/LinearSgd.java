package io.lakeforge.algorithms.linear;

import dev.ludovic.netlib.blas.BLAS;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.algorithms.linalg.OrderedSum;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.linalg.Affine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Distributed mini-batch training of a linear model by per-epoch model averaging, the scheme
 * SageMaker's linear learner uses across hosts: every partition starts an epoch from the same
 * weights and optimizer state, runs Adam (or plain SGD) over its own mini-batches, and the epoch's
 * result is the row-weighted average of the partitions' weights and optimizer moments, summed in
 * partition order so that the same seed and partitioning give identical weights. One Spark job per
 * epoch, whatever the number of partitions.
 */
final class LinearSgd {
  private static final Logger LOG = LoggerFactory.getLogger(LinearSgd.class);
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  /** Weights in the normalized space, the mean training loss per epoch, and why it stopped. */
  record Outcome(double[] w, double[] b, List<Double> epochLosses, boolean stoppedEarly) {}

  private LinearSgd() {}

  /** Feature and label moments, and the first invalid label seen: one pass over the input. */
  static final class Stats implements OrderedSum.Summable<Stats> {
    long n;
    double[] sum;
    double[] sumSq;
    double ySum;
    double ySumSq;
    long badLabels;
    double firstBadLabel;

    Stats(int dim) {
      sum = new double[dim];
      sumSq = new double[dim];
    }

    @Override
    public Stats addInPlace(Stats o) {
      if (badLabels == 0 && o.badLabels > 0) {
        firstBadLabel = o.firstBadLabel;
      }
      n += o.n;
      badLabels += o.badLabels;
      ySum += o.ySum;
      ySumSq += o.ySumSq;
      for (int j = 0; j < sum.length; j++) {
        sum[j] += o.sum[j];
        sumSq[j] += o.sumSq[j];
      }
      return this;
    }
  }

  /** Model and optimizer state shared by every partition at the start of an epoch. */
  static final class State implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    double[] w;
    double[] b;
    double[] mw;
    double[] vw;
    double[] mb;
    double[] vb;
    long t;
  }

  /** One partition's epoch: its final state weighted by its rows, and its summed loss. */
  static final class Partial implements OrderedSum.Summable<Partial> {
    State s;
    double loss;
    long rows;
    long steps;
    int partitions;

    @Override
    public Partial addInPlace(Partial o) {
      add(s.w, o.s.w);
      add(s.b, o.s.b);
      add(s.mw, o.s.mw);
      add(s.vw, o.s.vw);
      add(s.mb, o.s.mb);
      add(s.vb, o.s.vb);
      s.t += o.s.t;
      loss += o.loss;
      rows += o.rows;
      steps += o.steps;
      partitions += o.partitions;
      return this;
    }

    private static void add(double[] a, double[] b) {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
    }
  }

  /**
   * The affine maps training applies: {@code (x − mu) · invSd} and {@code (y − yMu) / ySd}. A
   * class, not a record: it is broadcast, and Kryo cannot write records.
   */
  static final class Scaling implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] mu;
    private final double[] invSd;
    private final double yMu;
    private final double ySd;

    Scaling(double[] mu, double[] invSd, double yMu, double ySd) {
      this.mu = mu;
      this.invSd = invSd;
      this.yMu = yMu;
      this.ySd = ySd;
    }

    double[] mu() {
      return mu;
    }

    double[] invSd() {
      return invSd;
    }

    double yMu() {
      return yMu;
    }

    double ySd() {
      return ySd;
    }
  }

  static Stats stats(BlockedInput input, LinearLearnerOptions o) {
    int dim = input.dim();
    String type = o.predictorType();
    int classes = o.numClasses();
    Stats total =
        OrderedSum.sum(
            input
                .blocks()
                .mapPartitionsWithIndex(
                    (p, it) -> {
                      Stats s = new Stats(dim);
                      while (it.hasNext()) {
                        DenseBlock blk = it.next();
                        for (int i = 0; i < blk.rows; i++) {
                          int off = i * dim;
                          for (int j = 0; j < dim; j++) {
                            double v = blk.values[off + j];
                            s.sum[j] += v;
                            s.sumSq[j] += v * v;
                          }
                          double y = blk.labels[i];
                          if (!validLabel(y, type, classes)) {
                            if (s.badLabels++ == 0) {
                              s.firstBadLabel = y;
                            }
                          }
                          s.ySum += y;
                          s.ySumSq += y * y;
                        }
                        s.n += blk.rows;
                      }
                      return Collections.singletonList(new Tuple2<>(p, s)).iterator();
                    },
                    true),
            input.numPartitions());
    if (total.badLabels > 0) {
      throw new InvalidOptionException(
          String.format(
              "label %s is not valid for "
                  + "predictor_type=%s: expected %s (%d of %d training rows have such labels)",
              fmt(total.firstBadLabel),
              type,
              expectedLabels(type, classes),
              total.badLabels,
              total.n));
    }
    return total;
  }

  static Scaling scaling(Stats s, LinearLearnerOptions o) {
    int dim = s.sum.length;
    double[] mu = new double[dim];
    double[] inv = new double[dim];
    for (int j = 0; j < dim; j++) {
      if (o.normalizeData()) {
        mu[j] = s.sum[j] / s.n;
        double var = Math.max(0.0, s.sumSq[j] / s.n - mu[j] * mu[j]);
        // A constant feature carries nothing; leave it unscaled rather than divide by zero.
        inv[j] = var > 1e-24 ? 1.0 / Math.sqrt(var) : 1.0;
      } else {
        inv[j] = 1.0;
      }
    }
    double yMu = 0;
    double ySd = 1;
    if (o.normalizeLabel()) {
      yMu = s.ySum / s.n;
      double var = Math.max(0.0, s.ySumSq / s.n - yMu * yMu);
      ySd = var > 1e-24 ? Math.sqrt(var) : 1.0;
    }
    return new Scaling(mu, inv, yMu, ySd);
  }

  static Outcome run(
      JavaSparkContext sc,
      BlockedInput input,
      LinearLearnerOptions o,
      Scaling scaling,
      io.lakeforge.algorithms.api.TrainingListener listener) {
    int dim = input.dim();
    int outs = o.outputs();
    State state = new State();
    state.w = new double[outs * dim];
    state.b = new double[outs];
    state.mw = new double[outs * dim];
    state.vw = new double[outs * dim];
    state.mb = new double[outs];
    state.vb = new double[outs];
    List<Double> losses = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    boolean early = false;
    for (int epoch = 0; epoch < o.epochs(); epoch++) {
      sc.setJobDescription("linear-learner: epoch " + (epoch + 1) + " of " + o.epochs());
      Broadcast<State> bc = sc.broadcast(state);
      Broadcast<Scaling> bs = sc.broadcast(scaling);
      int e = epoch;
      Partial sum =
          OrderedSum.sum(
              input
                  .blocks()
                  .mapPartitionsWithIndex(
                      (p, it) -> {
                        List<DenseBlock> blocks = new ArrayList<>();
                        it.forEachRemaining(blocks::add);
                        return Collections.singletonList(
                                new Tuple2<>(
                                    p,
                                    epochOnPartition(
                                        blocks,
                                        bc.value(),
                                        bs.value(),
                                        o,
                                        dim,
                                        new Random(o.seed() * 1_000_003L + e * 7919L + p))))
                            .iterator();
                      },
                      true),
              input.numPartitions());
      bc.destroy();
      bs.destroy();
      if (sum.rows == 0) {
        throw new InvalidOptionException("the training input has no rows");
      }
      state = average(sum);
      double loss = sum.loss / sum.rows;
      losses.add(loss);
      LOG.info(
          "linear-learner epoch {}/{}: mean training loss {}",
          epoch + 1,
          o.epochs(),
          String.format("%.6g", loss));
      if (!listener.onStep(epoch + 1, java.util.Map.of("train_cost", loss))) {
        LOG.info("linear-learner: stopped after epoch {} on request", epoch + 1);
        early = true;
        break;
      }
      if (loss < best * (1 - o.earlyStoppingTolerance())) {
        best = loss;
        sinceBest = 0;
      } else if (++sinceBest >= o.earlyStoppingPatience()) {
        LOG.info(
            "linear-learner: no relative improvement above {} for {} epochs; stopping "
                + "after epoch {}",
            o.earlyStoppingTolerance(),
            sinceBest,
            epoch + 1);
        early = true;
        break;
      }
    }
    return new Outcome(state.w, state.b, losses, early);
  }

  private static State average(Partial sum) {
    double inv = 1.0 / sum.rows;
    State s = sum.s;
    for (double[] a : new double[][] {s.w, s.b, s.mw, s.vw, s.mb, s.vb}) {
      for (int i = 0; i < a.length; i++) {
        a[i] *= inv;
      }
    }
    s.t =
        s.t / Math.max(1, sum.partitions)
            + Math.round((double) sum.steps / Math.max(1, sum.partitions));
    return s;
  }

  private static Partial epochOnPartition(
      List<DenseBlock> blocks,
      State start,
      Scaling sc,
      LinearLearnerOptions o,
      int dim,
      Random rnd) {
    int outs = o.outputs();
    State s = new State();
    s.w = start.w.clone();
    s.b = start.b.clone();
    s.mw = start.mw.clone();
    s.vw = start.vw.clone();
    s.mb = start.mb.clone();
    s.vb = start.vb.clone();
    s.t = start.t;
    Collections.shuffle(blocks, rnd);
    int maxRows = 0;
    for (DenseBlock blk : blocks) {
      maxRows = Math.max(maxRows, blk.rows);
    }
    double[] xn = new double[maxRows * dim];
    double[] z = new double[maxRows * outs];
    double[] gw = new double[outs * dim];
    double[] gb = new double[outs];
    double[] y = new double[maxRows];
    BLAS blas = BLAS.getInstance();
    double loss = 0;
    long rows = 0;
    for (DenseBlock blk : blocks) {
      int n = blk.rows;
      for (int i = 0; i < n; i++) {
        int off = i * dim;
        for (int j = 0; j < dim; j++) {
          xn[off + j] = (blk.values[off + j] - sc.mu()[j]) * sc.invSd()[j];
        }
        y[i] = (blk.labels[i] - sc.yMu()) / sc.ySd();
      }
      Affine.apply(s.w, o.useBias() ? s.b : new double[outs], outs, xn, n, dim, z);
      loss += Losses.lossAndGradient(o.loss(), z, y, n, outs);
      // gw = (1/n) · dZᵀ·X, row-major outputs×dim (column-major dim×outputs).
      blas.dgemm("N", "T", dim, outs, n, 1.0 / n, xn, dim, z, outs, 0.0, gw, dim);
      java.util.Arrays.fill(gb, 0.0);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < outs; c++) {
          gb[c] += z[i * outs + c] / n;
        }
      }
      if (o.wd() > 0) {
        blas.daxpy(gw.length, o.wd(), s.w, 1, gw, 1);
      }
      s.t++;
      step(s.w, gw, s.mw, s.vw, s.t, o);
      if (o.useBias()) {
        step(s.b, gb, s.mb, s.vb, s.t, o);
      }
      if (o.l1() > 0) {
        double shrink = o.learningRate(s.t) * o.l1();
        for (int i = 0; i < s.w.length; i++) {
          double a = Math.abs(s.w[i]) - shrink;
          s.w[i] = a > 0 ? Math.copySign(a, s.w[i]) : 0.0;
        }
      }
      rows += n;
    }
    Partial p = new Partial();
    for (double[] a : new double[][] {s.w, s.b, s.mw, s.vw, s.mb, s.vb}) {
      for (int i = 0; i < a.length; i++) {
        a[i] *= rows;
      }
    }
    // t is averaged over partitions: carry the starting step once per partition that ran.
    p.partitions = rows > 0 ? 1 : 0;
    s.t = rows > 0 ? start.t : 0;
    p.s = s;
    p.loss = loss;
    p.rows = rows;
    p.steps = rows > 0 ? blocks.size() : 0;
    return p;
  }

  private static void step(
      double[] w, double[] g, double[] m, double[] v, long t, LinearLearnerOptions o) {
    double lr = o.learningRate(t);
    if (o.optimizer().equals("sgd")) {
      for (int i = 0; i < w.length; i++) {
        w[i] -= lr * g[i];
      }
      return;
    }
    double rate = lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    for (int i = 0; i < w.length; i++) {
      m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
      v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
      w[i] -= rate * m[i] / (Math.sqrt(v[i]) + EPS);
    }
  }

  static boolean validLabel(double y, String type, int classes) {
    return switch (type) {
      case LinearLearnerOptions.BINARY -> y == 0.0 || y == 1.0;
      case LinearLearnerOptions.MULTICLASS -> y >= 0 && y < classes && y == Math.rint(y);
      default -> Double.isFinite(y);
    };
  }

  static String expectedLabels(String type, int classes) {
    return switch (type) {
      case LinearLearnerOptions.BINARY -> "0 or 1";
      case LinearLearnerOptions.MULTICLASS ->
          "an integer in 0.." + (classes - 1) + " (num_classes=" + classes + ")";
      default -> "a finite number";
    };
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
