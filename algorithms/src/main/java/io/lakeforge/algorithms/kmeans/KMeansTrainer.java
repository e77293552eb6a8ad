package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.ClusteringEvaluator;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.MemoryBudget;
import io.lakeforge.algorithms.linalg.TrainingInputs;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link KMeansModel} in either mode: {@code webscale} (SageMaker's mini-batch algorithm)
 * or {@code lloyd} (distributed full-batch Lloyd). The input is packed into BLAS blocks and cached
 * once, and unpersisted when training ends, whatever the outcome.
 */
public final class KMeansTrainer extends OptionsTrainer<KMeansOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(KMeansTrainer.class);

  public KMeansTrainer(KMeansOptions options) {
    super(options);
  }

  @Override
  public List<Output> outputs() {
    return KMeansModel.OUTPUTS;
  }

  @Override
  public String algorithm() {
    return KMeansModel.ALGORITHM;
  }

  /**
   * msd and ssd (as {@code validation_msd}, {@code validation_ssd}, those that {@code eval_metrics}
   * asks for) and the validation row count; with labels also NMI, purity and cluster accuracy.
   */
  @Override
  public Map<String, Double> evaluate(
      Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
    KMeansModel m = (KMeansModel) model;
    Dataset<Row> scored = SparkScoring.transform(m, rows, featuresCol);
    Map<String, Double> all =
        ClusteringEvaluator.evaluate(scored, Output.CLUSTER, Output.DISTANCE, labelCol, m.k());
    Map<String, Double> out = new LinkedHashMap<>();
    for (String metric : options.evalMetrics()) {
      out.put("validation_" + metric, all.get(metric));
    }
    all.forEach(
        (k, v) -> {
          if (!k.equals("msd") && !k.equals("ssd")) {
            out.put(k.equals("rows") ? "validation_rows" : k, v);
          }
        });
    return out;
  }

  @Override
  public TrainingRun fit(TrainingInput in) {
    Dataset<Row> df = in.train();
    String featuresCol = in.featuresCol();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    long start = System.nanoTime();
    Map<String, Double> phases = new LinkedHashMap<>();
    int dim = TrainingInputs.featureDim(df, featuresCol, options.featureDim());
    int centers =
        options.mode().equals("webscale") ? options.k() * options.extraCenterFactor() : options.k();
    // Centers, their sums and a block × centers distance matrix in every task.
    MemoryBudget.require(
        String.format("%d centers × %d features per partition", centers, dim),
        MemoryBudget.doubles(3, centers, dim + BlockedInput.DEFAULT_BLOCK_ROWS),
        "use a smaller k" + (options.mode().equals("webscale") ? " or extra_center_factor" : ""));
    sc.setJobDescription("kmeans: pack and cache the training input");
    LOG.info(
        "kmeans {}: caching {} input partitions as BLAS blocks ({})",
        options.mode(),
        df.rdd().getNumPartitions(),
        DistanceKernel.blasName());
    try (BlockedInput input =
        BlockedInput.cache(df, featuresCol, dim, BlockedInput.DEFAULT_BLOCK_ROWS)) {
      phases.put("cache_seconds", seconds(start));
      if (options.k() > input.rows()) {
        throw new InvalidOptionException(
            String.format(
                "hyperparameter k=%d is larger than the "
                    + "number of training rows (%d): choose k <= %d",
                options.k(), input.rows(), input.rows()));
      }
      long t = System.nanoTime();
      TrainingRun run =
          options.mode().equals("lloyd")
              ? lloyd(sc, input, phases, t, in)
              : webscale(sc, input, phases, t);
      phases.put("total_seconds", seconds(start));
      LOG.info(
          "kmeans {} done in {} s: final training cost {}",
          options.mode(),
          String.format("%.2f", phases.get("total_seconds")),
          String.format("%.6g", run.costHistory().get(run.costHistory().size() - 1)));
      return new TrainingRun(
          run.model(), run.costHistory(), run.costLabel(), phases, hyperparameters());
    }
  }

  /**
   * Lloyd iterations ({@code max_iter}, {@code tol}) from given initial centers: a warm start, and
   * the way to compare against another implementation from the same starting point.
   */
  public TrainingRun fitFrom(Dataset<Row> df, String featuresCol, Centers initial) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    long start = System.nanoTime();
    Map<String, Double> phases = new LinkedHashMap<>();
    try (BlockedInput input =
        BlockedInput.cache(df, featuresCol, initial.dim, BlockedInput.DEFAULT_BLOCK_ROWS)) {
      phases.put("cache_seconds", seconds(start));
      long t = System.nanoTime();
      LloydKMeans.Outcome out =
          LloydKMeans.run(sc, input, initial, options.maxIter(), options.tol(), null);
      phases.put("iterations_seconds", seconds(t));
      phases.put("iterations", (double) out.costs().size());
      phases.put("total_seconds", seconds(start));
      return new TrainingRun(
          new KMeansModel(out.centers()),
          out.costs(),
          "training cost (sum of squared distances) per Lloyd iteration",
          phases);
    }
  }

  /** Total squared distance of the rows of {@code df} to their nearest center: one pass. */
  public static double cost(Dataset<Row> df, String featuresCol, Centers centers) {
    try (BlockedInput input =
        BlockedInput.cache(df, featuresCol, centers.dim, BlockedInput.DEFAULT_BLOCK_ROWS)) {
      return LloydKMeans.cost(input, centers);
    }
  }

  private TrainingRun lloyd(
      JavaSparkContext sc,
      BlockedInput input,
      Map<String, Double> phases,
      long t,
      TrainingInput in) {
    sc.setJobDescription("kmeans lloyd: " + options.initMethod() + " initialization");
    Centers init =
        KMeansInitializer.initialize(input, options.k(), options.initMethod(), options.seed());
    phases.put("init_seconds", seconds(t));
    long t2 = System.nanoTime();
    LloydKMeans.Outcome out =
        LloydKMeans.run(sc, input, init, options.maxIter(), options.tol(), in.listener());
    phases.put("iterations_seconds", seconds(t2));
    phases.put("iterations", (double) out.costs().size());
    return new TrainingRun(
        new KMeansModel(out.centers()),
        out.costs(),
        "training cost (sum of squared distances) per Lloyd iteration",
        phases);
  }

  private TrainingRun webscale(
      JavaSparkContext sc, BlockedInput input, Map<String, Double> phases, long t) {
    WebScaleKMeans.Outcome out = WebScaleKMeans.run(sc, input, options);
    phases.put("epochs_seconds", seconds(t));
    phases.put("partition_epochs_seconds", out.partitionSeconds());
    phases.put("local_lloyd_seconds", out.localLloydSeconds());
    phases.put("gathered_centers", (double) out.gatheredCenters());
    long t2 = System.nanoTime();
    sc.setJobDescription("kmeans webscale: training cost of the reduced centers");
    double finalCost = LloydKMeans.cost(input, out.centers());
    phases.put("final_cost_seconds", seconds(t2));
    List<Double> history = new ArrayList<>(out.epochCosts());
    history.add(finalCost);
    for (int e = 0; e < out.epochCosts().size(); e++) {
      LOG.info(
          "kmeans webscale epoch {}: streaming cost {}",
          e + 1,
          String.format("%.6g", out.epochCosts().get(e)));
    }
    return new TrainingRun(
        new KMeansModel(out.centers()),
        history,
        "streaming cost per epoch, then the training cost of the final k centers",
        phases);
  }
}
