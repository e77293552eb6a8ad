package io.lakeforge;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.jobs.config.LakeforgeConfig;
import io.lakeforge.jobs.stages.JobContext;
import io.lakeforge.jobs.stages.TrainJob;
import io.lakeforge.ml.LakeforgeModel;
import io.lakeforge.ml.LakeforgeModels;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lake and the model registry from code (spark-shell, notebooks, applications): the pinned
 * features of a dataset, registering a model trained with the {@code io.lakeforge.ml} estimators
 * exactly as {@code lakeforge train} registers one (artifact, hyperparameters, metrics on the
 * validation split, lineage), loading a registered version as a Spark ML model, and aliases.
 */
public final class Lakeforge {
  private final JobContext ctx;

  private Lakeforge(JobContext ctx) {
    this.ctx = ctx;
  }

  /** The lake at {@code lakeUri} (a local path or {@code s3a://...}), on the running session. */
  public static Lakeforge open(SparkSession spark, String lakeUri) {
    LakeforgeConfig config = LakeforgeConfig.load(null, List.of(), lakeUri);
    JobContext ctx =
        new JobContext(config, new PrintWriter(System.out, true), "lakeforge", LocalDate.now());
    // The caller's session is the one the commands share.
    SparkSession.setDefaultSession(spark);
    return new Lakeforge(ctx);
  }

  /** A dataset's latest features version, pinned: its rows and where they came from. */
  public record Features(TrainJob.Inputs inputs, Dataset<Row> rows) {
    public String table() {
      return inputs.table();
    }

    public long version() {
      return inputs.version();
    }

    /** The rows of the train split. */
    public Dataset<Row> train() {
      return rows.where(col(FeatureBuilder.SPLIT).equalTo(FeatureBuilder.TRAIN));
    }

    /** The rows of the validation split. */
    public Dataset<Row> validation() {
      return rows.where(col(FeatureBuilder.SPLIT).equalTo(FeatureBuilder.VALIDATION));
    }
  }

  /** The latest features of {@code dataset} (as {@code lakeforge train} pins them). */
  public Features features(String dataset) {
    TrainJob.Inputs in = TrainJob.pin(ctx, dataset);
    return new Features(in, DeltaTables.readVersion(ctx.spark(), in.table(), in.version()));
  }

  /**
   * Registers {@code model}, trained on {@code data}'s train split, as the next version of {@code
   * name}: metrics on the validation split and lineage as the CLI records them.
   */
  public ModelVersion register(String name, LakeforgeModel<?> model, Features data) {
    ModelRef.requireName(name);
    io.lakeforge.models.Model m = model.lakeforgeModel();
    Trainer trainer = Algorithms.get(m.algorithm()).trainer(model.hyperparameterValues());
    String label =
        Arrays.asList(data.rows().columns()).contains(FeatureBuilder.LABEL)
            ? FeatureBuilder.LABEL
            : null;
    Dataset<Row> validation = data.validation();
    long validationRows = validation.count();
    Map<String, Double> metrics = new LinkedHashMap<>(m.trainingMetrics());
    if (validationRows > 0) {
      metrics.putAll(trainer.evaluate(m, validation, FeatureBuilder.FEATURES, label));
    }
    TrainingRun run =
        new TrainingRun(m, List.of(), "", Map.of(), new LinkedHashMap<>(trainer.hyperparameters()));
    TrainJob.Fitted fitted =
        new TrainJob.Fitted(run, metrics, validationRows, data.rows().rdd().getNumPartitions());
    return TrainJob.register(
        ctx, name, trainer, data.inputs(), fitted, TrainJob.fingerprint(trainer, data.inputs()));
  }

  /** The registered version {@code ref} ({@code name@3}, {@code name@production}) as a model. */
  public LakeforgeModel<?> load(String ref) {
    ModelVersion v = version(ref);
    return LakeforgeModels.load(ctx.spark(), v.artifactUri());
  }

  /** The registry row of {@code ref}. */
  public ModelVersion version(String ref) {
    return ctx.registry().resolve(ModelRef.parse(ref));
  }

  /** Points {@code alias} at {@code ref}'s version, as {@code lakeforge models alias} does. */
  public ModelVersion alias(String ref, String alias) {
    ModelRef.requireAlias(alias);
    ModelVersion v = version(ref);
    ctx.registry().setAlias(v.name(), alias, v.version(), "Lakeforge.alias");
    return v;
  }
}
