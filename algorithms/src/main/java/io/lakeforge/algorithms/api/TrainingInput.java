package io.lakeforge.algorithms.api;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a trainer trains on: the training rows, their vector and label columns ({@code labelCol}
 * null when there are no labels), the validation rows when the caller has them (trainers that stop
 * early on held-out data use them; may be null), and who hears about progress.
 */
public record TrainingInput(
    Dataset<Row> train,
    String featuresCol,
    String labelCol,
    Dataset<Row> validation,
    TrainingListener listener) {

  public TrainingInput {
    listener = listener == null ? TrainingListener.NONE : listener;
  }

  public static TrainingInput of(Dataset<Row> train, String featuresCol, String labelCol) {
    return new TrainingInput(train, featuresCol, labelCol, null, TrainingListener.NONE);
  }

  public TrainingInput withValidation(Dataset<Row> rows) {
    return new TrainingInput(train, featuresCol, labelCol, rows, listener);
  }

  public TrainingInput withListener(TrainingListener l) {
    return new TrainingInput(train, featuresCol, labelCol, validation, l);
  }
}
