package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingListener;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.layers.FeaturesLayer;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelJson;
import io.lakeforge.models.ModelManifest;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains a model on a pinned version of a features table and registers it, in named steps: pin the
 * inputs, fingerprint them (identical inputs to a registered version train nothing), fit, evaluate
 * on the validation split, write the artifact into the run's own folder, register. The artifact
 * becomes a version only through the registry commit; a run that fails before it leaves nothing
 * (its folder is removed), and a commit whose outcome is unknown deletes nothing.
 */
public final class TrainJob {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Validated train options; building one fails before Spark starts. */
  public record Options(
      String algorithm,
      String dataset,
      String modelName,
      Map<String, String> hyperparameters,
      int partitions,
      boolean force) {
    public Options {
      if (dataset == null || dataset.isBlank()) {
        throw new UsageException("--dataset is required");
      }
      ModelRef.requireName(modelName);
      requirePartitions(partitions);
      hyperparameters = Map.copyOf(hyperparameters);
    }

    /** Creates the trainer, which validates the hyperparameters. */
    public Trainer trainer() {
      return Algorithms.get(algorithm).trainer(hyperparameters);
    }
  }

  /** Refuses a negative {@code --partitions} before Spark starts (0 = Spark's default). */
  static void requirePartitions(int partitions) {
    if (partitions < 0) {
      throw new UsageException(
          "--partitions "
              + partitions
              + " is invalid: expected a positive number (0 = Spark's default parallelism)");
    }
  }

  /** The version trained, or the identical one found, and whether training ran. */
  public record Result(ModelVersion version, boolean trained) {}

  /** The pinned inputs of a run: a features table version and what it was built from. */
  public record Inputs(
      DatasetSpec spec,
      String table,
      long version,
      FittedFeatureSpec featureSpec,
      Map<String, Object> lineage) {}

  /** A fitted model with its metrics and the partitioning it was trained with. */
  public record Fitted(
      TrainingRun run, Map<String, Double> metrics, long validationRows, int partitions) {}

  private TrainJob() {}

  public static Result run(JobContext ctx, Options o) {
    return run(ctx, o, TrainingListener.NONE);
  }

  /**
   * As {@link #run(JobContext, Options)}, reporting every epoch or iteration to {@code listener}.
   */
  public static Result run(JobContext ctx, Options o, TrainingListener listener) {
    long t0 = System.nanoTime();
    Trainer trainer = o.trainer();
    Inputs in = pin(ctx, o.dataset());
    checkLabelKind(trainer, in.featureSpec());
    String fingerprint = fingerprint(trainer, in);
    if (!o.force()) {
      Optional<ModelVersion> same = ctx.registry().findByFingerprint(o.modelName(), fingerprint);
      if (same.isPresent()) {
        ctx.println(
            String.format(
                "train %s: unchanged, %s was trained on %s version %d with "
                    + "the same hyperparameters (use --force to train again)",
                o.modelName(), same.get().ref(), in.table(), in.version()));
        return new Result(same.get(), false);
      }
    }
    Fitted fitted = fit(ctx, o, trainer, in, listener);
    ModelVersion mv = register(ctx, o.modelName(), trainer, in, fitted, fingerprint);
    FaultPoints.reach(FaultPoints.AFTER_REGISTER, o.modelName());
    ctx.println(
        String.format(
            "train %s: registered %s (%s), %s, %.1f s",
            o.modelName(),
            mv.ref(),
            trainer.algorithm(),
            formatMetrics(fitted.metrics()),
            (System.nanoTime() - t0) / 1e9));
    return new Result(mv, true);
  }

  /**
   * The one path from a fitted model to a registry row (the CLI's train and {@code
   * Lakeforge.register}): the artifact in its own run folder, then the registry commit.
   */
  public static ModelVersion register(
      JobContext ctx,
      String modelName,
      Trainer trainer,
      Inputs in,
      Fitted fitted,
      String fingerprint) {
    return register(ctx, modelName, trainer, in, fitted, fingerprint, Map.of());
  }

  /**
   * As {@link #register(JobContext, String, Trainer, Inputs, Fitted, String)}, with {@code
   * extraLineage} (e.g. the tuning job and trial that chose the hyperparameters) in the lineage.
   */
  public static ModelVersion register(
      JobContext ctx,
      String modelName,
      Trainer trainer,
      Inputs in,
      Fitted fitted,
      String fingerprint,
      Map<String, Object> extraLineage) {
    String runId = newId();
    Map<String, Object> lineage = lineage(ctx, in, trainer, runId, fitted.partitions());
    lineage.putAll(extraLineage);
    String folder = ctx.artifacts().runDir(modelName, runId);
    FaultPoints.reach(FaultPoints.BEFORE_ARTIFACT, modelName);
    writeArtifact(ctx, folder, modelName, runId, fitted, lineage, in.featureSpec(), trainer);
    FaultPoints.reach(FaultPoints.BEFORE_REGISTER, modelName);
    // From here on nothing is deleted: once the commit was attempted, the folder may be what a
    // registered row points to (a leftover is invisible, and `models gc` removes it).
    ModelVersion mv =
        ctx.registry()
            .register(
                new ModelVersion(
                    modelName,
                    0,
                    trainer.algorithm(),
                    DeltaTables.toJson(resolvedHyperparameters(fitted.run())),
                    fitted.metrics(),
                    DeltaTables.toJson(lineage),
                    folder,
                    runId,
                    fingerprint,
                    CodeVersion.get(),
                    ctx.spark().version(),
                    Timestamp.from(Instant.now())));
    return mv;
  }

