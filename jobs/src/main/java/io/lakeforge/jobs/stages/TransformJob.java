package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.datalake.delta.DeltaCommits;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.Thresholded;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Batch inference: scores a split of a dataset with a registered model version and writes {@code
 * predictions/<model>} (id, the model's prediction columns, model version, split; with a string
 * label, {@code label} and {@code predicted_label} are the class names and {@code label_index} /
 * {@code predicted_index} the indices the model saw). Scoring the same split with the same version
 * again replaces those rows in one commit, and is skipped when its input has not changed.
 */
public final class TransformJob {
  public static final List<String> SPLITS = List.of("validation", "train", "all");
  static final String MODEL_VERSION = "model_version";

  /** With a string label: the class indices behind {@code predicted_label} and {@code label}. */
  public static final String PREDICTED_INDEX = "predicted_index";

  public static final String LABEL_INDEX = "label_index";
  static final String SOURCE_TABLE = "source_table";
  static final String SOURCE_VERSION = "source_version";
  private static final int MAX_COMMITS_BACK = 200;
  private static final String THRESHOLD = "threshold";

  /** Validated transform options. */
  public record Options(String modelRef, String dataset, String split, Double threshold) {
    public Options(String modelRef, String dataset, String split) {
      this(modelRef, dataset, split, null);
    }

    public Options {
      if (threshold != null && !Double.isFinite(threshold)) {
        throw new UsageException("--threshold " + threshold + " is invalid: expected a number");
      }
      ModelRef.parse(modelRef);
      if (dataset == null || dataset.isBlank()) {
        throw new UsageException("--dataset is required");
      }
      if (!SPLITS.contains(split)) {
        throw new UsageException(
            "--split " + split + " is invalid: expected one of " + String.join(" | ", SPLITS));
      }
    }
  }

  /** Where the predictions went. */
  public record Result(ModelVersion model, String table, Long versionWritten, long rows) {}

  private TransformJob() {}

  public static Result run(JobContext ctx, Options o) {
    long t0 = System.nanoTime();
    DatasetSpec spec = ctx.config().dataset(o.dataset());
    SparkSession spark = ctx.spark();
    RegisteredModel rm = RegisteredModel.load(ctx, o.modelRef());
    ModelVersion mv = rm.version();
    ctx.stage("transform", "score " + spec.name() + " (" + o.split() + ") with " + mv.ref());
    Model model = thresholded(rm, o.threshold());
    Double threshold = model instanceof Thresholded t ? t.threshold() : null;
    ScoringInput input =
        ScoringInput.load(ctx, spec, rm.featureSpec(), model.featureDim(), o.split());
    String table = ctx.lake().predictions(mv.name());
    if (alreadyScored(spark, table, mv.version(), o.split(), input, threshold)) {
      ctx.println(
          String.format(
              "transform %s: rows in 0, rows out 0, quarantined 0, delta "
                  + "version none, %.1f s (%s %s already scored from %s@%d)",
              table,
              (System.nanoTime() - t0) / 1e9,
              mv.ref(),
              o.split(),
              input.sourceTable(),
              input.sourceVersion()));
      return new Result(mv, table, null, 0);
    }
    Dataset<Row> scored = SparkScoring.transform(model, input.rows(), FeatureBuilder.FEATURES);
    List<String> classes = rm.featureSpec() == null ? null : rm.featureSpec().labelClasses();
    List<Column> cols = new ArrayList<>();
    cols.add(col(FeatureBuilder.ID));
    for (Output out : model.outputs()) {
      if (classes != null && out.name().equals(Output.PREDICTED_LABEL)) {
        // A string label: the prediction as the class name, its index beside it.
        cols.add(LabelNames.of(classes, col(out.name())).as(out.name()));
        cols.add(col(out.name()).as(PREDICTED_INDEX));
      } else {
        cols.add(col(out.name()));
      }
    }
    if (Arrays.asList(input.rows().columns()).contains(FeatureBuilder.LABEL)) {
      if (classes != null) {
        cols.add(LabelNames.of(classes, col(FeatureBuilder.LABEL)).as(FeatureBuilder.LABEL));
        cols.add(col(FeatureBuilder.LABEL).as(LABEL_INDEX));
      } else {
        cols.add(col(FeatureBuilder.LABEL));
      }
    }
    cols.add(col(FeatureBuilder.SPLIT));
    cols.add(lit(mv.version()).as(MODEL_VERSION));
    cols.add(lit(input.sourceTable()).as(SOURCE_TABLE));
    cols.add(lit(input.sourceVersion()).as(SOURCE_VERSION));
    cols.add(current_timestamp().as("scored_at"));
    Dataset<Row> out = scored.select(cols.toArray(new Column[0]));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("stage", "transform");
    meta.put("model", mv.ref());
    meta.put(MODEL_VERSION, mv.version());
    meta.put("split", o.split());
    meta.put("source", input.sourceTable() + "@" + input.sourceVersion());
    if (threshold != null) {
      meta.put(THRESHOLD, threshold);
    }
    String where =
        MODEL_VERSION
            + " = "
            + mv.version()
            + (o.split().equals("all") ? "" : " AND split = '" + o.split() + "'");
    // replaceWhere reads what it replaces: a concurrent scoring of this model conflicts, and the
    // retry replaces again (the same rows). Two first writers race to create the table; the
    // loser's retry replaces.
    DeltaCommits.Commit c =
        DeltaCommits.retrying(
            "transform " + mv.ref(),
            () -> {
              boolean exists = DeltaTables.exists(spark, table);
              return DeltaCommits.commit(
                  spark,
                  table,
                  meta,
                  json ->
                      (exists
                              ? out.write()
                                  .format("delta")
                                  .mode("overwrite")
                                  .option("replaceWhere", where)
                              : out.write().format("delta").mode("append"))
                          .option("userMetadata", json)
                          .save(table));
            });
    long rows = c.metric("numOutputRows");
    ctx.println(
        String.format(
            "transform %s: rows in %d, rows out %d, quarantined 0, delta "
                + "version %s, %.1f s (%s on %s@%d%s)",
            table,
            rows,
            rows,
            c.versionOrNull(),
            (System.nanoTime() - t0) / 1e9,
            mv.ref(),
            input.sourceTable(),
            input.sourceVersion(),
            input.rebuilt() ? ", features rebuilt with the model's feature spec" : ""));
    return new Result(mv, table, c.versionOrNull(), rows);
  }

