package io.lakeforge.serving;

import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.models.knn.KnnModel;
import io.lakeforge.models.linear.LinearModel;
import io.lakeforge.models.pca.PcaModel;
import io.lakeforge.models.rcf.RandomCutForestModel;
import io.lakeforge.models.xgboost.XgboostModel;
import java.nio.charset.StandardCharsets;

/**
 * The response of SageMaker's built-in algorithm for each model, in JSON, JSON lines and CSV (see
 * the README's contract table): K-Means {@code closest_cluster} + {@code distance_to_cluster};
 * linear learner {@code score} + {@code predicted_label} (binary), a {@code score} per class +
 * {@code predicted_label} (multiclass), {@code score} (regressor); PCA {@code projection} under
 * {@code projections}; k-NN {@code predicted_label}; XGBoost the keys of its container's selectable
 * inference output, {@code predicted_label} + {@code probability} (the probability of class 1 for
 * binary:logistic, of the predicted class for multi:*) or {@code predicted_score}; Random Cut
 * Forest {@code score} under {@code scores}. Values come from {@link Model#score}, the scorer of
 * batch transform; only the multiclass class list is computed beside it, from the same logits. A
 * model of another algorithm answers its output columns.
 */
public enum ResponseShape {
  KMEANS,
  LINEAR_BINARY,
  LINEAR_MULTICLASS,
  LINEAR_REGRESSOR,
  PCA,
  KNN_CLASSIFIER,
  KNN_REGRESSOR,
  XGBOOST_CLASSIFIER,
  XGBOOST_REGRESSOR,
  RANDOM_CUT_FOREST,
  GENERIC;

  public static ResponseShape of(Model m) {
    if (m instanceof KMeansModel) {
      return KMEANS;
    }
    if (m instanceof LinearModel l) {
      return switch (l.predictorType()) {
        case LinearModel.BINARY -> LINEAR_BINARY;
        case LinearModel.MULTICLASS -> LINEAR_MULTICLASS;
        default -> LINEAR_REGRESSOR;
      };
    }
    if (m instanceof PcaModel) {
      return PCA;
    }
    if (m instanceof KnnModel k) {
      return k.kind() == io.lakeforge.models.ModelKind.CLASSIFIER ? KNN_CLASSIFIER : KNN_REGRESSOR;
    }
    if (m instanceof XgboostModel x) {
      return x.kind() == io.lakeforge.models.ModelKind.CLASSIFIER
          ? XGBOOST_CLASSIFIER
          : XGBOOST_REGRESSOR;
    }
    if (m instanceof RandomCutForestModel) {
      return RANDOM_CUT_FOREST;
    }
    return GENERIC;
  }

