package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.ClusteringEvaluator;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.Centers;
import io.lakeforge.algorithms.linalg.DimensionMismatchException;
import io.lakeforge.algorithms.linalg.DistanceKernel;
import io.lakeforge.algorithms.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
  public String algorithm() {
    return KMeansModel.ALGORITHM;
  }

  @Override
  public Map<String, Double> evaluate(TrainedModel model, Dataset<Row> rows, String featuresCol,
      String labelCol) {
    KMeansModel m = (KMeansModel) model;
    Dataset<Row> scored = m.transform(rows, featuresCol);
    Map<String, Double> all = ClusteringEvaluator.evaluate(scored, KMeansModel.CLUSTER_COL,
        KMeansModel.DISTANCE_COL, labelCol, m.k());
    Map<String, Double> out = new LinkedHashMap<>();
    for (String metric : options.evalMetrics()) {
      out.put(metric, all.get(metric));
    }
    all.forEach((k, v) -> {
      if (!k.equals("msd") && !k.equals("ssd")) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Override
  public TrainedModel read(SparkSession spark, String dir) {
    return KMeansModel.read(spark, dir);
  }

  @Override
  public TrainingRun fit(Dataset<Row> df, String featuresCol, String labelCol) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    long start = System.nanoTime();
    Map<String, Double> phases = new LinkedHashMap<>();
    Row first = df.select(featuresCol).first();
    if (first == null || first.isNullAt(0)) {
      throw new InvalidOptionException("the training input has no rows with a feature vector");
    }
    int dim = ((Vector) first.get(0)).size();
    if (options.featureDim() != 0 && options.featureDim() != dim) {
      throw new DimensionMismatchException(options.featureDim(), dim);
    }
    sc.setJobDescription("kmeans: pack and cache the training input");
    LOG.info("kmeans {}: caching {} input partitions as BLAS blocks ({})", options.mode(),
        df.rdd().getNumPartitions(), DistanceKernel.blasName());
    try (BlockedInput input = BlockedInput.cache(df, featuresCol, dim,
        BlockedInput.DEFAULT_BLOCK_ROWS)) {
      phases.put("cache_seconds", seconds(start));
      if (options.k() > input.rows()) {
        throw new InvalidOptionException(String.format("hyperparameter k=%d is larger than the "
            + "number of training rows (%d): choose k <= %d", options.k(), input.rows(),
            input.rows()));
      }
      long t = System.nanoTime();
      TrainingRun run = options.mode().equals("lloyd") ? lloyd(sc, input, phases, t)
          : webscale(sc, input, phases, t);
      phases.put("total_seconds", seconds(start));
      LOG.info("kmeans {} done in {} s: final training cost {}", options.mode(),
          String.format("%.2f", phases.get("total_seconds")),
          String.format("%.6g", run.costHistory().get(run.costHistory().size() - 1)));
      return new TrainingRun(run.model(), run.costHistory(), run.costLabel(), phases);
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
    try (BlockedInput input = BlockedInput.cache(df, featuresCol, initial.dim,
        BlockedInput.DEFAULT_BLOCK_ROWS)) {
      phases.put("cache_seconds", seconds(start));
      long t = System.nanoTime();
      LloydKMeans.Outcome out = LloydKMeans.run(sc, input, initial, options.maxIter(),
          options.tol());
      phases.put("iterations_seconds", seconds(t));
      phases.put("iterations", (double) out.costs().size());
      phases.put("total_seconds", seconds(start));
      return new TrainingRun(new KMeansModel(out.centers()), out.costs(),
          "training cost (sum of squared distances) per Lloyd iteration", phases);
    }
  }

  /** Total squared distance of the rows of {@code df} to their nearest center: one pass. */
  public static double cost(Dataset<Row> df, String featuresCol, Centers centers) {
    try (BlockedInput input = BlockedInput.cache(df, featuresCol, centers.dim,
        BlockedInput.DEFAULT_BLOCK_ROWS)) {
      return LloydKMeans.cost(input, centers);
    }
  }

  private TrainingRun lloyd(JavaSparkContext sc, BlockedInput input, Map<String, Double> phases,
      long t) {
    sc.setJobDescription("kmeans lloyd: " + options.initMethod() + " initialization");
    Centers init = KMeansInitializer.initialize(input, options.k(), options.initMethod(),
        options.seed());
    phases.put("init_seconds", seconds(t));
    long t2 = System.nanoTime();
    LloydKMeans.Outcome out = LloydKMeans.run(sc, input, init, options.maxIter(), options.tol());
    phases.put("iterations_seconds", seconds(t2));
    phases.put("iterations", (double) out.costs().size());
    return new TrainingRun(new KMeansModel(out.centers()), out.costs(),
        "training cost (sum of squared distances) per Lloyd iteration", phases);
  }

  private TrainingRun webscale(JavaSparkContext sc, BlockedInput input,
      Map<String, Double> phases, long t) {
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
      LOG.info("kmeans webscale epoch {}: streaming cost {}", e + 1,
          String.format("%.6g", out.epochCosts().get(e)));
    }
    return new TrainingRun(new KMeansModel(out.centers()), history,
        "streaming cost per epoch, then the training cost of the final k centers", phases);
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
