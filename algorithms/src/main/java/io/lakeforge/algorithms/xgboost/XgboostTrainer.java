package io.lakeforge.algorithms.xgboost;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.LabelChecks;
import io.lakeforge.algorithms.eval.SupervisedEvaluator;
import io.lakeforge.algorithms.linalg.TrainingInputs;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.xgboost.XgboostModel;
import io.lakeforge.models.xgboost.XgboostNative;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.Booster;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import ml.dmlc.xgboost4j.scala.spark.XGBoostTrainingSummary;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link XgboostModel} with xgboost4j-spark: one XGBoost worker per Spark task in a
 * barrier stage, the workers joined by XGBoost's collective (allreduce of the histograms), so every
 * tree is built from all partitions. Early stopping watches the validation split.
 */
public final class XgboostTrainer extends OptionsTrainer<XgboostOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(XgboostTrainer.class);
  private static final String LABEL = "label";
  private static final String FEATURES = "features";

  public XgboostTrainer(XgboostOptions options) {
    super(options);
    // Before any Spark work: on a platform without XGBoost's native library, one line at once.
    XgboostNative.require();
  }

  @Override
  public List<Output> outputs() {
    return Output.supervised(options.classifier());
  }

  @Override
  public String algorithm() {
    return XgboostModel.ALGORITHM;
  }

  @Override
  public TrainingRun fit(TrainingInput in) {
    TrainingInputs.requireLabel(algorithm(), in.labelCol());
    if (options.earlyStoppingRounds() != null && in.validation() == null) {
      throw new IllegalArgumentException(
          "hyperparameter early_stopping_rounds needs a validation split to watch; none was given");
    }
    long start = System.nanoTime();
    int dim = TrainingInputs.featureDim(in.train(), in.featuresCol(), options.featureDim());
    requireLabels(in.train(), in.labelCol(), "training");
    Dataset<Row> train = prepare(in.train(), in.featuresCol(), in.labelCol());
    int slots = train.sparkSession().sparkContext().defaultParallelism();
    int partitions = train.rdd().getNumPartitions();
    // A barrier stage needs every worker running at once: more workers than task slots would
    // never start, so the default is capped at the slots.
    int workers = options.numWorkers() > 0 ? options.numWorkers() : Math.min(partitions, slots);
    Predictor<?, ?, ?> blank =
        options.classifier() ? new XGBoostClassifier() : new XGBoostRegressor();
    String trackerHost = train.sparkSession().sparkContext().getConf().get("spark.driver.host");
    // The evaluation set is a field, not a Param: fit(data, paramMap) would train a copy without
    // it (and so never stop early), so the params go into the copy that is fitted.
    Predictor<?, ?, ?> estimator = blank.copy(params(blank, workers, trackerHost));
    if (in.validation() != null) {
      requireLabels(in.validation(), in.labelCol(), "validation");
      Dataset<Row> eval = prepare(in.validation(), in.featuresCol(), in.labelCol());
      if (estimator instanceof XGBoostClassifier c) {
        c.setEvalDataset(eval);
      } else {
        ((XGBoostRegressor) estimator).setEvalDataset(eval);
      }
    }
    LOG.info(
        "xgboost {}: training up to {} rounds on {} workers (tracker at {})",
        options.objective(),
        options.numRound(),
        workers,
        trackerHost);
    XGBoostModel fitted;
    try (WorkerLossWatch watch =
        new WorkerLossWatch(
            train.sparkSession().sparkContext(),
            "lakeforge-xgboost-" + java.util.UUID.randomUUID(),
            "xgboost: " + workers + " workers")) {
      try {
        fitted = (XGBoostModel) estimator.fit(train);
      } catch (Exception e) {
        // Also SparkException (checked, thrown by Scala undeclared): a cancelled job group.
        if (watch.failure() != null) {
          throw new IllegalStateException(
              "XGBoost training stopped: "
                  + watch.failure()
                  + "; its workers train together and cannot continue without it, so the job "
                  + "ends here rather than wait: run it again",
              e);
        }
        throw e;
      }
    }
    Booster booster = fitted.nativeBooster();
    XgboostModel model;
    String bestIteration;
    int rounds;
    try {
      // With early stopping the booster holds the rounds that ran, not num_round.
      rounds = booster.booster().getNumBoostedRound();
      model =
          new XgboostModel(
              options.objective(),
              options.numClasses(),
              dim,
              rounds,
              booster.toByteArray("json"),
              gain(booster));
      bestIteration = booster.booster().getAttr("best_iteration");
    } catch (XGBoostError e) {
      throw new IllegalStateException("cannot export the XGBoost booster: " + e.getMessage(), e);
    }
    // The summary's arrays have num_round slots; the rounds that did not run are left at 0.
    List<Double> history = new ArrayList<>();
    if (fitted.summary().isDefined()) {
      float[] h = ((XGBoostTrainingSummary) fitted.summary().get()).trainObjectiveHistory();
      for (int i = 0; i < Math.min(rounds, h.length); i++) {
        history.add((double) h[i]);
      }
    }
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("workers", (double) workers);
    phases.put("rounds", (double) rounds);
    if (bestIteration != null) {
      phases.put("best_iteration", Double.parseDouble(bestIteration));
    }
    phases.put("total_seconds", seconds(start));
    LOG.info(
        "xgboost {} done in {} s: {} rounds on {} workers",
        options.objective(),
        String.format("%.2f", phases.get("total_seconds")),
        rounds,
        workers);
    Map<String, Object> resolved = new LinkedHashMap<>(hyperparameters());
    resolved.put(XgboostOptions.NUM_WORKERS.name(), workers);
    return new TrainingRun(
        model,
        history,
        "training "
            + (options.evalMetric() == null ? "metric" : options.evalMetric())
            + " per round",
        phases,
        resolved);
  }

  private void requireLabels(Dataset<Row> rows, String labelCol, String what) {
    if (options.numClasses() > 0) {
      LabelChecks.requireClassIndices(
          rows,
          labelCol,
          what,
          options.numClasses(),
          "a class index in 0.." + (options.numClasses() - 1));
    }
  }

  private static Dataset<Row> prepare(Dataset<Row> df, String featuresCol, String labelCol) {
    return df.select(col(featuresCol).as(FEATURES), col(labelCol).cast("double").as(LABEL));
  }

  /**
   * SageMaker's hyperparameters as xgboost4j-spark parameters: XGBoost's own names for the booster,
   * camel case for the Spark side (numRound, numWorkers, ...).
   */
  private ParamMap params(Params e, int workers, String trackerHost) {
    ParamMap m = new ParamMap();
    put(m, e, "featuresCol", FEATURES);
    put(m, e, "labelCol", LABEL);
    put(m, e, "numRound", options.numRound());
    put(m, e, "numWorkers", workers);
    // XGBoost's tracker picks the host's first interface by default; the workers must reach it
    // where executors reach the driver (127.0.0.1 in local mode and on a loopback cluster).
    put(m, e, "rabitTrackerHostIp", trackerHost);
    put(m, e, "objective", options.objective());
    put(m, e, "eta", options.eta());
    put(m, e, "gamma", options.gamma());
    put(m, e, "max_depth", options.maxDepth());
    put(m, e, "min_child_weight", options.minChildWeight());
    put(m, e, "max_delta_step", options.maxDeltaStep());
    put(m, e, "subsample", options.subsample());
    put(m, e, "colsample_bytree", options.colsampleBytree());
    put(m, e, "colsample_bylevel", options.colsampleBylevel());
    put(m, e, "lambda", options.lambda());
    put(m, e, "alpha", options.alpha());
    put(m, e, "tree_method", options.treeMethod());
    put(m, e, "max_bin", options.maxBin());
    put(m, e, "seed", options.seed());
    if (options.objective().startsWith("multi:")) {
      put(m, e, "num_class", options.numClasses());
    }
    if (options.objective().equals("binary:logistic")) {
      put(m, e, "scale_pos_weight", options.scalePosWeight());
    }
    if (options.evalMetric() != null) {
      put(m, e, "eval_metric", options.evalMetric());
    }
    if (options.earlyStoppingRounds() != null) {
      put(m, e, "numEarlyStoppingRounds", options.earlyStoppingRounds());
    }
    return m;
  }

  private static void put(ParamMap m, Params e, String name, Object value) {
    m.put(e.getParam(name), value);
  }

  /** Total gain per feature, keyed {@code f0}, {@code f1}, ... in feature order. */
  private static Map<String, Double> gain(Booster booster) throws XGBoostError {
    Map<String, Double> raw = booster.booster().getScore("", "gain");
    Map<Integer, Double> byIndex = new TreeMap<>();
    raw.forEach((k, v) -> byIndex.put(Integer.parseInt(k.substring(1)), v));
    Map<String, Double> out = new LinkedHashMap<>();
    byIndex.forEach((k, v) -> out.put("f" + k, v));
    return out;
  }

  @Override
  public Map<String, Double> evaluate(
      Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
    if (labelCol != null) {
      requireLabels(rows, labelCol, "validation");
    }
    return SupervisedEvaluator.evaluate(
        model, rows, featuresCol, labelCol, options.numClasses(), options.numClasses() == 2);
  }
}
