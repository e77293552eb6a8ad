package io.lakeforge.algorithms.linear;

import io.lakeforge.algorithms.api.ModelData;
import io.lakeforge.algorithms.api.ModelKind;
import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.linalg.BlockScorer;
import io.lakeforge.algorithms.linalg.MatrixOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A linear model on raw features: one weight row and bias per output (one output for a binary
 * classifier or regressor, one per class for multiclass). Any normalization used in training is
 * folded into the weights, so scoring is {@code x·Wᵀ + b}. Stored as Parquet
 * ({@code output int, weights array<double>, bias double}).
 */
public final class LinearModel implements TrainedModel {
  public static final String ALGORITHM = "linear-learner";
  public static final String WEIGHTS_FILE = "weights.parquet";

  private final String predictorType;
  private final String loss;
  private final int numClasses;
  private final int outputs;
  private final int dim;
  private final double[] weights;
  private final double[] bias;

  public LinearModel(String predictorType, String loss, int numClasses, int outputs, int dim,
      double[] weights, double[] bias) {
    if (weights.length != outputs * dim || bias.length != outputs) {
      throw new IllegalArgumentException("expected " + outputs + " × " + dim + " weights and "
          + outputs + " biases, got " + weights.length + " and " + bias.length);
    }
    this.predictorType = predictorType;
    this.loss = loss;
    this.numClasses = numClasses;
    this.outputs = outputs;
    this.dim = dim;
    this.weights = weights;
    this.bias = bias;
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
    return predictorType.equals(LinearLearnerOptions.REGRESSOR) ? ModelKind.REGRESSOR
        : ModelKind.CLASSIFIER;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Weights, row-major {@code outputs × featureDim}. */
  public double[] weights() {
    return weights.clone();
  }

  public double[] bias() {
    return bias.clone();
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("predictor_type", predictorType);
    m.put("loss", loss);
    m.put("num_classes", numClasses);
    m.put("outputs", outputs);
    m.put("feature_dim", dim);
    m.put("weights", WEIGHTS_FILE);
    m.put("score", switch (loss) {
      case "logistic" -> "probability of class 1";
      case "softmax_loss" -> "probability of the predicted class";
      case "hinge_loss" -> "margin (positive = class 1)";
      default -> "predicted value";
    });
    return m;
  }

  @Override
  public void writeData(SparkSession spark, String dir) {
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < outputs; c++) {
      rows.add(RowFactory.create(c, java.util.Arrays.copyOfRange(weights, c * dim,
          (c + 1) * dim), bias[c]));
    }
    ModelData.write(spark, rows, schema(), dir + "/" + WEIGHTS_FILE);
  }

  /** Reads the weights written by {@link #writeData}; the options say what the outputs mean. */
  public static LinearModel read(SparkSession spark, String dir, LinearLearnerOptions o) {
    List<Row> rows = ModelData.read(spark, dir + "/" + WEIGHTS_FILE, schema(), "output");
    if (rows.size() != o.outputs()) {
      throw new IllegalStateException(dir + "/" + WEIGHTS_FILE + " has " + rows.size()
          + " weight rows; the hyperparameters say " + o.outputs());
    }
    double[] b = rows.stream().mapToDouble(r -> r.getDouble(2)).toArray();
    return new LinearModel(o.predictorType(), o.loss(), o.numClasses(), o.outputs(),
        rows.get(0).getList(1).size(), ModelData.rowMajor(rows, 1), b);
  }

  private static StructType schema() {
    return new StructType()
        .add("output", DataTypes.IntegerType, false)
        .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add("bias", DataTypes.DoubleType, false);
  }

  @Override
  public Dataset<Row> transform(Dataset<Row> input, String featuresCol) {
    boolean classifier = kind() == ModelKind.CLASSIFIER;
    StructField[] out = classifier
        ? new StructField[] {
            DataTypes.createStructField(ModelKind.PREDICTED_LABEL, DataTypes.IntegerType, false),
            DataTypes.createStructField(ModelKind.SCORE, DataTypes.DoubleType, false)}
        : new StructField[] {
            DataTypes.createStructField(ModelKind.SCORE, DataTypes.DoubleType, false)};
    Scorer scorer = new Scorer(weights, bias, outputs, loss, classifier);
    return BlockScorer.score(input, featuresCol, dim, out, scorer);
  }

  /** Scores a block with one GEMM; ships with the task. */
  private record Scorer(double[] w, double[] b, int outputs, String loss, boolean classifier)
      implements BlockScorer.BlockFunction {
    @Override
    public void score(double[] x, double[] sqNorms, int rows, int dim, Object[][] out) {
      double[] z = new double[rows * outputs];
      MatrixOps.affine(w, b, outputs, x, rows, dim, z);
      for (int i = 0; i < rows; i++) {
        int off = i * outputs;
        if (!classifier) {
          out[i][0] = z[off];
        } else if (outputs == 1) {
          out[i][0] = z[off] >= 0 ? 1 : 0;
          out[i][1] = loss.equals("logistic") ? 1.0 / (1.0 + Math.exp(-z[off])) : z[off];
        } else {
          int best = 0;
          for (int c = 1; c < outputs; c++) {
            if (z[off + c] > z[off + best]) {
              best = c;
            }
          }
          double denom = 0;
          for (int c = 0; c < outputs; c++) {
            denom += Math.exp(z[off + c] - z[off + best]);
          }
          out[i][0] = best;
          out[i][1] = 1.0 / denom;
        }
      }
    }
  }
}
