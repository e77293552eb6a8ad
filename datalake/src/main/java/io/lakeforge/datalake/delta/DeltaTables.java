package io.lakeforge.datalake.delta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Small helpers over Delta tables addressed by path: existence, versions, and the JSON metadata
 * Lakeforge stores on its own commits ({@code userMetadata}) to record lineage and bookmarks.
 */
public final class DeltaTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaTables() {}

  public static boolean exists(SparkSession spark, String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  /** The latest committed version, or -1 when there is no table. */
  public static long latestVersion(SparkSession spark, String path) {
    if (!exists(spark, path)) {
      return -1;
    }
    Row r = DeltaTable.forPath(spark, path).history(1).select("version").first();
    return r.getLong(0);
  }

  /**
   * The version of the data of a table an earlier stage should have written: its latest commit
   * that wrote rows (maintenance commits such as VACUUM are skipped). Fails with a user-facing
   * error that names the table and the command to run first ({@code lakeforge <stage> --dataset
   * ds}) when the table does not exist.
   */
  public static long requireLatest(SparkSession spark, String path, String stage,
      String dataset) {
    long v = latestVersion(spark, path);
    if (v < 0) {
      throw new io.lakeforge.datalake.InvalidInputException(String.format(
          "no %s table at %s; run `lakeforge %s --dataset %s` first",
          stage.equals("ingest") ? "raw" : stage.equals("curate") ? "curated" : "features",
          path, stage, dataset));
    }
    // Maintenance commits change no rows: the data (and its commit metadata, e.g. the feature
    // spec) are those of the last writing commit, and pinning that one keeps re-runs no-ops
    // after a `lake vacuum`.
    List<Row> writes = DeltaTable.forPath(spark, path).history()
        .where(org.apache.spark.sql.functions.col("operation").isin(MAINTENANCE.toArray())
            .unary_$bang())
        .agg(org.apache.spark.sql.functions.max("version")).collectAsList();
    return writes.isEmpty() || writes.get(0).isNullAt(0) ? v : writes.get(0).getLong(0);
  }

  /** Delta operations that rewrite or remove files without changing a table's rows. */
  private static final List<String> MAINTENANCE = List.of("VACUUM START", "VACUUM END",
      "OPTIMIZE", "REORG");

  public static Dataset<Row> readVersion(SparkSession spark, String path, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path);
  }

  /** The commit metadata Lakeforge wrote at {@code version}, if any. */
  public static Map<String, Object> commitMetadata(SparkSession spark, String path,
      long version) {
    List<Row> rows = DeltaTable.forPath(spark, path).history()
        .where("version = " + version).select("userMetadata").collectAsList();
    if (rows.isEmpty() || rows.get(0).isNullAt(0)) {
      return Collections.emptyMap();
    }
    return parse(rows.get(0).getString(0));
  }

  /** The newest commit whose metadata has {@code key}, as (version, metadata). */
  public static Optional<Map<String, Object>> latestCommitWith(SparkSession spark, String path,
      String key) {
    if (!exists(spark, path)) {
      return Optional.empty();
    }
    List<Row> rows = DeltaTable.forPath(spark, path).history()
        .where("userMetadata IS NOT NULL").orderBy(org.apache.spark.sql.functions.col("version")
            .desc()).select("version", "userMetadata").collectAsList();
    for (Row r : rows) {
      Map<String, Object> m = parse(r.getString(1));
      if (m.containsKey(key)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      return Collections.emptyMap();
    }
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Operation metrics of the commit at {@code version} (e.g. numTargetRowsInserted). */
  public static Map<String, String> operationMetrics(SparkSession spark, String path,
      long version) {
    List<Row> rows = DeltaTable.forPath(spark, path).history()
        .where("version = " + version).select("operationMetrics").collectAsList();
    if (rows.isEmpty() || rows.get(0).isNullAt(0)) {
      return Collections.emptyMap();
    }
    return rows.get(0).getJavaMap(0);
  }
}
