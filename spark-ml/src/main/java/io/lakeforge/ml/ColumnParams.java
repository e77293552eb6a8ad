package io.lakeforge.ml;

import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Output;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MLlib's column params with MLlib's defaults: {@code featuresCol} ("features", a Vector column),
 * {@code labelCol} ("label", used when the data has it) and {@code predictionCol} ("prediction":
 * the model's main output as a double, or the projection vector, beside Lakeforge's own output
 * columns, so MLlib's evaluators work unchanged).
 */
final class ColumnParams {
  final Param<String> featuresCol;
  final Param<String> labelCol;
  final Param<String> predictionCol;

  ColumnParams(String uid) {
    featuresCol = new Param<>(uid, "featuresCol", "features column name (a Vector column)");
    labelCol = new Param<>(uid, "labelCol", "label column name (used when the data has it)");
    predictionCol =
        new Param<>(
            uid,
            "predictionCol",
            "prediction column name: the main output as a double (or the projection vector)");
  }

  /**
   * A stage's params: these columns and the hyperparameters, by name (as Spark lists them), with
   * their defaults handed to {@code setDefault} (the stage's protected {@code Params.setDefault}).
   */
  @SuppressWarnings("unchecked")
  Param<?>[] declare(
      HyperparameterParams hyperparameters, BiConsumer<Param<Object>, Object> setDefault) {
    setDefault.accept((Param<Object>) (Param<?>) featuresCol, "features");
    setDefault.accept((Param<Object>) (Param<?>) labelCol, "label");
    setDefault.accept((Param<Object>) (Param<?>) predictionCol, "prediction");
    hyperparameters.defaults(setDefault);
    List<Param<?>> all = new java.util.ArrayList<>(List.of(featuresCol, labelCol, predictionCol));
    all.addAll(hyperparameters.all());
    all.sort(java.util.Comparator.comparing(Param::name));
    return all.toArray(new Param<?>[0]);
  }

  static void requireVector(StructType schema, String col) {
    if (!List.of(schema.fieldNames()).contains(col)) {
      throw new IllegalArgumentException(
          "features column '" + col + "' not found; the input has " + List.of(schema.fieldNames()));
    }
    if (!schema.apply(col).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(
          "features column '"
              + col
              + "' must be a Vector (e.g. from VectorAssembler), not "
              + schema.apply(col).dataType().simpleString());
    }
  }

  /**
   * The schema {@code transform} gives: {@code schema} (whose features column must be a Vector)
   * with the model's outputs, then the prediction column unless {@code predictionCol} is empty.
   */
  static StructType scored(
      StructType schema, String featuresCol, List<Output> outputs, String predictionCol) {
    requireVector(schema, featuresCol);
    StructType out = schema;
    for (Output o : outputs) {
      out = out.add(SparkScoring.field(o));
    }
    return predictionCol.isEmpty() ? out : out.add(predictionCol, predictionType(outputs), false);
  }

  /** MLlib's prediction: the main output as a double, or the vector a projection gives. */
  private static DataType predictionType(List<Output> outputs) {
    Output main = outputs.get(0);
    return main.type() == Output.Type.VECTOR
        ? SparkScoring.field(main).dataType()
        : DataTypes.DoubleType;
  }
}
