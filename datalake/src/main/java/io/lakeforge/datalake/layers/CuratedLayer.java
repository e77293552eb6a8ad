package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaCommits;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.readers.SourceReader;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * The curate stage: raw batches not yet curated are typed and validated against the dataset spec;
 * failing rows go to {@code quarantine/<ds>} with the rules they broke and their lineage, valid
 * rows are deduplicated by a content hash and MERGEd into {@code curated/<ds>}. The raw version it
 * processed is recorded on the curated commit, so re-running on the same raw version changes
 * nothing. When a raw batch was replaced (a run date ingested again with changed input), curated
 * and quarantine are rebuilt from the whole raw version instead, one overwrite commit each, so the
 * replaced rows leave every layer. It checks that every raw row is accounted for: rows in = curated
 * + quarantined + duplicates.
 */
public final class CuratedLayer {
  public static final String CONTENT_HASH = "_content_hash";
  public static final String CURATED_AT = "_curated_at";
  public static final String QUARANTINED_AT = "_quarantined_at";
  static final String ROW_KEY = "_row_key";
  private static final String RAW_VERSION = "raw_version";
  private static final String SCHEMA_AUTO_MERGE_CONF =
      "spark.databricks.delta.schema.autoMerge.enabled";

  private CuratedLayer() {}

  public static StageSummary curate(SparkSession spark, LakeLayout lake, DatasetSpec spec) {
    // A concurrent curate of the same dataset makes the MERGE conflict; the retry sees what the
    // other one committed (both MERGEs are keyed, so nothing is inserted twice).
    return DeltaCommits.retrying("curate " + spec.name(), () -> curateOnce(spark, lake, spec));
  }

