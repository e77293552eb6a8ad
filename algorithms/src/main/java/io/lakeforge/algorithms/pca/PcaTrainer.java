package io.lakeforge.algorithms.pca;

import dev.ludovic.netlib.blas.BLAS;
import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.DenseBlock;
import io.lakeforge.algorithms.linalg.MatrixOps;
import io.lakeforge.algorithms.linalg.MemoryBudget;
import io.lakeforge.algorithms.linalg.OrderedSum;
import io.lakeforge.algorithms.linalg.TrainingInputs;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.linalg.Affine;
import io.lakeforge.models.pca.PcaModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Trains a {@link PcaModel}. {@code regular}: one pass sums the Gram matrix (one SYRK per block)
 * and the mean, and the driver decomposes the covariance exactly. {@code randomized}: a randomized
 * range finder (Halko, Martinsson and Tropp) whose passes each multiply the covariance by a thin
 * {@code dim × (k + extra)} matrix on the executors, followed by Rayleigh–Ritz on the driver:
 * memory and shuffle are linear in the dimension. Partials are summed in partition order, so the
 * same data, partitioning and seed give the same components.
 */
public final class PcaTrainer extends OptionsTrainer<PcaOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(PcaTrainer.class);

  public PcaTrainer(PcaOptions options) {
    super(options);
  }

  @Override
  public List<Output> outputs() {
    return PcaModel.OUTPUTS;
  }

  @Override
  public String algorithm() {
    return PcaModel.ALGORITHM;
  }

  /** Row count, sums, sum of squared norms, and {@code Xᵀ·X} (or {@code Xᵀ·X·M}) of a pass. */
  static final class Moments implements OrderedSum.Summable<Moments> {
    long n;
    double[] sum;
    double sq;
    double[] mat;

    @Override
    public Moments addInPlace(Moments o) {
      n += o.n;
      sq += o.sq;
      for (int j = 0; j < sum.length; j++) {
        sum[j] += o.sum[j];
      }
      for (int j = 0; j < mat.length; j++) {
        mat[j] += o.mat[j];
      }
      return this;
    }
  }

  @Override
  public TrainingRun fit(TrainingInput in) {
    Dataset<Row> df = in.train();
    String featuresCol = in.featuresCol();
    long start = System.nanoTime();
    int dim = TrainingInputs.featureDim(df, featuresCol, options.featureDim());
    int k = options.numComponents();
    if (k > dim) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter num_components=%d is larger "
                  + "than the feature dimension (%d): choose num_components <= %d",
              k, dim, dim));
    }
    long matrix =
        options.randomized()
            ? MemoryBudget.doubles(3, dim, options.sketchColumns(dim))
            : MemoryBudget.doubles(3, dim, dim);
    MemoryBudget.require(
        String.format(
            "PCA (%s) of %d features", options.randomized() ? "randomized" : "regular", dim),
        matrix,
        options.randomized()
            ? "use fewer " + "components or extra_components"
            : "use algorithm_mode=randomized, whose memory grows "
                + "with feature_dim × (num_components + extra_components) instead of feature_dim²");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    sc.setJobDescription("pca: pack and cache the training input");
    Map<String, Double> phases = new LinkedHashMap<>();
    try (BlockedInput input = BlockedInput.cache(df, featuresCol, dim, options.miniBatchSize())) {
      if (input.rows() < 2) {
        throw new InvalidOptionException("pca needs at least 2 training rows; got " + input.rows());
      }
      phases.put("cache_seconds", seconds(start));
      long t = System.nanoTime();
      PcaModel model =
          options.randomized() ? randomized(sc, input, dim, k, phases) : regular(sc, input, dim, k);
      phases.put("solve_seconds", seconds(t));
      phases.put("total_seconds", seconds(start));
      LOG.info(
          "pca {} done in {} s: {} components explain {} of the variance",
          options.randomized() ? "randomized" : "regular",
          String.format("%.2f", phases.get("total_seconds")),
          k,
          String.format("%.4f", model.trainingMetrics().get("explained_variance_ratio_total")));
      return new TrainingRun(model, List.of(), "", phases, hyperparameters());
    }
  }

  private PcaModel regular(JavaSparkContext sc, BlockedInput input, int dim, int k) {
    sc.setJobDescription("pca regular: covariance (one pass)");
    Moments m = pass(input, null, 0);
    double[] mean = mean(m);
    double n = m.n;
    // Symmetrize the upper triangle SYRK filled (column-major), then center.
    double[] c = m.mat;
    for (int col = 0; col < dim; col++) {
      for (int row = 0; row <= col; row++) {
        double v = (c[col * dim + row] - n * mean[row] * mean[col]) / (n - 1);
        c[col * dim + row] = v;
        c[row * dim + col] = v;
      }
    }
    MatrixOps.Eigen eig = MatrixOps.symmetricEigen(c, dim);
    return model(eig, k, dim, mean, totalVariance(m, mean));
  }

  private PcaModel randomized(
      JavaSparkContext sc, BlockedInput input, int dim, int k, Map<String, Double> phases) {
    int l = options.sketchColumns(dim);
    double[] q = new double[dim * l];
    Random rnd = new Random(options.seed());
    for (int i = 0; i < q.length; i++) {
      q[i] = rnd.nextGaussian();
    }
    sc.setJobDescription("pca randomized: sketch (pass 1)");
    Moments first = pass(input, q, l);
    double[] mean = mean(first);
    double[] y = applyCovariance(first, mean, q, l);
    for (int it = 0; it < PcaOptions.POWER_ITERATIONS; it++) {
      MatrixOps.orthonormalize(y, dim, l);
      sc.setJobDescription(
          "pca randomized: power iteration " + (it + 1) + " (pass " + (it + 2) + ")");
      y = applyCovariance(pass(input, y, l), mean, y, l);
    }
    MatrixOps.orthonormalize(y, dim, l);
    sc.setJobDescription(
        "pca randomized: Rayleigh-Ritz (pass " + (PcaOptions.POWER_ITERATIONS + 2) + ")");
    double[] z = applyCovariance(pass(input, y, l), mean, y, l);
    // T = Qᵀ·C·Q (l × l), whose eigenvectors rotate Q onto the principal directions.
    double[] tm = new double[l * l];
    BLAS.getInstance().dgemm("T", "N", l, l, dim, 1.0, y, dim, z, dim, 0.0, tm, l);
    MatrixOps.Eigen small = MatrixOps.symmetricEigen(tm, l);
    double[] vectors = new double[k * dim];
    BLAS.getInstance()
        .dgemm("N", "N", dim, k, l, 1.0, y, dim, small.vectors(), l, 0.0, vectors, dim);
    phases.put("sketch_columns", (double) l);
    phases.put("passes", (double) (PcaOptions.POWER_ITERATIONS + 2));
    return model(
        new MatrixOps.Eigen(java.util.Arrays.copyOf(small.values(), k), vectors, dim),
        k,
        dim,
        mean,
        totalVariance(first, mean));
  }

  /** Covariance times the column-major {@code dim × l} matrix a pass multiplied by. */
  private double[] applyCovariance(Moments m, double[] mean, double[] by, int l) {
    int dim = mean.length;
    double n = m.n;
    double[] out = m.mat;
    for (int c = 0; c < l; c++) {
      double muDot = 0;
      for (int j = 0; j < dim; j++) {
        muDot += mean[j] * by[c * dim + j];
      }
      for (int j = 0; j < dim; j++) {
        out[c * dim + j] = (out[c * dim + j] - n * mean[j] * muDot) / (n - 1);
      }
    }
    return out;
  }

  private double[] mean(Moments m) {
    double[] mean = new double[m.sum.length];
    if (options.subtractMean()) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] = m.sum[j] / m.n;
      }
    }
    return mean;
  }

  private static double totalVariance(Moments m, double[] mean) {
    double muSq = 0;
    for (double v : mean) {
      muSq += v * v;
    }
    return (m.sq - m.n * muSq) / (m.n - 1);
  }

  private static PcaModel model(MatrixOps.Eigen eig, int k, int dim, double[] mean, double total) {
    double[] comps = new double[k * dim];
    double[] var = new double[k];
    double[] ratio = new double[k];
    for (int i = 0; i < k; i++) {
      double[] v = eig.vector(i);
      MatrixOps.canonicalSign(v);
      System.arraycopy(v, 0, comps, i * dim, dim);
      var[i] = Math.max(0.0, eig.values()[i]);
      ratio[i] = total > 0 ? var[i] / total : 0.0;
    }
    return new PcaModel(k, dim, comps, mean, var, ratio);
  }

  /**
   * One pass: moments plus {@code Xᵀ·X} (upper triangle, when {@code by} is null) or {@code
   * Xᵀ·(X·by)} for a column-major {@code dim × l} matrix {@code by}.
   */
  private static Moments pass(BlockedInput input, double[] by, int l) {
    int dim = input.dim();
    return OrderedSum.sum(
        input
            .blocks()
            .mapPartitionsWithIndex(
                (p, it) -> {
                  BLAS blas = BLAS.getInstance();
                  Moments m = new Moments();
                  m.sum = new double[dim];
                  m.mat = new double[by == null ? dim * dim : dim * l];
                  double[] b = null;
                  while (it.hasNext()) {
                    DenseBlock blk = it.next();
                    int rows = blk.rows;
                    m.n += rows;
                    for (int i = 0; i < rows; i++) {
                      m.sq += blk.sqNorms[i];
                      for (int j = 0; j < dim; j++) {
                        m.sum[j] += blk.values[i * dim + j];
                      }
                    }
                    // The block is row-major rows × dim, i.e. column-major dim × rows.
                    if (by == null) {
                      blas.dsyrk("U", "N", dim, rows, 1.0, blk.values, dim, 1.0, m.mat, dim);
                    } else {
                      if (b == null || b.length < rows * l) {
                        b = new double[rows * l];
                      }
                      blas.dgemm(
                          "T", "N", rows, l, dim, 1.0, blk.values, dim, by, dim, 0.0, b, rows);
                      blas.dgemm(
                          "N", "N", dim, l, rows, 1.0, blk.values, dim, b, rows, 1.0, m.mat, dim);
                    }
                  }
                  return Collections.singletonList(new Tuple2<>(p, m)).iterator();
                },
                true),
        input.numPartitions());
  }

  @Override
  public Map<String, Double> evaluate(
      Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
    PcaModel pca = (PcaModel) model;
    int dim = pca.featureDim();
    int k = pca.numComponents();
    double[] v = pca.components();
    double[] mean = pca.mean();
    double[] b = pca.offset();
    // Per row: ‖x − mean‖² and ‖projection‖²; their difference is the squared reconstruction
    // error because the components are orthonormal.
    try (BlockedInput input = BlockedInput.cache(rows, featuresCol, dim, 1024)) {
      List<double[]> parts =
          input
              .blocks()
              .mapPartitions(
                  it -> {
                    double centered = 0;
                    double projected = 0;
                    while (it.hasNext()) {
                      DenseBlock blk = it.next();
                      double[] z = new double[blk.rows * k];
                      Affine.apply(v, b, k, blk.values, blk.rows, dim, z);
                      for (double zi : z) {
                        projected += zi * zi;
                      }
                      for (int i = 0; i < blk.rows; i++) {
                        for (int j = 0; j < dim; j++) {
                          double d = blk.values[i * dim + j] - mean[j];
                          centered += d * d;
                        }
                      }
                    }
                    return Collections.singletonList(new double[] {centered, projected}).iterator();
                  })
              .collect();
      double centered = 0;
      double projected = 0;
      for (double[] p : parts) {
        centered += p[0];
        projected += p[1];
      }
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("validation_reconstruction_mse", Math.max(0, centered - projected) / input.rows());
      out.put("validation_explained_variance_ratio", centered > 0 ? projected / centered : 0.0);
      out.put("validation_rows", (double) input.rows());
      return out;
    }
  }
}
