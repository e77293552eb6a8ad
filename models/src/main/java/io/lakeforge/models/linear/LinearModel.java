package io.lakeforge.models.linear;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.linalg.Affine;
import io.lakeforge.models.linalg.Softmax;
import io.lakeforge.models.parquet.ModelTable;
import java.io.IOException;
import java.util.List;

/**
 * A linear model on raw features: one weight row and bias per output (one output for a binary
 * classifier or regressor, one per class for multiclass). Any normalization used in training is
 * folded into the weights, so scoring is {@code x·Wᵀ + b}. Stored as {@code weights.parquet}
 * ({@code output int, weights array<double>, bias double}).
 */
public final class LinearModel implements Model, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALGORITHM = "linear-learner";
  public static final String WEIGHTS_FILE = "weights.parquet";
  public static final String BINARY = "binary_classifier";
  public static final String MULTICLASS = "multiclass_classifier";
  public static final String REGRESSOR = "regressor";

  /** The {@code model} section of {@code model.json}. */
  public record Section(
      String predictorType,
      String loss,
      int numClasses,
      int outputs,
      int featureDim,
      String weights,
      String score) {}

  private final String predictorType;
  private final String loss;
  private final int numClasses;
  private final int outputs;
  private final int dim;
  private final double[] weights;
  private final double[] bias;

  public LinearModel(
      String predictorType,
      String loss,
      int numClasses,
      int outputs,
      int dim,
      double[] weights,
      double[] bias) {
    if (weights.length != outputs * dim || bias.length != outputs) {
      throw new IllegalArgumentException(
          "expected "
              + outputs
              + " × "
              + dim
              + " weights and "
              + outputs
              + " biases, got "
              + weights.length
              + " and "
              + bias.length);
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
    return predictorType.equals(REGRESSOR) ? ModelKind.REGRESSOR : ModelKind.CLASSIFIER;
  }

  public String predictorType() {
    return predictorType;
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
  public List<Output> outputs() {
    return outputsOf(predictorType);
  }

  /** The columns a model of {@code predictorType} scores: its trainer foretells them with this. */
  public static List<Output> outputsOf(String predictorType) {
    return Output.supervised(!predictorType.equals(REGRESSOR));
  }

  @Override
  public void score(double[] x, int rows, Scores out) {
    double[] z = new double[rows * outputs];
    Affine.apply(weights, bias, outputs, x, rows, dim, z);
    if (kind() == ModelKind.REGRESSOR) {
      System.arraycopy(z, 0, out.doubles(0), 0, rows);
      return;
    }
    int[] label = out.ints(0);
    double[] score = out.doubles(1);
    for (int i = 0; i < rows; i++) {
      int off = i * outputs;
      if (outputs == 1) {
        label[i] = z[off] >= 0 ? 1 : 0;
        score[i] = loss.equals("logistic") ? 1.0 / (1.0 + Math.exp(-z[off])) : z[off];
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
        label[i] = best;
        score[i] = 1.0 / denom;
      }
    }
  }

  /**
   * The probability of every class, row-major {@code rows × outputs}: the softmax of the scores
   * {@link #score} takes the arg max of (so {@code score} is the largest of them). For the
   * multiclass response shape, which lists all classes; other predictor types have one output.
   */
  public double[] classProbabilities(double[] x, int rows) {
    double[] z = new double[rows * outputs];
    Affine.apply(weights, bias, outputs, x, rows, dim, z);
    for (int i = 0; i < rows; i++) {
      Softmax.inPlace(z, i * outputs, outputs);
    }
    return z;
  }

  @Override
  public Section section() {
    return new Section(
        predictorType,
        loss,
        numClasses,
        outputs,
        dim,
        WEIGHTS_FILE,
        switch (loss) {
          case "logistic" -> "probability of class 1";
          case "softmax_loss" -> "probability of the predicted class";
          case "hinge_loss" -> "margin (positive = class 1)";
          default -> "predicted value";
        });
  }

  @Override
  public void writeData(ModelFolder folder) throws IOException {
    folder.writeTable(
        WEIGHTS_FILE,
        ModelTable.builder()
            .index("output", outputs)
            .arrays("weights", weights, dim)
            .doubles("bias", bias)
            .build());
  }

  public static LinearModel read(ModelFolder folder) throws IOException {
    Section s = folder.section(Section.class);
    ModelTable t = folder.readTable(s.weights()).sortedBy("output");
    if (t.rows() != s.outputs() || t.width("weights") != s.featureDim()) {
      throw new ModelFormatException(
          String.format(
              "%s/%s holds %d weight rows of dimension %d; model.json says outputs=%d, "
                  + "feature_dim=%d",
              folder.uri(),
              s.weights(),
              t.rows(),
              t.width("weights"),
              s.outputs(),
              s.featureDim()));
    }
    return new LinearModel(
        s.predictorType(),
        s.loss(),
        s.numClasses(),
        s.outputs(),
        s.featureDim(),
        t.rowMajor("weights"),
        t.doubles("bias"));
  }
}