  /**
   * Whether this version's predictions of this split from exactly this input are in the table: each
   * scoring replaces its rows in one commit, so one such row means all of them.
   */
  /**
   * The threshold that scored {@code split} of {@code version} in {@code table} (the newest scoring
   * of that split, from its commit), or empty when none was recorded.
   */
  static Optional<Double> scoredThreshold(
      SparkSession spark, String table, int version, String split) {
    return DeltaTables.newestCommit(
            spark,
            table,
            c ->
                c.metadata().get(MODEL_VERSION) instanceof Number n
                    && n.intValue() == version
                    && (split.equals(c.metadata().get("split"))
                        || "all".equals(c.metadata().get("split"))),
            MAX_COMMITS_BACK)
        .map(c -> c.metadata().get(THRESHOLD))
        .filter(Number.class::isInstance)
        .map(t -> ((Number) t).doubleValue());
  }

  /** The registered model, scoring against {@code threshold} when one is given. */
  private static Model thresholded(RegisteredModel rm, Double threshold) {
    if (threshold == null) {
      return rm.model();
    }
    if (!(rm.model() instanceof Thresholded t)) {
      throw new UsageException(
          String.format(
              "--threshold applies to models that flag rows above a score (randomcutforest); "
                  + "%s is a %s model",
              rm.version().ref(), rm.version().algorithm()));
    }
    return t.withThreshold(threshold);
  }

  private static boolean alreadyScored(
      SparkSession spark,
      String table,
      int version,
      String split,
      ScoringInput input,
      Double threshold) {
    if (!DeltaTables.exists(spark, table)) {
      return false;
    }
    // The newest scoring of this version, from the commit metadata (one file per commit back):
    // when it covered this split, its input decides.
    Optional<DeltaTables.CommitInfo> newest =
        DeltaTables.newestCommit(
            spark,
            table,
            c -> c.metadata().get(MODEL_VERSION) instanceof Number n && n.intValue() == version,
            MAX_COMMITS_BACK);
    if (newest.isPresent()) {
      Object scoredSplit = newest.get().metadata().get("split");
      if (split.equals(scoredSplit) || "all".equals(scoredSplit)) {
        Object scoredAt = newest.get().metadata().get(THRESHOLD);
        boolean sameThreshold =
            threshold == null
                ? scoredAt == null
                : scoredAt instanceof Number n && n.doubleValue() == threshold;
        return sameThreshold
            && (input.sourceTable() + "@" + input.sourceVersion())
                .equals(newest.get().metadata().get("source"));
      }
    }
    if (threshold != null) {
      // Rows keep no threshold: only commit metadata can tell which one scored them.
      return false;
    }
    Dataset<Row> t = spark.read().format("delta").load(table);
    if (!Arrays.asList(t.columns()).contains(SOURCE_VERSION)) {
      return false;
    }
    Column same =
        col(MODEL_VERSION)
            .equalTo(version)
            .and(col(SOURCE_TABLE).equalTo(input.sourceTable()))
            .and(col(SOURCE_VERSION).equalTo(input.sourceVersion()));
    if (!split.equals("all")) {
      same = same.and(col(FeatureBuilder.SPLIT).equalTo(split));
    }
    return !t.where(same).limit(1).isEmpty();
  }
}
