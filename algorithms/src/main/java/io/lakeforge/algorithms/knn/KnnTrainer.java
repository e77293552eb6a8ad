package io.lakeforge.algorithms.knn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;

import io.lakeforge.algorithms.api.OptionsTrainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.SupervisedEvaluator;
import io.lakeforge.algorithms.linalg.DimensionMismatchException;
import io.lakeforge.algorithms.linalg.MemoryBudget;
import io.lakeforge.algorithms.linalg.TrainingInputs;
import io.lakeforge.algorithms.linalg.VectorArrays;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.knn.KnnIndex;
import io.lakeforge.models.knn.KnnModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link KnnModel}: samples {@code sample_size} labelled rows (all by default) with a
 * seeded random order, optionally projects them with a random sign matrix, and keeps them as the
 * index. The labels are checked here so that a bad one fails training, not scoring.
 */
public final class KnnTrainer extends OptionsTrainer<KnnOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(KnnTrainer.class);

  public KnnTrainer(KnnOptions options) {
    super(options);
  }

  @Override
  public List<Output> outputs() {
    return Output.supervised(options.classifier());
  }

  @Override
  public String algorithm() {
    return KnnModel.ALGORITHM;
  }

  @Override
  public TrainingRun fit(TrainingInput in) {
    Dataset<Row> df = in.train();
    String featuresCol = in.featuresCol();
    String labelCol = in.labelCol();
    TrainingInputs.requireLabel(algorithm(), labelCol);
    long start = System.nanoTime();
    int inputDim = TrainingInputs.featureDim(df, featuresCol, options.featureDim());
    int target = options.reductionTarget();
    if (target >= inputDim) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter dimension_reduction_target="
                  + "%d must be smaller than the feature dimension (%d)",
              target, inputDim));
    }
    df.sparkSession().sparkContext().setJobDescription("knn: sample the index rows");
    Dataset<Row> rows = df.select(col(featuresCol), col(labelCol).cast("double"));
    if (options.sampleSize() > 0) {
      // A seeded random order over the deterministically partitioned input: the same seed and
      // data give the same sample.
      rows = rows.orderBy(rand(options.seed())).limit(options.sampleSize());
    }
    long available = df.count();
    long indexRows =
        options.sampleSize() > 0 ? Math.min(options.sampleSize(), available) : available;
    // The rows arrive as Spark rows, are copied into one array and, with a projection, into a
    // second: about three copies at once while the index is built.
    MemoryBudget.require(
        String.format("a k-NN index of %d rows × %d features", indexRows, inputDim),
        MemoryBudget.doubles(3, indexRows, inputDim),
        "set sample_size to fewer "
            + "rows, use dimension_reduction_type=sign, or give the driver more memory "
            + "(LAKEFORGE_HEAP, spark.driver.memory); executors hold the index too");
    List<Row> sample = rows.collectAsList();
    if (sample.size() < options.k()) {
      throw new InvalidOptionException(
          String.format(
              "hyperparameter k=%d is larger than the " + "number of training rows (%d)",
              options.k(), sample.size()));
    }
    int n = sample.size();
    double[] x = new double[n * inputDim];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = sample.get(i);
      if (r.isNullAt(0) || r.isNullAt(1)) {
        throw new InvalidOptionException(
            "training row "
                + i
                + " of the sample has a null "
                + (r.isNullAt(0) ? "feature vector" : "label"));
      }
      Vector v = (Vector) r.get(0);
      if (v.size() != inputDim) {
        throw new DimensionMismatchException(inputDim, v.size());
      }
      VectorArrays.copyInto(v, x, i * inputDim);
      labels[i] = checkLabel(r.getDouble(1));
    }
    double[] projection = target > 0 ? signProjection(inputDim, target) : null;
    int dim = target > 0 ? target : inputDim;
    double[] values = projection == null ? x : KnnIndex.project(x, n, inputDim, projection, dim);
    KnnModel model =
        new KnnModel(
            new KnnIndex(n, inputDim, dim, values, labels, projection),
            options.k(),
            options.classifier());
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("index_rows", (double) n);
    phases.put("total_seconds", (System.nanoTime() - start) / 1e9);
    LOG.info(
        "knn: index of {} rows in {} dimensions built in {} s",
        n,
        dim,
        String.format("%.2f", phases.get("total_seconds")));
    Map<String, Object> resolved = new LinkedHashMap<>(hyperparameters());
    resolved.put(KnnOptions.SAMPLE_SIZE.name(), n);
    return new TrainingRun(model, List.of(), "", phases, resolved);
  }

  private double checkLabel(double y) {
    boolean ok =
        options.classifier() ? y >= 0 && y == Math.rint(y) && y < 1_000_000 : Double.isFinite(y);
    if (!ok) {
      throw new InvalidOptionException(
          String.format(
              "label %s is not valid for " + "predictor_type=%s: expected %s",
              y,
              options.classifier() ? "classifier" : "regressor",
              options.classifier() ? "an integer class >= 0" : "a finite number"));
    }
    return y;
  }

  /** A random ±1/√target matrix (row-major {@code inputDim × target}) from the seed. */
  private double[] signProjection(int inputDim, int target) {
    Random rnd = new Random(options.seed());
    double scale = 1.0 / Math.sqrt(target);
    double[] p = new double[inputDim * target];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextBoolean() ? scale : -scale;
    }
    return p;
  }

  @Override
  public Map<String, Double> evaluate(
      Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
    // k-NN's score is the winning label's vote share, not a ranking of class 1: no ROC-AUC.
    return SupervisedEvaluator.evaluate(
        model, rows, featuresCol, labelCol, ((KnnModel) model).numClasses(), false);
  }
}
