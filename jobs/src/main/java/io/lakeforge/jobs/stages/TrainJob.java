package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.Trainers;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.layers.FeaturesLayer;
import io.lakeforge.datalake.registry.ArtifactStore;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FittedFeatureSpec;
import io.lakeforge.jobs.config.UsageException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Trains a model on a pinned version of a features table, evaluates it on the validation split,
 * writes its artifact to a staging folder and makes it visible with one registry commit. If any
 * step fails, no version is registered and the artifact folders are removed. Inputs identical to a
 * registered version's (algorithm, hyperparameters, features version, code) train nothing.
 */
public final class TrainJob {
  /** Validated train options; building one fails before Spark starts. */
  public record Options(String algorithm, String dataset, String modelName,
      Map<String, String> hyperparameters, int partitions, boolean force) {
    public Options {
      if (dataset == null || dataset.isBlank()) {
        throw new UsageException("--dataset is required");
      }
      ModelRef.requireName(modelName);
      if (partitions < 0) {
        throw new UsageException("--partitions " + partitions + " is invalid: expected a "
            + "positive number (0 = Spark's default parallelism)");
      }
      hyperparameters = Map.copyOf(hyperparameters);
    }

    /** Creates the trainer, which validates the hyperparameters. */
    public Trainer trainer() {
      return Trainers.create(algorithm, hyperparameters);
    }
  }

  /** The version trained, or the identical one found, and whether training ran. */
  public record Result(ModelVersion version, boolean trained) {}

  private TrainJob() {}

  public static Result run(JobContext ctx, Options o) {
    long t0 = System.nanoTime();
    Trainer trainer = o.trainer();
    DatasetSpec spec = ctx.config().dataset(o.dataset());
    SparkSession spark = ctx.spark();
    String table = ctx.lake().features(spec.name());
    long featuresVersion = DeltaTables.requireLatest(spark, table, "featurize", spec.name());
    FittedFeatureSpec featureSpec = FeaturesLayer.specAt(spark, table, featuresVersion);
    Map<String, Object> featuresLineage = FeaturesLayer.lineageAt(spark, table, featuresVersion);
    String fingerprint = fingerprint(trainer, table, featuresVersion);
    ModelRegistry registry = ctx.registry();
    if (!o.force()) {
      Optional<ModelVersion> same = registry.findByFingerprint(o.modelName(), fingerprint);
      if (same.isPresent()) {
        ctx.println(String.format("train %s: unchanged, %s was trained on %s version %d with "
            + "the same hyperparameters (use --force to train again)", o.modelName(),
            same.get().ref(), table, featuresVersion));
        return new Result(same.get(), false);
      }
    }
    ctx.stage("train", "train " + o.algorithm() + " " + o.modelName() + " on " + table + "@"
        + featuresVersion);
    Dataset<Row> features = DeltaTables.readVersion(spark, table, featuresVersion);
    int partitions = o.partitions() > 0 ? o.partitions()
        : spark.sparkContext().defaultParallelism();
    // Hash-partitioned and sorted by the stable id: the same data gives the same partitions in
    // the same order on every run, which makes training reproducible.
    Dataset<Row> train = features.where(col(FeatureBuilder.SPLIT).equalTo(FeatureBuilder.TRAIN))
        .repartition(partitions, col(FeatureBuilder.ID))
        .sortWithinPartitions(FeatureBuilder.ID);
    Dataset<Row> validation = features.where(col(FeatureBuilder.SPLIT)
        .equalTo(FeatureBuilder.VALIDATION));
    boolean hasLabel = Arrays.asList(features.columns()).contains(FeatureBuilder.LABEL);

    TrainingRun run = trainer.fit(train, FeatureBuilder.FEATURES,
        hasLabel ? FeatureBuilder.LABEL : null);
    TrainedModel model = run.model();
    ctx.stage("train", "evaluate " + o.modelName() + " on the validation split");
    long validationRows = validation.count();
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!run.costHistory().isEmpty()) {
      metrics.put("train_cost", run.costHistory().get(run.costHistory().size() - 1));
    }
    metrics.putAll(model.trainingMetrics());
    if (validationRows > 0) {
      trainer.evaluate(model, validation, FeatureBuilder.FEATURES,
          hasLabel ? FeatureBuilder.LABEL : null).forEach((k, v) -> metrics.put(
              k.equals("msd") || k.equals("ssd") || k.equals("rows") ? "validation_" + k : k, v));
    }
    metrics.put("train_seconds", run.phaseSeconds().getOrDefault("total_seconds", 0.0));

    String runId = UUID.randomUUID().toString();
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("dataset", spec.name());
    lineage.put("features_table", table);
    lineage.put("features_version", featuresVersion);
    lineage.put("curated_table", featuresLineage.get("source_table"));
    lineage.put("curated_version", featuresLineage.get(FeaturesLayer.SOURCE_VERSION));
    lineage.put("feature_spec", featureSpec.toMap());
    lineage.put("code_version", CodeVersion.get());
    lineage.put("spark_version", spark.version());
    lineage.put("seed", trainer.seed());
    lineage.put("run_id", runId);
    lineage.put("run_date", ctx.runDate().toString());
    lineage.put("partitions", partitions);

    ArtifactStore store = ctx.artifacts();
    String staging = store.stagingDir(o.modelName(), runId);
    String published = null;
    try {
      model.writeData(spark, staging);
      int version = registry.nextVersion(o.modelName());
      Instant now = Instant.now();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("format_version", 1);
      json.put("name", o.modelName());
      json.put("version", version);
      json.put("algorithm", trainer.algorithm());
      json.put("model", model.describe());
      json.put("hyperparameters", trainer.hyperparameters());
      json.put("metrics", metrics);
      Map<String, Object> training = new LinkedHashMap<>();
      training.put("cost_label", run.costLabel());
      training.put("cost_history", run.costHistory());
      training.put("phase_seconds", run.phaseSeconds());
      training.put("validation_rows", validationRows);
      json.put("training", training);
      json.put("lineage", lineage);
      json.put("created_at", now.toString());
      store.writeText(staging + "/" + ArtifactStore.MODEL_JSON, ModelArtifact.toJson(json));
      published = store.publish(staging, o.modelName(), version);
      ModelVersion mv = new ModelVersion(o.modelName(), version, trainer.algorithm(),
          DeltaTables.toJson(trainer.hyperparameters()), metrics,
          DeltaTables.toJson(lineage), published, runId, fingerprint, CodeVersion.get(),
          spark.version(), Timestamp.from(now));
      registry.register(mv);
      ctx.println(String.format("train %s: registered %s (%s), %s, %.1f s", o.modelName(),
          mv.ref(), trainer.algorithm(), formatMetrics(metrics),
          (System.nanoTime() - t0) / 1e9));
      return new Result(mv, true);
    } catch (RuntimeException e) {
      store.deleteQuietly(staging);
      if (published != null) {
        store.deleteQuietly(published);
      }
      throw e;
    }
  }

  static String formatMetrics(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
        .append(String.format("%.4g", v)));
    return sb.toString();
  }

  private static String fingerprint(Trainer trainer, String table, long version) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      String text = trainer.algorithm() + "\n" + new java.util.TreeMap<>(
          trainer.hyperparameters()) + "\n" + table + "@" + version + "\n" + CodeVersion.get();
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
