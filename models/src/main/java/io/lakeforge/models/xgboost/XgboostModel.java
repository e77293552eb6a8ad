package io.lakeforge.models.xgboost;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A gradient-boosted tree ensemble trained by XGBoost, scored by XGBoost's own predictor (the
 * native library inside xgboost4j), so Lakeforge and Python's {@code xgboost} give the same
 * numbers. The booster is stored in XGBoost's JSON model format as {@code booster.json} beside
 * {@code model.json}: {@code xgboost.Booster().load_model("booster.json")} reads it.
 *
 * <p>xgboost4j core is only published inside the shaded {@code xgboost4j-spark} jar; only its
 * Spark-free {@code ml.dmlc.xgboost4j.java} classes are used here, so this module stays Spark-free
 * (the jar declares Spark as provided).
 */
public final class XgboostModel implements Model, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALGORITHM = "xgboost";
  public static final String BOOSTER_FILE = "booster.json";

  /** The {@code model} section of {@code model.json}. */
  public record Section(
      String objective,
      int numClass,
      int featureDim,
      int numRound,
      String booster,
      String score,
      Map<String, Double> featureImportanceGain) {}

  private final String objective;
  private final int numClass;
  private final int dim;
  private final int numRound;
  private final byte[] boosterJson;
  private final Map<String, Double> gain;
  // Loaded on first use in each JVM (driver or executor) from the JSON bytes; Java serialization
  // only carries the model to Spark tasks, never into an artifact.
  private transient volatile Booster booster;

  public XgboostModel(
      String objective,
      int numClass,
      int dim,
      int numRound,
      byte[] boosterJson,
      Map<String, Double> gain) {
    this.objective = objective;
    this.numClass = numClass;
    this.dim = dim;
    this.numRound = numRound;
    this.boosterJson = boosterJson.clone();
    this.gain = new LinkedHashMap<>(gain);
  }

  /** True for objectives whose prediction is a class: binary:logistic and multi:*. */
  public static boolean isClassifier(String objective) {
    return objective.equals("binary:logistic") || objective.startsWith("multi:");
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
    return isClassifier(objective) ? ModelKind.CLASSIFIER : ModelKind.REGRESSOR;
  }

  public String objective() {
    return objective;
  }

  public int numClass() {
    return numClass;
  }

  /** The booster in XGBoost's JSON model format, exactly as {@code booster.json} holds it. */
  public byte[] boosterJson() {
    return boosterJson.clone();
  }

  /** Total gain of the splits on each feature ({@code f0}, {@code f1}, ...). */
  public Map<String, Double> featureImportanceGain() {
    return Map.copyOf(gain);
  }

  @Override
  public List<Output> outputs() {
    return Output.supervised(kind() == ModelKind.CLASSIFIER);
  }

  private Booster booster() {
    Booster b = booster;
    if (b == null) {
      synchronized (this) {
        if (booster == null) {
          XgboostNative.require();
          try {
            booster = XGBoost.loadModel(boosterJson);
          } catch (XGBoostError | IOException e) {
            throw new ModelFormatException("cannot load the XGBoost booster: " + e.getMessage(), e);
          }
        }
        b = booster;
      }
    }
    return b;
  }

  /**
   * XGBoost's own predictions for rows {@code [0, rows)} of {@code x}: what {@code Booster.predict}
   * returns (probabilities, class indices or values), or the raw margins when {@code margin}.
   */
  public float[][] predict(double[] x, int rows, boolean margin) {
    float[] f = new float[rows * dim];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) x[i];
    }
    Booster b = booster();
    try {
      DMatrix m = new DMatrix(f, rows, dim, Float.NaN);
      try {
        // One predictor per model and JVM; serialized because xgboost4j does not promise that
        // concurrent predict calls on one Booster are safe.
        synchronized (b) {
          return b.predict(m, margin);
        }
      } finally {
        m.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void score(double[] x, int rows, Scores out) {
    if (rows == 0) {
      return;
    }
    if (kind() == ModelKind.REGRESSOR) {
      float[][] p = predict(x, rows, false);
      double[] score = out.doubles(0);
      for (int i = 0; i < rows; i++) {
        score[i] = p[i][0];
      }
      return;
    }
    int[] label = out.ints(0);
    double[] score = out.doubles(1);
    if (objective.equals("binary:logistic")) {
      float[][] p = predict(x, rows, false);
      for (int i = 0; i < rows; i++) {
        label[i] = p[i][0] >= 0.5f ? 1 : 0;
        score[i] = p[i][0];
      }
      return;
    }
    // multi:softmax predicts only the class index: its margins give the class probabilities too
    // (softmax), and their arg max is the class XGBoost predicts.
    boolean softmax = objective.equals("multi:softmax");
    float[][] p = predict(x, rows, softmax);
    for (int i = 0; i < rows; i++) {
      float[] r = p[i];
      int best = 0;
      for (int c = 1; c < r.length; c++) {
        if (r[c] > r[best]) {
          best = c;
        }
      }
      label[i] = best;
      if (softmax) {
        double denom = 0;
        for (float v : r) {
          denom += Math.exp(v - r[best]);
        }
        score[i] = 1.0 / denom;
      } else {
        score[i] = r[best];
      }
    }
  }

  @Override
  public Section section() {
    return new Section(
        objective,
        numClass,
        dim,
        numRound,
        BOOSTER_FILE,
        switch (objective) {
          case "binary:logistic" -> "probability of class 1";
          case "multi:softmax", "multi:softprob" -> "probability of the predicted class";
          default -> "predicted value";
        },
        gain);
  }

  @Override
  public void writeData(ModelFolder folder) throws IOException {
    folder.writeBytes(BOOSTER_FILE, boosterJson);
  }

  public static XgboostModel read(ModelFolder folder) throws IOException {
    Section s = folder.section(Section.class);
    return new XgboostModel(
        s.objective(),
        s.numClass(),
        s.featureDim(),
        s.numRound(),
        folder.readBytes(s.booster()),
        s.featureImportanceGain() == null ? Map.of() : s.featureImportanceGain());
  }
}