  /** The body for {@code rows} scored rows of {@code x}, in {@code accept}'s format. */
  public byte[] write(Model m, double[] x, int rows, Scores s, String accept) {
    double[] probs =
        this == LINEAR_MULTICLASS ? ((LinearModel) m).classProbabilities(x, rows) : null;
    int classes = probs == null ? 0 : probs.length / Math.max(1, rows);
    StringBuilder b = new StringBuilder(32 + rows * (this == PCA ? 200 : 48));
    boolean json = accept.equals(MediaTypes.JSON);
    if (json) {
      b.append('{').append(listName()).append(":[");
    }
    for (int i = 0; i < rows; i++) {
      if (accept.equals(MediaTypes.CSV)) {
        csvRow(b, s, i, probs, classes);
      } else {
        if (json && i > 0) {
          b.append(',');
        }
        jsonRecord(b, s, i, probs, classes);
      }
      if (!json) {
        b.append('\n');
      }
    }
    if (json) {
      b.append("]}");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The JSON body's list: SageMaker's PCA answers projections, Random Cut Forest scores. */
  private String listName() {
    return switch (this) {
      case PCA -> "\"projections\"";
      case RANDOM_CUT_FOREST -> "\"scores\"";
      default -> "\"predictions\"";
    };
  }

  private void jsonRecord(StringBuilder b, Scores s, int i, double[] probs, int classes) {
    switch (this) {
      case KMEANS -> {
        b.append("{\"closest_cluster\":");
        num(b, s.ints(0)[i]);
        b.append(",\"distance_to_cluster\":");
        num(b, s.doubles(1)[i]);
      }
      case LINEAR_BINARY -> {
        b.append("{\"score\":");
        num(b, s.doubles(1)[i]);
        b.append(",\"predicted_label\":").append(s.ints(0)[i]);
      }
      case LINEAR_MULTICLASS -> {
        b.append("{\"score\":[");
        for (int c = 0; c < classes; c++) {
          if (c > 0) {
            b.append(',');
          }
          num(b, probs[i * classes + c]);
        }
        b.append("],\"predicted_label\":").append(s.ints(0)[i]);
      }
      case LINEAR_REGRESSOR -> {
        b.append("{\"score\":");
        num(b, s.doubles(0)[i]);
      }
      case PCA -> {
        b.append("{\"projection\":[");
        double[] p = s.vectors(0)[i];
        for (int c = 0; c < p.length; c++) {
          if (c > 0) {
            b.append(',');
          }
          num(b, p[c]);
        }
        b.append(']');
      }
      case KNN_CLASSIFIER -> {
        b.append("{\"predicted_label\":");
        num(b, s.ints(0)[i]);
      }
      case KNN_REGRESSOR -> {
        b.append("{\"predicted_label\":");
        num(b, s.doubles(0)[i]);
      }
      case XGBOOST_CLASSIFIER -> {
        b.append("{\"predicted_label\":").append(s.ints(0)[i]);
        b.append(",\"probability\":");
        num(b, s.doubles(1)[i]);
      }
      case XGBOOST_REGRESSOR -> {
        b.append("{\"predicted_score\":");
        num(b, s.doubles(0)[i]);
      }
      case RANDOM_CUT_FOREST -> {
        b.append("{\"score\":");
        num(b, s.doubles(0)[i]);
      }
      case GENERIC -> {
        b.append('{');
        for (int c = 0; c < s.outputs().size(); c++) {
          Output o = s.outputs().get(c);
          b.append(c > 0 ? ",\"" : "\"").append(o.name()).append("\":");
          cell(b, s, c, i, true);
        }
      }
    }
    b.append('}');
  }

  /** CSV: the JSON record's values in the same order, a class list flattened in place. */
  private void csvRow(StringBuilder b, Scores s, int i, double[] probs, int classes) {
    switch (this) {
      case KMEANS -> {
        num(b, s.ints(0)[i]);
        b.append(',');
        num(b, s.doubles(1)[i]);
      }
      case LINEAR_BINARY -> {
        num(b, s.doubles(1)[i]);
        b.append(',').append(s.ints(0)[i]);
      }
      case LINEAR_MULTICLASS -> {
        for (int c = 0; c < classes; c++) {
          num(b, probs[i * classes + c]);
          b.append(',');
        }
        b.append(s.ints(0)[i]);
      }
      case LINEAR_REGRESSOR, KNN_REGRESSOR, XGBOOST_REGRESSOR, RANDOM_CUT_FOREST ->
          num(b, s.doubles(0)[i]);
      case XGBOOST_CLASSIFIER -> {
        b.append(s.ints(0)[i]).append(',');
        num(b, s.doubles(1)[i]);
      }
      case KNN_CLASSIFIER -> num(b, s.ints(0)[i]);
      case PCA, GENERIC -> {
        for (int c = 0; c < s.outputs().size(); c++) {
          if (c > 0) {
            b.append(',');
          }
          cell(b, s, c, i, false);
        }
      }
    }
  }

  private static void cell(StringBuilder b, Scores s, int c, int i, boolean json) {
    switch (s.outputs().get(c).type()) {
      case INT -> b.append(s.ints(c)[i]);
      case DOUBLE -> num(b, s.doubles(c)[i]);
      case VECTOR -> {
        double[] v = s.vectors(c)[i];
        if (json) {
          b.append('[');
        }
        for (int j = 0; j < v.length; j++) {
          if (j > 0) {
            b.append(',');
          }
          num(b, v[j]);
        }
        if (json) {
          b.append(']');
        }
      }
    }
  }

  /** A double as JSON allows: shortest round-trip text; NaN and infinities become null. */
  static void num(StringBuilder b, double v) {
    if (Double.isFinite(v)) {
      b.append(v);
    } else {
      b.append("null");
    }
  }
}