  /** A fresh id for a run: its UTC start time, then 8 random hex digits. */
  public static String newId() {
    return RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The latest features version of the dataset, its fitted spec and where it came from. */
  public static Inputs pin(JobContext ctx, String dataset) {
    DatasetSpec spec = ctx.config().dataset(dataset);
    String table = ctx.lake().features(spec.name());
    return pin(
        ctx, dataset, DeltaTables.requireLatest(ctx.spark(), table, "featurize", spec.name()));
  }

  /** As {@link #pin(JobContext, String)}, at a given features version (a resumed tuning job's). */
  public static Inputs pin(JobContext ctx, String dataset, long version) {
    DatasetSpec spec = ctx.config().dataset(dataset);
    SparkSession spark = ctx.spark();
    String table = ctx.lake().features(spec.name());
    return new Inputs(
        spec,
        table,
        version,
        FeaturesLayer.specAt(spark, table, version),
        FeaturesLayer.lineageAt(spark, table, version));
  }

  /**
   * A string label is a class index: a regressor cannot use it, and a classifier needs room for
   * every class. Checked before any Spark job, so the user sees the label's name, not a cast error.
   */
  public static void checkLabelKind(Trainer trainer, FittedFeatureSpec fs) {
    if (fs == null || fs.labelClasses() == null) {
      return;
    }
    Object type = trainer.hyperparameters().get("predictor_type");
    String label = "label '" + fs.label() + "' of dataset " + fs.dataset();
    if ("regressor".equals(type)) {
      throw new UsageException(
          String.format(
              "%s is a string with %d classes %s; predictor_type "
                  + "regressor needs a numeric label: use predictor_type=%s, or a numeric label field",
              label,
              fs.labelClasses().size(),
              fs.labelClasses(),
              trainer.algorithm().equals("knn") ? "classifier" : "multiclass_classifier"));
    }
    int classes = fs.labelClasses().size();
    if ("binary_classifier".equals(type) && classes > 2) {
      throw new UsageException(
          String.format(
              "%s has %d classes %s; predictor_type "
                  + "binary_classifier needs 2: use predictor_type=multiclass_classifier --hp "
                  + "num_classes=%d",
              label, classes, fs.labelClasses(), classes));
    }
    Object numClasses = trainer.hyperparameters().get("num_classes");
    if ("multiclass_classifier".equals(type)
        && numClasses instanceof Number n
        && n.intValue() < classes) {
      throw new UsageException(
          String.format(
              "num_classes=%d but %s has %d classes %s: use " + "num_classes=%d",
              n.intValue(), label, classes, fs.labelClasses(), classes));
    }
  }

  /** Identifies a run's inputs: algorithm, hyperparameters as they run, data, code. */
  public static String fingerprint(Trainer trainer, Inputs in) {
    return sha256(
        trainer.algorithm()
            + "\n"
            + new TreeMap<>(trainer.hyperparameters())
            + "\n"
            + in.table()
            + "@"
            + in.version()
            + "\n"
            + CodeVersion.get());
  }

  /** The SHA-256 of {@code text} (UTF-8) in hex: how a job fingerprints what it ran. */
  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trains on the train split and evaluates on the validation split. */
  static Fitted fit(
      JobContext ctx, Options o, Trainer trainer, Inputs in, TrainingListener listener) {
    Splits splits = splits(ctx, in, o.partitions());
    return fit(
        ctx,
        "train",
        o.algorithm() + " " + o.modelName() + " on " + in.table() + "@" + in.version(),
        trainer,
        splits,
        listener);
  }

  /**
   * The train and validation splits of a pinned features version, the train split partitioned for
   * training; {@code label} is null for unlabelled data.
   */
  public record Splits(Dataset<Row> train, Dataset<Row> validation, String label, int partitions) {
    /**
     * These splits read once and kept in memory (spilling to disk), for many fits on one read: a
     * tuning job's trials. {@link #release} frees them.
     */
    public Splits cached() {
      Dataset<Row> t = train.persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> v = validation.persist(StorageLevel.MEMORY_AND_DISK());
      t.count();
      v.count();
      return new Splits(t, v, label, partitions);
    }

    public void release() {
      train.unpersist();
      validation.unpersist();
    }
  }

  /** The splits of {@code in}, in {@code partitions} train partitions (0: Spark's default). */
  public static Splits splits(JobContext ctx, Inputs in, int partitions) {
    SparkSession spark = ctx.spark();
    Dataset<Row> features = DeltaTables.readVersion(spark, in.table(), in.version());
    int p = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    // Hash-partitioned and sorted by the stable id: the same data gives the same partitions in
    // the same order on every run, which makes training reproducible.
    Dataset<Row> train =
        features
            .where(col(FeatureBuilder.SPLIT).equalTo(FeatureBuilder.TRAIN))
            .repartition(p, col(FeatureBuilder.ID))
            .sortWithinPartitions(FeatureBuilder.ID);
    Dataset<Row> validation =
        features.where(col(FeatureBuilder.SPLIT).equalTo(FeatureBuilder.VALIDATION));
    String label =
        Arrays.asList(features.columns()).contains(FeatureBuilder.LABEL)
            ? FeatureBuilder.LABEL
            : null;
    if (label != null && in.featureSpec().labelClasses() != null) {
      // A class seen only outside the train split has no index (null): nothing to learn from or
      // to score against.
      train = train.where(col(label).isNotNull());
      validation = validation.where(col(label).isNotNull());
    }
    return new Splits(train, validation, label, p);
  }

  /**
   * Fits {@code trainer} on the splits and evaluates it on the validation split. The Spark jobs of
   * the calling thread are in job group {@code lakeforge-<stage>} and described by {@code what}
   * (trainers may describe their own steps; the group stays).
   */
  public static Fitted fit(
      JobContext ctx,
      String stage,
      String what,
      Trainer trainer,
      Splits s,
      TrainingListener listener) {
    ctx.stage(stage, "train " + what);
    TrainingRun run =
        trainer.fit(
            new TrainingInput(
                s.train(), FeatureBuilder.FEATURES, s.label(), s.validation(), listener));
    ctx.stage(stage, "evaluate " + what + " on the validation split");
    long validationRows = s.validation().count();
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (run.finalCost() != null) {
      metrics.put("train_cost", run.finalCost());
    }
    metrics.putAll(run.model().trainingMetrics());
    if (validationRows > 0) {
      metrics.putAll(
          trainer.evaluate(run.model(), s.validation(), FeatureBuilder.FEATURES, s.label()));
    }
    metrics.put("train_seconds", run.phaseSeconds().getOrDefault("total_seconds", 0.0));
    return new Fitted(run, metrics, validationRows, s.partitions());
  }

  private static Map<String, Object> lineage(
      JobContext ctx, Inputs in, Trainer trainer, String runId, int partitions) {
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("dataset", in.spec().name());
    lineage.put("features_table", in.table());
    lineage.put("features_version", in.version());
    lineage.put("curated_table", in.lineage().get("source_table"));
    lineage.put("curated_version", in.lineage().get(FeaturesLayer.SOURCE_VERSION));
    lineage.put("feature_spec", in.featureSpec().toMap());
    lineage.put("code_version", CodeVersion.get());
    lineage.put("spark_version", ctx.spark().version());
    lineage.put("seed", trainer.seed());
    lineage.put("run_id", runId);
    lineage.put("run_date", ctx.runDate().toString());
    lineage.put("partitions", partitions);
    return lineage;
  }

  /** What ran, with the feature dimension the data gave when it was not declared. */
  private static Map<String, Object> resolvedHyperparameters(TrainingRun run) {
    Map<String, Object> hp = new LinkedHashMap<>(run.hyperparameters());
    hp.putIfAbsent("feature_dim", run.model().featureDim());
    return hp;
  }

  /**
   * Writes the model's data and, last, {@code model.json} into the run's own folder. A failure
   * removes the folder: nothing can point to it yet.
   */
  static void writeArtifact(
      JobContext ctx,
      String folder,
      String name,
      String runId,
      Fitted fitted,
      Map<String, Object> lineage,
      FittedFeatureSpec featureSpec,
      Trainer trainer) {
    Model model = fitted.run().model();
    ModelFolder f = new ModelFolder(ctx.spark().sparkContext().hadoopConfiguration(), folder);
    Map<String, Object> manifestLineage = new LinkedHashMap<>(lineage);
    manifestLineage.remove("feature_spec");
    try {
      model.writeData(f);
      FaultPoints.reach(FaultPoints.WRITING_ARTIFACT, name);
      f.writeManifest(
          new ModelManifest(
              ModelManifest.CURRENT_FORMAT,
              name,
              runId,
              model.algorithm(),
              ModelJson.MAPPER.valueToTree(model.section()),
              resolvedHyperparameters(fitted.run()),
              trainer.requestedHyperparameters(),
              fitted.metrics(),
              new ModelManifest.Training(
                  fitted.run().costLabel(),
                  fitted.run().costHistory(),
                  fitted.run().phaseSeconds(),
                  fitted.validationRows()),
              featureSpec,
              manifestLineage,
              Instant.now().toString(),
              null));
    } catch (IOException | RuntimeException e) {
      ctx.artifacts().deleteQuietly(folder);
      if (e instanceof IOException io) {
        throw new UncheckedIOException(
            "cannot write the artifact " + folder + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  static String formatMetrics(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    metrics.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format("%.4g", v)));
    return sb.toString();
  }
}
