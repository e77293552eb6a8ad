package io.lakeforge.ml;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.TrainingRun;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A Lakeforge built-in as a Spark ML {@link Estimator}: its params are the algorithm's
 * hyperparameter definitions (see {@link HyperparameterParams}) plus MLlib's column params, and
 * {@code fit} trains with the same trainer the CLI's {@code train} runs. Subclasses name the
 * algorithm and add typed setters.
 */
public abstract class LakeforgeEstimator<M extends LakeforgeModel<M>> extends Estimator<M>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final String algorithm;
  private final transient ColumnParams columns;
  private final transient HyperparameterParams hyperparameters;
  private final transient Param<?>[] params;

  protected LakeforgeEstimator(String uid, String algorithm) {
    this.uid = uid;
    this.algorithm = algorithm;
    Algorithm a = Algorithms.get(algorithm);
    this.columns = new ColumnParams(uid);
    this.hyperparameters = new HyperparameterParams(uid, a.options());
    this.params = columns.declare(hyperparameters, this::setDefault);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Param<?>[] params() {
    return params;
  }

  /** The algorithm's name, as {@code --algorithm} takes it. */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Sets a hyperparameter by SageMaker's name ({@code mini_batch_size}); the value is checked at
   * once by the hyperparameter's definition, with the CLI's message.
   */
  @SuppressWarnings("unchecked")
  public LakeforgeEstimator<M> setHyperparameter(String name, Object value) {
    set((Param<Object>) hyperparameters.param(name), hyperparameters.checked(name, value));
    return this;
  }

  /** The hyperparameters set, as the text the trainer takes. */
  public Map<String, String> hyperparameterValues() {
    return hyperparameters.values(this);
  }

  public LakeforgeEstimator<M> setFeaturesCol(String c) {
    set(columns.featuresCol, c);
    return this;
  }

  public LakeforgeEstimator<M> setLabelCol(String c) {
    set(columns.labelCol, c);
    return this;
  }

  public LakeforgeEstimator<M> setPredictionCol(String c) {
    set(columns.predictionCol, c);
    return this;
  }

  public Param<String> featuresCol() {
    return columns.featuresCol;
  }

  public Param<String> labelCol() {
    return columns.labelCol;
  }

  public Param<String> predictionCol() {
    return columns.predictionCol;
  }

  /** A model of this algorithm wrapping {@code trained}, with this estimator's uid. */
  protected abstract M newModel(String uid, io.lakeforge.models.Model trained);

  @Override
  public M fit(Dataset<?> dataset) {
    // The same trainer, validation (combinations included) and messages as `lakeforge train`.
    Trainer trainer = Algorithms.get(algorithm).trainer(hyperparameterValues());
    String featuresCol = getOrDefault(columns.featuresCol);
    String labelCol = getOrDefault(columns.labelCol);
    boolean labelled = Arrays.asList(dataset.columns()).contains(labelCol);
    dataset.sparkSession().sparkContext().setJobDescription("lakeforge " + algorithm + " fit");
    TrainingRun run = trainer.fit(dataset.toDF(), featuresCol, labelled ? labelCol : null);
    M model = newModel(uid, run.model());
    copyValues(model, extractParamMap());
    return model.setParent(this);
  }

  /**
   * The fitted model's {@code transform} schema. The outputs follow from the hyperparameters (a
   * classifier adds {@code predicted_label}), so invalid ones fail here, as {@code fit} would.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    return ColumnParams.scored(
        schema,
        getOrDefault(columns.featuresCol),
        Algorithms.get(algorithm).trainer(hyperparameterValues()).outputs(),
        getOrDefault(columns.predictionCol));
  }

  @Override
  public Estimator<M> copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
