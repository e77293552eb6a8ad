package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaCommits;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.readers.SourceErrors;
import io.lakeforge.datalake.readers.SourceFiles;
import io.lakeforge.datalake.readers.SourceReader;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The raw layer: source rows as read plus lineage ({@code _source_uri}, {@code _source_checksum},
 * {@code _batch_id}, {@code _run_date}, {@code _ingested_at}). Like a Glue job bookmark, a source
 * whose checksum is already in the table adds nothing. Otherwise the rows become the batch of the
 * run date: appended for a new date, and replacing that date's earlier batch when a date is run
 * again with changed input (one commit either way), so re-running a date never duplicates it.
 * Nothing is written before the whole source has been checked.
 */
public final class RawLayer {
  public static final String SOURCE_URI = "_source_uri";
  public static final String SOURCE_CHECKSUM = "_source_checksum";
  public static final String BATCH_ID = "_batch_id";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String RUN_DATE = "_run_date";
  static final String LIVE_SOURCES = "live_sources";

  private RawLayer() {}

  /** Ingests as today's (UTC) run. */
  public static StageSummary ingest(SparkSession spark, LakeLayout lake, DatasetSpec spec) {
    return ingest(spark, lake, spec, LocalDate.now(ZoneOffset.UTC));
  }

  public static StageSummary ingest(
      SparkSession spark, LakeLayout lake, DatasetSpec spec, LocalDate runDate) {
    long t0 = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (Map.Entry<String, String> s : spec.sources().entrySet()) {
      SourceFiles.require(
          conf,
          s.getValue(),
          "the " + s.getKey() + " source of dataset " + spec.name() + " (" + spec.format() + ")",
          !spec.format().equals("idx"));
    }
    Map<String, String> checksums = SourceFiles.checksums(conf, spec.sources());
    String checksum = combined(checksums);
    String table = lake.raw(spec.name());
    // Two ingests of one dataset at once (two pipelines sharing it): each commit carries the
    // dataset's Delta transaction id, so the later one conflicts and its retry sees the other.
    return DeltaCommits.retrying(
        "ingest " + spec.name(), () -> ingestOnce(spark, spec, runDate, checksum, table, t0));
  }

  /**
   * The batches the table holds after its last ingest, source checksum → run date: recorded on each
   * ingest commit, so checking "already ingested?" reads one commit file. Tables written before the
   * bookmark existed are read once from their rows.
   */
  static Map<String, String> liveSources(SparkSession spark, String table) {
    Optional<DeltaTables.CommitInfo> last = DeltaTables.lastWrite(spark, table);
    if (last.isEmpty()) {
      return Map.of();
    }
    Map<String, String> live = new LinkedHashMap<>();
    if (last.get().metadata().get(LIVE_SOURCES) instanceof Map<?, ?> recorded) {
      recorded.forEach((k, v) -> live.put(String.valueOf(k), String.valueOf(v)));
      return live;
    }
    Dataset<Row> rows = spark.read().format("delta").load(table);
    boolean dated = Arrays.asList(rows.columns()).contains(RUN_DATE);
    for (Row r :
        rows.select(
                col(SOURCE_CHECKSUM), dated ? col(RUN_DATE).cast("string") : lit("").as(RUN_DATE))
            .distinct()
            .collectAsList()) {
      live.put(r.getString(0), r.isNullAt(1) ? "" : r.getString(1));
    }
    return live;
  }

  private static StageSummary ingestOnce(
      SparkSession spark,
      DatasetSpec spec,
      LocalDate runDate,
      String checksum,
      String table,
      long t0) {
    long before = DeltaTables.latestVersion(spark, table);
    Map<String, String> live = liveSources(spark, table);
    if (live.containsKey(checksum)) {
      return new StageSummary(
          "ingest",
          table,
          0,
          0,
          0,
          0,
          null,
          seconds(t0),
          "source already ingested, checksum " + checksum.substring(0, 12));
    }
    String date = runDate.toString();
    boolean replacing = live.containsValue(date);
    Map<String, String> after = new LinkedHashMap<>(live);
    after.values().removeIf(date::equals);
    after.put(checksum, date);
    Dataset<Row> rows = SourceReader.forFormat(spec.format()).read(spark, spec);
    String batchId =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now())
            + "-"
            + checksum.substring(0, 8)
            + "-"
            + UUID.randomUUID().toString().substring(0, 4);
    Dataset<Row> out =
        rows.withColumn(SOURCE_URI, lit(sourceText(spec.sources())))
            .withColumn(SOURCE_CHECKSUM, lit(checksum))
            .withColumn(BATCH_ID, lit(batchId))
            .withColumn(RUN_DATE, lit(Date.valueOf(runDate)))
            .withColumn(INGESTED_AT, current_timestamp());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("stage", "ingest");
    meta.put("dataset", spec.name());
    meta.put("batch_id", batchId);
    meta.put("source_checksum", checksum);
    meta.put("run_date", runDate.toString());
    meta.put(LIVE_SOURCES, after);
    String txnApp = "lakeforge-ingest-" + spec.name();
    String txnVersion = String.valueOf(before + 1);
    DeltaCommits.Commit c;
    try {
      c =
          DeltaCommits.commit(
              spark,
              table,
              meta,
              json -> {
                if (replacing) {
                  DeltaCommits.writer(out, "overwrite", json)
                      .option("replaceWhere", RUN_DATE + " = DATE'" + runDate + "'")
                      .option("txnAppId", txnApp)
                      .option("txnVersion", txnVersion)
                      .save(table);
                } else {
                  DeltaCommits.writer(out, "append", json)
                      .option("mergeSchema", "true")
                      .option("txnAppId", txnApp)
                      .option("txnVersion", txnVersion)
                      .save(table);
                }
              });
    } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
      throw e;
    } catch (Exception e) {
      // The source is read while the batch is written: a damaged source file fails here (as a
      // SparkException, which Scala throws unchecked).
      RuntimeException input =
          SourceErrors.translate(e, spark.sparkContext().hadoopConfiguration(), spec.format());
      if (input != null) {
        throw input;
      }
      throw e;
    }
    if (!c.committed()) {
      // Delta skipped the write: another ingest committed this transaction number first.
      throw new DeltaCommits.LostRace(
          "ingest " + spec.name() + ": a concurrent ingest committed " + "first");
    }
    long written = c.metric("numOutputRows");
    return new StageSummary(
        "ingest",
        table,
        written,
        written,
        0,
        0,
        c.versionOrNull(),
        seconds(t0),
        "batch "
            + batchId
            + " for run date "
            + runDate
            + (replacing ? ", replacing that run date's earlier batch" : ""));
  }

  static String sourceText(Map<String, String> sources) {
    if (sources.size() == 1) {
      return sources.values().iterator().next();
    }
    StringBuilder sb = new StringBuilder();
    sources.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String combined(Map<String, String> checksums) {
    if (checksums.size() == 1) {
      return checksums.values().iterator().next();
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      checksums.forEach((k, v) -> md.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
