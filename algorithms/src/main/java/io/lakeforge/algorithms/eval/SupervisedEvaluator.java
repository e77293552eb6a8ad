package io.lakeforge.algorithms.eval;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Metrics of scored labelled rows: accuracy, macro F1 and the confusion matrix for classifiers
 * (plus ROC-AUC for two classes), RMSE, MAE and R² for regressors.
 */
public final class SupervisedEvaluator {
  private SupervisedEvaluator() {}

  /**
   * Scores {@code rows} with {@code model} and returns the metrics that fit its kind: regression
   * metrics for a regressor, classification metrics otherwise (with ROC-AUC when {@code
   * scoreRanksClassOne}: the model's score orders rows by their chance of class 1); empty without
   * labels.
   */
  public static Map<String, Double> evaluate(
      Model model,
      Dataset<Row> rows,
      String featuresCol,
      String labelCol,
      int numClasses,
      boolean scoreRanksClassOne) {
    if (labelCol == null) {
      return Map.of();
    }
    if (model.kind() != ModelKind.REGRESSOR) {
      LabelChecks.requireClassIndices(
          rows,
          labelCol,
          "validation",
          Math.max(numClasses, LabelChecks.MAX_CLASS_INDEX),
          "an integer class index >= 0 and below "
              + Math.max(numClasses, LabelChecks.MAX_CLASS_INDEX));
    }
    Dataset<Row> scored = SparkScoring.transform(model, rows, featuresCol).cache();
    try {
      Map<String, Double> m =
          model.kind() == ModelKind.REGRESSOR
              ? regression(scored, labelCol, Output.SCORE)
              : classification(
                      scored,
                      labelCol,
                      Output.PREDICTED_LABEL,
                      scoreRanksClassOne ? Output.SCORE : null,
                      numClasses)
                  .metrics();
      Map<String, Double> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k.equals("rows") ? "validation_rows" : k, v));
      return out;
    } finally {
      scored.unpersist();
    }
  }

  /** A confusion matrix ({@code counts[actual][predicted]}) and the metrics derived from it. */
  public record Classification(long[][] confusion, Map<String, Double> metrics) {}

  /**
   * @param numClasses the model's classes; labels outside {@code [0, numClasses)} count as errors
   *     and widen the matrix so that they stay visible
   * @param scoreCol for two classes, the score ROC-AUC ranks by (higher = class 1); may be null
   */
  public static Classification classification(
      Dataset<Row> scored, String labelCol, String predictedCol, String scoreCol, int numClasses) {
    List<Row> cells =
        scored
            .groupBy(col(labelCol).cast("int"), col(predictedCol).cast("int"))
            .count()
            .collectAsList();
    int size = numClasses;
    for (Row r : cells) {
      if (r.isNullAt(0) || r.getInt(0) < 0) {
        throw new IllegalArgumentException(
            "labels must be integers >= 0 to evaluate a "
                + "classifier; found "
                + (r.isNullAt(0) ? "null" : r.getInt(0)));
      }
      size = Math.max(size, Math.max(r.getInt(0), r.getInt(1)) + 1);
    }
    long[][] m = new long[size][size];
    for (Row r : cells) {
      m[r.getInt(0)][r.getInt(1)] += r.getLong(2);
    }
    Map<String, Double> out = new LinkedHashMap<>(fromConfusion(m));
    if (numClasses == 2 && scoreCol != null && out.get("rows") > 0) {
      boolean bothClasses = rowTotal(m, 0) > 0 && rowTotal(m, 1) > 0;
      if (bothClasses) {
        out.put(
            "roc_auc",
            new BinaryClassificationEvaluator()
                .setLabelCol(labelCol)
                .setRawPredictionCol(scoreCol)
                .setMetricName("areaUnderROC")
                .evaluate(
                    scored.select(
                        col(labelCol).cast("double").as(labelCol),
                        col(scoreCol).cast("double").as(scoreCol))));
      }
    }
    return new Classification(m, out);
  }

  /** Accuracy, macro F1 (over classes that occur as a label or a prediction) and row count. */
  public static Map<String, Double> fromConfusion(long[][] m) {
    long total = 0;
    long correct = 0;
    double f1Sum = 0;
    int present = 0;
    for (int c = 0; c < m.length; c++) {
      long tp = m[c][c];
      long actual = rowTotal(m, c);
      long predicted = 0;
      for (long[] row : m) {
        predicted += row[c];
      }
      total += actual;
      correct += tp;
      if (actual + predicted > 0) {
        present++;
        f1Sum += 2.0 * tp / (actual + predicted);
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("accuracy", total == 0 ? 0.0 : (double) correct / total);
    out.put("macro_f1", present == 0 ? 0.0 : f1Sum / present);
    out.put("rows", (double) total);
    return out;
  }

  /** RMSE, MAE, R² (1 − SSE/SST) and row count of a regressor's score against the label. */
  public static Map<String, Double> regression(
      Dataset<Row> scored, String labelCol, String scoreCol) {
    Row r =
        scored
            .agg(
                sum(pow(col(scoreCol).minus(col(labelCol)), lit(2))),
                sum(abs(col(scoreCol).minus(col(labelCol)))),
                avg(col(labelCol)),
                count(lit(1)))
            .first();
    long n = r.getLong(3);
    if (n == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    double mean = r.getDouble(2);
    double sst = scored.agg(sum(pow(col(labelCol).minus(lit(mean)), lit(2)))).first().getDouble(0);
    double sse = r.getDouble(0);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("rmse", Math.sqrt(sse / n));
    out.put("mae", r.getDouble(1) / n);
    out.put("r2", sst == 0 ? 0.0 : 1.0 - sse / sst);
    out.put("rows", (double) n);
    return out;
  }

  private static long rowTotal(long[][] m, int row) {
    long s = 0;
    for (long v : m[row]) {
      s += v;
    }
    return s;
  }
}
