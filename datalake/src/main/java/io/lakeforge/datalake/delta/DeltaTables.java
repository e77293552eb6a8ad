package io.lakeforge.datalake.delta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.lakeforge.datalake.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.util.FileNames;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Small helpers over Delta tables addressed by path: existence, versions, and the JSON metadata
 * Lakeforge stores on its own commits ({@code userMetadata}) to record lineage and bookmarks. They
 * read the transaction log directly (a listing and single commit files), so none of them runs a
 * Spark job or scans a table's whole history.
 */
public final class DeltaTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Delta operations that rewrite or remove files without changing a table's rows. */
  private static final List<String> MAINTENANCE =
      List.of("VACUUM START", "VACUUM END", "OPTIMIZE", "REORG");

  /** How far back {@link #lastWrite} looks past maintenance commits. */
  private static final int MAX_MAINTENANCE_RUN = 200;

  private DeltaTables() {}

  /** One commit of a table: its version, operation, Lakeforge metadata and operation metrics. */
  public record CommitInfo(
      long version,
      String operation,
      Map<String, Object> metadata,
      Map<String, String> metrics,
      long timestamp) {}

  public static boolean exists(SparkSession spark, String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  private static DeltaLog log(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path);
  }

  /** The latest committed version, or -1 when there is no table. */
  public static long latestVersion(SparkSession spark, String path) {
    if (!exists(spark, path)) {
      return -1;
    }
    return log(spark, path).update(false, Option.empty(), Option.empty()).version();
  }

  /** The commit at {@code version}, if its file is still in the log. */
  public static Optional<CommitInfo> commitInfo(SparkSession spark, String path, long version) {
    DeltaLog log = log(spark, path);
    Option<org.apache.spark.sql.delta.actions.CommitInfo> ci;
    try {
      ci =
          DeltaHistoryManager.getCommitInfoOpt(
              log.store(),
              FileNames.unsafeDeltaFile(log.logPath(), version),
              log.newDeltaHadoopConf());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return ci.isDefined() ? Optional.of(of(path, version, ci.get())) : Optional.empty();
  }

  private static CommitInfo of(
      String path, long version, org.apache.spark.sql.delta.actions.CommitInfo ci) {
    String meta = ci.userMetadata().isDefined() ? ci.userMetadata().get() : null;
    Map<String, String> metrics =
        ci.operationMetrics().isDefined()
            ? CollectionConverters.asJava(ci.operationMetrics().get())
            : Map.of();
    return new CommitInfo(
        version,
        ci.operation(),
        parse(meta, path + " version " + version),
        metrics,
        ci.timestamp().getTime());
  }

  /** Every commit after {@code version}, oldest first (a listing and the new commit files). */
  public static List<CommitInfo> commitsAfter(SparkSession spark, String path, long version) {
    List<CommitInfo> out = new ArrayList<>();
    if (!exists(spark, path)) {
      return out;
    }
    scala.collection.Iterator<Tuple2<Object, scala.collection.immutable.Seq<Action>>> it =
        log(spark, path).getChanges(version + 1, false);
    while (it.hasNext()) {
      Tuple2<Object, scala.collection.immutable.Seq<Action>> t = it.next();
      long v = (Long) t._1();
      for (Action a : CollectionConverters.asJava(t._2())) {
        if (a instanceof org.apache.spark.sql.delta.actions.CommitInfo ci) {
          out.add(of(path, v, ci));
        }
      }
    }
    return out;
  }

  /**
   * The newest commit that wrote rows (maintenance commits such as VACUUM are skipped), or empty
   * when there is no table. Reads the log backwards one commit file at a time.
   */
  public static Optional<CommitInfo> lastWrite(SparkSession spark, String path) {
    long latest = latestVersion(spark, path);
    for (long v = latest; v >= 0 && v > latest - MAX_MAINTENANCE_RUN; v--) {
      Optional<CommitInfo> ci = commitInfo(spark, path, v);
      if (ci.isEmpty()) {
        // Older commit files were cleaned up by log retention: the version itself still counts.
        return Optional.of(new CommitInfo(v, "UNKNOWN", Map.of(), Map.of(), 0));
      }
      if (!MAINTENANCE.contains(ci.get().operation())) {
        return ci;
      }
    }
    return latest < 0 ? Optional.empty() : commitInfo(spark, path, latest);
  }

  /**
   * The newest of the last {@code maxCommits} commits that {@code test} accepts, read backwards one
   * commit file at a time.
   */
  public static Optional<CommitInfo> newestCommit(
      SparkSession spark,
      String path,
      java.util.function.Predicate<CommitInfo> test,
      int maxCommits) {
    long latest = latestVersion(spark, path);
    for (long v = latest; v >= 0 && v > latest - maxCommits; v--) {
      Optional<CommitInfo> ci = commitInfo(spark, path, v);
      if (ci.isEmpty()) {
        return Optional.empty();
      }
      if (test.test(ci.get())) {
        return ci;
      }
    }
    return Optional.empty();
  }

  /**
   * The version of the data of a table an earlier stage should have written: its latest commit that
   * wrote rows (maintenance commits such as VACUUM are skipped). Fails with a user-facing error
   * that names the table and the command to run first ({@code lakeforge <stage> --dataset ds}) when
   * the table does not exist.
   */
  public static CommitInfo requireLastWrite(
      SparkSession spark, String path, String stage, String dataset) {
    // Maintenance commits change no rows: the data (and its commit metadata, e.g. the feature
    // spec) are those of the last writing commit, and pinning that one keeps re-runs no-ops
    // after a `lake vacuum`.
    return lastWrite(spark, path)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    String.format(
                        "no %s table at %s; run `lakeforge %s --dataset %s` first",
                        stage.equals("ingest")
                            ? "raw"
                            : stage.equals("curate") ? "curated" : "features",
                        path,
                        stage,
                        dataset)));
  }

  /** As {@link #requireLastWrite}, the version only. */
  public static long requireLatest(SparkSession spark, String path, String stage, String dataset) {
    return requireLastWrite(spark, path, stage, dataset).version();
  }

  public static Dataset<Row> readVersion(SparkSession spark, String path, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path);
  }

  /** The commit metadata Lakeforge wrote at {@code version}, if any. */
  public static Map<String, Object> commitMetadata(SparkSession spark, String path, long version) {
    return commitInfo(spark, path, version).map(CommitInfo::metadata).orElse(Map.of());
  }

  /**
   * Lakeforge's commit metadata as a map; null or empty is no metadata. Anything else that is not a
   * JSON object is an error naming {@code where}: a bookmark that cannot be read must not be
   * mistaken for "nothing done yet".
   */
  public static Map<String, Object> parse(String json, String where) {
    if (json == null || json.isBlank()) {
      return Collections.emptyMap();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException(
          String.format(
              "the commit metadata of %s is not " + "Lakeforge's JSON (%s): %s",
              where,
              e.getMessage().lines().findFirst().orElse(""),
              json.length() > 80 ? json.substring(0, 77) + "..." : json),
          e);
    }
  }

  /** As {@link #parse(String, String)}, for JSON Lakeforge stored itself (e.g. lineage). */
  public static Map<String, Object> parse(String json) {
    return parse(json, "a registry row");
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
