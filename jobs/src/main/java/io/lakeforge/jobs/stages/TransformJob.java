package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.lakeforge.algorithms.api.TrainedModel;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.config.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Batch inference: scores a split of a dataset with a registered model version and writes
 * {@code predictions/<model>} (id, the model's prediction columns, model version, split). Scoring
 * the same split with the same version again replaces those rows in one commit, and is skipped
 * when its input has not changed.
 */
public final class TransformJob {
  public static final List<String> SPLITS = List.of("validation", "train", "all");

  /** Validated transform options. */
  public record Options(String modelRef, String dataset, String split) {
    public Options {
      ModelRef.parse(modelRef);
      if (dataset == null || dataset.isBlank()) {
        throw new UsageException("--dataset is required");
      }
      if (!SPLITS.contains(split)) {
        throw new UsageException("--split " + split + " is invalid: expected one of "
            + String.join(" | ", SPLITS));
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
    ModelVersion mv = ctx.registry().resolve(ModelRef.parse(o.modelRef()));
    ModelArtifact artifact = ModelArtifact.load(ctx.artifacts(), mv);
    TrainedModel model = artifact.model(spark);
    ctx.stage("transform", "score " + spec.name() + " (" + o.split() + ") with " + mv.ref());
    ScoringInput input = ScoringInput.load(ctx, spec, artifact.featureSpec(), model.featureDim(),
        o.split());
    String table = ctx.lake().predictions(mv.name());
    String inputKey = mv.version() + "/" + o.split() + "/" + input.sourceTable() + "@"
        + input.sourceVersion();
    if (alreadyScored(spark, table, inputKey)) {
      ctx.println(String.format("transform %s: rows in 0, rows out 0, quarantined 0, delta "
          + "version none, %.1f s (%s %s already scored from %s@%d)", table,
          (System.nanoTime() - t0) / 1e9, mv.ref(), o.split(), input.sourceTable(),
          input.sourceVersion()));
      return new Result(mv, table, null, 0);
    }
    Dataset<Row> scored = model.transform(input.rows(), FeatureBuilder.FEATURES);
    List<Column> cols = new ArrayList<>();
    cols.add(col(FeatureBuilder.ID));
    List<String> inCols = Arrays.asList(input.rows().columns());
    for (String c : scored.columns()) {
      if (!inCols.contains(c)) {
        cols.add(col(c));
      }
    }
    if (inCols.contains(FeatureBuilder.LABEL)) {
      cols.add(col(FeatureBuilder.LABEL));
    }
    cols.add(col(FeatureBuilder.SPLIT));
    cols.add(lit(mv.version()).as("model_version"));
    cols.add(lit(input.sourceTable()).as("source_table"));
    cols.add(lit(input.sourceVersion()).as("source_version"));
    cols.add(current_timestamp().as("scored_at"));
    Dataset<Row> out = scored.select(cols.toArray(new Column[0]));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("stage", "transform");
    meta.put("model", mv.ref());
    meta.put("input_key", inputKey);
    String where = "model_version = " + mv.version()
        + (o.split().equals("all") ? "" : " AND split = '" + o.split() + "'");
    if (DeltaTables.exists(spark, table)) {
      out.write().format("delta").mode("overwrite").option("replaceWhere", where)
          .option("userMetadata", DeltaTables.toJson(meta)).save(table);
    } else {
      out.write().format("delta").mode("errorifexists")
          .option("userMetadata", DeltaTables.toJson(meta)).save(table);
    }
    long version = DeltaTables.latestVersion(spark, table);
    long rows = Long.parseLong(DeltaTables.operationMetrics(spark, table, version)
        .getOrDefault("numOutputRows", "0"));
    ctx.println(String.format("transform %s: rows in %d, rows out %d, quarantined 0, delta "
        + "version %d, %.1f s (%s on %s@%d%s)", table, rows, rows, version,
        (System.nanoTime() - t0) / 1e9, mv.ref(), input.sourceTable(), input.sourceVersion(),
        input.rebuilt() ? ", features rebuilt with the model's feature spec" : ""));
    return new Result(mv, table, version, rows);
  }

  private static boolean alreadyScored(SparkSession spark, String table, String inputKey) {
    if (!DeltaTables.exists(spark, table)) {
      return false;
    }
    List<Row> rows = io.delta.tables.DeltaTable.forPath(spark, table).history()
        .where("userMetadata IS NOT NULL").select("userMetadata").collectAsList();
    for (Row r : rows) {
      if (inputKey.equals(DeltaTables.parse(r.getString(0)).get("input_key"))) {
        return true;
      }
    }
    return false;
  }
}
