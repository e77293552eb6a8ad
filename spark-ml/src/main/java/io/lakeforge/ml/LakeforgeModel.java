package io.lakeforge.ml;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormats;
import io.lakeforge.models.ModelManifest;
import io.lakeforge.models.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Lakeforge model as a Spark ML {@link org.apache.spark.ml.Model}: {@code transform} adds
 * the columns {@code lakeforge transform} adds (same scoring code), plus MLlib's {@code
 * predictionCol}. It saves as a Lakeforge artifact folder ({@code model.json} + Parquet, never Java
 * serialization) with Spark ML's {@code metadata/} beside it for the params, so a model saved here
 * loads in the CLI, the endpoint and {@code PipelineModel.load}, and a CLI artifact folder loads
 * here.
 */
public abstract class LakeforgeModel<M extends LakeforgeModel<M>>
    extends org.apache.spark.ml.Model<M> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Model model;
  private final transient ColumnParams columns;
  private final transient HyperparameterParams hyperparameters;
  private final transient Param<?>[] params;

  protected LakeforgeModel(String uid, Model model) {
    this.uid = uid;
    this.model = model;
    this.columns = new ColumnParams(uid);
    this.hyperparameters =
        new HyperparameterParams(uid, Algorithms.get(model.algorithm()).options());
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

  /** The Lakeforge model: Spark-free scoring, the same object the endpoint serves. */
  public Model lakeforgeModel() {
    return model;
  }

  /** The hyperparameters it was trained with, as the text the trainer takes. */
  public Map<String, String> hyperparameterValues() {
    return hyperparameters.values(this);
  }

  public M setFeaturesCol(String c) {
    set(columns.featuresCol, c);
    return self();
  }

  public M setPredictionCol(String c) {
    set(columns.predictionCol, c);
    return self();
  }

  @SuppressWarnings("unchecked")
  private M self() {
    return (M) this;
  }

  /** A copy of this model wrapping the same Lakeforge model, with {@code uid}. */
  protected abstract M withUid(String uid);

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> scored =
        SparkScoring.transform(model, dataset.toDF(), getOrDefault(columns.featuresCol));
    String prediction = getOrDefault(columns.predictionCol);
    if (prediction.isEmpty()) {
      return scored;
    }
    Output main = model.outputs().get(0);
    return scored.withColumn(
        prediction,
        main.type() == Output.Type.VECTOR ? col(main.name()) : col(main.name()).cast("double"));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return ColumnParams.scored(
        schema,
        getOrDefault(columns.featuresCol),
        model.outputs(),
        getOrDefault(columns.predictionCol));
  }

  @Override
  public M copy(ParamMap extra) {
    return copyValues(withUid(uid), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Writes the artifact folder (model.json + data), then Spark ML's metadata beside it. */
  private static final class Writer extends MLWriter {
    private final LakeforgeModel<?> instance;

    Writer(LakeforgeModel<?> instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      Model m = instance.model;
      ModelFolder f = new ModelFolder(sparkSession().sparkContext().hadoopConfiguration(), path);
      Map<String, Object> hp = new LinkedHashMap<>(instance.hyperparameters.values(instance));
      try {
        m.writeData(f);
        f.writeManifest(ModelManifest.of(m, instance.uid, instance.uid, hp));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the model to " + path, e);
      }
      DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
    }
  }

  /**
   * Reads a model folder: one saved by {@link #write()} (params from its metadata) or an artifact
   * folder the CLI registered (the default params).
   */
  static <M extends LakeforgeModel<M>> MLReader<M> reader(
      String algorithm, BiFunction<String, Model, M> create) {
    return new MLReader<>() {
      @Override
      public M load(String path) {
        SparkSession spark = sparkSession();
        Model m;
        try {
          m = ModelFormats.read(new ModelFolder(spark.sparkContext().hadoopConfiguration(), path));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the model at " + path, e);
        }
        if (!m.algorithm().equals(algorithm)) {
          throw new IllegalArgumentException(
              path + " holds a " + m.algorithm() + " model, not " + algorithm);
        }
        Path metadata = new Path(path, "metadata");
        try {
          FileSystem fs = metadata.getFileSystem(spark.sparkContext().hadoopConfiguration());
          if (!fs.exists(metadata)) {
            return create.apply(
                org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID(algorithm), m);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        DefaultParamsReader.Metadata meta = DefaultParamsReader$.MODULE$.loadMetadata(path, spark);
        M model = create.apply(meta.uid(), m);
        meta.getAndSetParams(model, scala.Option.empty());
        return model;
      }
    };
  }
}