  private static StageSummary curateOnce(SparkSession spark, LakeLayout lake, DatasetSpec spec) {
    long t0 = System.nanoTime();
    String rawTable = lake.raw(spec.name());
    String curatedTable = lake.curated(spec.name());
    String quarantineTable = lake.quarantine(spec.name());
    long rawVersion = DeltaTables.requireLatest(spark, rawTable, "ingest", spec.name());
    long processed = processedRawVersion(spark, curatedTable);
    if (processed == rawVersion) {
      return new StageSummary(
          "curate",
          curatedTable,
          0,
          0,
          0,
          0,
          null,
          RawLayer.seconds(t0),
          "raw version " + rawVersion + " already curated");
    }
    Dataset<Row> batch = DeltaTables.readVersion(spark, rawTable, rawVersion);
    boolean rebuild = false;
    if (processed >= 0) {
      Dataset<Row> done =
          DeltaTables.readVersion(spark, rawTable, processed).select(RawLayer.BATCH_ID).distinct();
      rebuild =
          !done.join(batch.select(RawLayer.BATCH_ID).distinct(), RawLayer.BATCH_ID, "left_anti")
              .isEmpty();
      if (!rebuild) {
        batch =
            batch.join(
                done,
                batch.col(RawLayer.BATCH_ID).equalTo(done.col(RawLayer.BATCH_ID)),
                "left_anti");
      }
    }
    List<String> rawColumns = List.of(batch.columns());
    Dataset<Row> checked = RowValidator.check(batch, spec).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> distinctRows = null;
    try {
      // One pass counts rows in, rows that broke a rule and rows that passed, each on its own.
      Row split =
          checked
              .agg(
                  org.apache.spark.sql.functions.count(lit(1)),
                  org.apache.spark.sql.functions.count(col(RowValidator.REASON)),
                  org.apache.spark.sql.functions.sum(
                      when(col(RowValidator.REASON).isNull(), 1).otherwise(0)))
              .first();
      long rowsIn = split.getLong(0);
      long quarantined = split.getLong(1);
      long valid = split.isNullAt(2) ? 0 : split.getLong(2);
      Dataset<Row> bad = checked.where(col(RowValidator.REASON).isNotNull());
      Dataset<Row> good =
          checked
              .where(col(RowValidator.REASON).isNull())
              .select(curatedColumns(spec, rawColumns))
              .withColumn(CONTENT_HASH, contentHash(spec));
      Dataset<Row> distinct =
          good.withColumn(
                  "__rn",
                  row_number()
                      .over(
                          Window.partitionBy(CONTENT_HASH)
                              .orderBy(
                                  col(RawLayer.BATCH_ID),
                                  col(SourceReader.RECORD_COL),
                                  col(RawLayer.SOURCE_URI))))
              .where(col("__rn").equalTo(1))
              .drop("__rn")
              .withColumn(CURATED_AT, current_timestamp());
      // Kept: the content hash of every row (a JSON rendering of it) is computed once, for the
      // count and for the write.
      distinct = distinct.persist(StorageLevel.MEMORY_AND_DISK());
      distinctRows = distinct;
      long distinctCount = distinct.count();
      // Counted before the commit, from the table itself: what is already curated.
      boolean merging = !rebuild && DeltaTables.exists(spark, curatedTable);
      Dataset<Row> current = merging ? spark.read().format("delta").load(curatedTable) : null;
      long curatedBefore = merging ? current.count() : 0;
      long alreadyCurated =
          merging
              ? distinct
                  .join(current.select(CONTENT_HASH).distinct(), CONTENT_HASH, "left_semi")
                  .count()
              : 0;

      if (quarantined > 0 || (rebuild && DeltaTables.exists(spark, quarantineTable))) {
        writeQuarantine(spark, quarantineTable, bad, rawColumns, rawVersion, rebuild);
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("stage", "curate");
      meta.put("dataset", spec.name());
      meta.put("source_table", rawTable);
      meta.put(RAW_VERSION, rawVersion);
      if (rebuild) {
        meta.put("rebuilt", "a raw batch was replaced");
      }
      DeltaCommits.Commit commit =
          rebuild
              ? overwrite(spark, curatedTable, distinct, meta)
              : mergeInto(spark, curatedTable, distinct, CONTENT_HASH, meta);
      // Counted from the table itself at our own commit (a later writer's rows do not count).
      long curatedAfter =
          commit.committed()
              ? DeltaTables.readVersion(spark, curatedTable, commit.version()).count()
              : curatedBefore;
      CurateCounts counts =
          new CurateCounts(
                  rowsIn,
                  quarantined,
                  valid,
                  distinctCount,
                  alreadyCurated,
                  curatedBefore,
                  curatedAfter)
              .verify(spec.name());
      long inserted = counts.inserted();
      long duplicates = counts.duplicates();
      return new StageSummary(
          "curate",
          curatedTable,
          rowsIn,
          inserted,
          quarantined,
          duplicates,
          commit.versionOrNull(),
          RawLayer.seconds(t0),
          String.format(
              "raw version %d%s; "
                  + "invariant ok: %d = %d curated + %d quarantined + %d duplicates",
              rawVersion,
              rebuild ? ", rebuilt because a run date's batch was replaced" : "",
              rowsIn,
              inserted,
              quarantined,
              duplicates));
    } finally {
      checked.unpersist();
      if (distinctRows != null) {
        distinctRows.unpersist();
      }
    }
  }

  /** The raw version the newest curate commit processed, or -1. */
  static long processedRawVersion(SparkSession spark, String curatedTable) {
    return DeltaTables.lastWrite(spark, curatedTable)
        .map(c -> c.metadata().get(RAW_VERSION))
        .map(v -> ((Number) v).longValue())
        .orElse(-1L);
  }

  private static Column[] curatedColumns(DatasetSpec spec, List<String> rawColumns) {
    List<Column> cols = new ArrayList<>(RowValidator.typedFields(spec));
    for (String c :
        List.of(
            SourceReader.RECORD_COL,
            RawLayer.SOURCE_URI,
            RawLayer.SOURCE_CHECKSUM,
            RawLayer.BATCH_ID,
            RawLayer.INGESTED_AT)) {
      cols.add(col(c));
    }
    if (rawColumns.contains(RawLayer.RUN_DATE)) {
      cols.add(col(RawLayer.RUN_DATE));
    }
    return cols.toArray(new Column[0]);
  }

  private static Column contentHash(DatasetSpec spec) {
    List<Column> fields = new ArrayList<>();
    for (FieldSpec f : spec.schema()) {
      Column c = col(RowValidator.quoted(f.name()));
      fields.add(
          f.isVector()
              ? org.apache.spark.ml.functions.vector_to_array(c, "float64").as(f.name())
              : c);
    }
    return sha2(to_json(struct(fields.toArray(new Column[0]))), 256);
  }

  private static void writeQuarantine(
      SparkSession spark,
      String table,
      Dataset<Row> bad,
      List<String> rawColumns,
      long rawVersion,
      boolean rebuild) {
    List<Column> cols = new ArrayList<>();
    List<Column> keyParts = new ArrayList<>();
    for (String c : rawColumns) {
      Column rc = col(RowValidator.quoted(c));
      cols.add(rc);
      boolean vector = RowValidator.isVectorField(bad.schema().apply(c));
      keyParts.add(vector ? RowValidator.arrayOf(rc).as(c) : rc);
    }
    cols.add(col(RowValidator.REASON));
    cols.add(sha2(to_json(struct(keyParts.toArray(new Column[0]))), 256).as(ROW_KEY));
    cols.add(current_timestamp().as(QUARANTINED_AT));
    Dataset<Row> rows = bad.select(cols.toArray(new Column[0]));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("stage", "curate");
    meta.put("quarantine_of_raw_version", rawVersion);
    if (rebuild) {
      overwrite(spark, table, rows, meta);
    } else {
      // Keyed on the raw row, so a curate re-run after a failure never quarantines a row twice.
      mergeInto(spark, table, rows, ROW_KEY, meta);
    }
  }

  /** Replaces the table's rows with {@code rows} in one commit. */
  private static DeltaCommits.Commit overwrite(
      SparkSession spark, String table, Dataset<Row> rows, Map<String, Object> meta) {
    return DeltaCommits.commit(
        spark,
        table,
        meta,
        json ->
            DeltaCommits.writer(rows, "overwrite", json)
                .option("overwriteSchema", "true")
                .save(table));
  }

  /**
   * Creates the table from {@code rows} or MERGEs them in (insert when the key is new), committing
   * {@code meta} as the commit's user metadata.
   */
  static DeltaCommits.Commit mergeInto(
      SparkSession spark, String table, Dataset<Row> rows, String key, Map<String, Object> meta) {
    if (!DeltaTables.exists(spark, table)) {
      return DeltaCommits.commit(
          spark, table, meta, json -> DeltaCommits.writer(rows, "errorifexists", json).save(table));
    }
    // Lakes written before a lineage column existed (e.g. _run_date) take it on the next merge.
    spark.conf().set(SCHEMA_AUTO_MERGE_CONF, "true");
    try {
      return DeltaCommits.insertNew(spark, table, rows, java.util.List.of(key), meta);
    } finally {
      spark.conf().unset(SCHEMA_AUTO_MERGE_CONF);
    }
  }
}
