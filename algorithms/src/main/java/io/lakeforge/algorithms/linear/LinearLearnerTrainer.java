package io.lakeforge.algorithms.linear;

import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.LabelChecks;
import io.lakeforge.algorithms.eval.SupervisedEvaluator;
import io.lakeforge.algorithms.linalg.BlockedInput;
import io.lakeforge.algorithms.linalg.MemoryBudget;
import io.lakeforge.algorithms.linalg.TrainingInputs;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.linear.LinearModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link LinearModel}: one pass for feature and label statistics (which also rejects
 * labels that do not fit the predictor type), then {@code epochs} of distributed mini-batch
 * training ({@link LinearSgd}), stopping early when the training loss stops improving.
 */
public final class LinearLearnerTrainer extends OptionsTrainer<LinearLearnerOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(LinearLearnerTrainer.class);

  public LinearLearnerTrainer(LinearLearnerOptions options) {
    super(options);
  }

  @Override
  public List<Output> outputs() {
    return LinearModel.outputsOf(options.predictorType());
  }

  @Override
  public String algorithm() {
    return LinearModel.ALGORITHM;
  }

  @Override
  public TrainingRun fit(TrainingInput in) {
    Dataset<Row> df = in.train();
    String featuresCol = in.featuresCol();
    String labelCol = in.labelCol();
    TrainingInputs.requireLabel(algorithm(), labelCol);
    long start = System.nanoTime();
    int dim = TrainingInputs.featureDim(df, featuresCol, options.featureDim());
    // Weights, gradient and two Adam moments per output, in every task and on the driver.
    MemoryBudget.require(
        String.format("a linear model of %d outputs × %d features", options.outputs(), dim),
        MemoryBudget.doubles(6, options.outputs(), dim),
        "use fewer classes (num_classes) or fewer features");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    sc.setJobDescription("linear-learner: pack and cache the training input");
    Map<String, Double> phases = new LinkedHashMap<>();
    // One block per mini-batch: each optimizer step is two GEMMs over a cached block.
    try (BlockedInput input =
        BlockedInput.cache(df, featuresCol, labelCol, dim, options.miniBatchSize())) {
      phases.put("cache_seconds", seconds(start));
      long t = System.nanoTime();
      sc.setJobDescription("linear-learner: feature and label statistics");
      LinearSgd.Stats stats = LinearSgd.stats(input, options);
      LinearSgd.Scaling scaling = LinearSgd.scaling(stats, options);
      phases.put("statistics_seconds", seconds(t));
      t = System.nanoTime();
      LinearSgd.Outcome out = LinearSgd.run(sc, input, options, scaling, in.listener());
      phases.put("epochs_seconds", seconds(t));
      phases.put("epochs", (double) out.epochLosses().size());
      phases.put("stopped_early", out.stoppedEarly() ? 1.0 : 0.0);
      phases.put("total_seconds", seconds(start));
      LOG.info(
          "linear-learner {} done in {} s after {} epochs",
          options.predictorType(),
          String.format("%.2f", phases.get("total_seconds")),
          out.epochLosses().size());
      return new TrainingRun(
          toRawSpace(out, scaling, dim),
          out.epochLosses(),
          "mean training loss (" + options.loss() + ") per epoch, on the training scale",
          phases,
          hyperparameters());
    }
  }

  /** Folds the training-time feature and label scaling into the weights. */
  private LinearModel toRawSpace(LinearSgd.Outcome out, LinearSgd.Scaling s, int dim) {
    int outs = options.outputs();
    double[] w = new double[outs * dim];
    double[] b = new double[outs];
    for (int c = 0; c < outs; c++) {
      double shift = options.useBias() ? out.b()[c] : 0.0;
      for (int j = 0; j < dim; j++) {
        w[c * dim + j] = out.w()[c * dim + j] * s.invSd()[j] * s.ySd();
        shift -= out.w()[c * dim + j] * s.invSd()[j] * s.mu()[j];
      }
      b[c] = shift * s.ySd() + s.yMu();
    }
    return new LinearModel(
        options.predictorType(), options.loss(), options.numClasses(), outs, dim, w, b);
  }

  @Override
  public Map<String, Double> evaluate(
      Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
    if (labelCol != null && options.numClasses() > 0) {
      // The same rule as the training labels: the model has exactly num_classes outputs.
      LabelChecks.requireClassIndices(
          rows,
          labelCol,
          "validation",
          options.numClasses(),
          LinearSgd.expectedLabels(options.predictorType(), options.numClasses()));
    }
    return SupervisedEvaluator.evaluate(
        model, rows, featuresCol, labelCol, options.numClasses(), options.numClasses() == 2);
  }
}
