package io.lakeforge.datalake.delta;

import static org.apache.spark.sql.functions.col;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Lakeforge commits to a Delta table. Every commit carries the stage's metadata plus a
 * unique {@code commit_id} in its {@code userMetadata}, and the writer gets back the version it
 * committed and that commit's operation metrics, found by that id: never "the latest version",
 * which under concurrent writers may be somebody else's commit. Conflicts with a concurrent writer
 * are retried with bounded backoff ({@link #retrying}); operations must therefore be idempotent (a
 * MERGE on a key, a write with Delta's {@code txnAppId}/{@code txnVersion}).
 */
public final class DeltaCommits {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaCommits.class);
  static final String COMMIT_ID = "commit_id";

  /** Delta sets this right after each commit of the session (DeltaSQLConf). */
  private static final String LAST_COMMIT = "spark.databricks.delta.lastCommitVersionInSession";

  /** The commit metadata of MERGE and other commands, which take no write options. */
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private static final int ATTEMPTS = 8;
  private static final long FIRST_BACKOFF_MS = 100;

  private DeltaCommits() {}

  /** What a commit wrote: its version and Delta's operation metrics (e.g. numOutputRows). */
  public record Commit(long version, Map<String, String> metrics) {
    /** Nothing was committed (the operation found nothing to do, or skipped itself). */
    public static final Commit NONE = new Commit(-1, Map.of());

    public boolean committed() {
      return version >= 0;
    }

    /** A numeric operation metric, 0 when absent. */
    public long metric(String name) {
      String v = metrics.get(name);
      return v == null ? 0 : Long.parseLong(v);
    }

    /** The version as the stage summaries print it: null when nothing was committed. */
    public Long versionOrNull() {
      return committed() ? version : null;
    }
  }

  /** Thrown by an operation that found a concurrent writer got there first: retried. */
  public static final class LostRace extends RuntimeException {
    public LostRace(String message) {
      super(message);
    }
  }

  /** A write to run with the commit's userMetadata (pass it as the write's option too). */
  @FunctionalInterface
  public interface Operation {
    void run(String userMetadata);
  }

  /**
   * A Delta writer of {@code rows} in {@code mode} that carries the commit's user metadata: how an
   * {@link Operation} that writes a DataFrame starts.
   */
  public static DataFrameWriter<Row> writer(Dataset<Row> rows, String mode, String userMetadata) {
    return rows.write().format("delta").mode(mode).option("userMetadata", userMetadata);
  }

  /**
   * Runs {@code op} as one commit to {@code path} carrying {@code meta}, and returns that commit
   * (or {@link Commit#NONE} when the operation committed nothing).
   */
  public static Commit commit(
      SparkSession spark, String path, Map<String, Object> meta, Operation op) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> tagged = new LinkedHashMap<>(meta);
    tagged.put(COMMIT_ID, id);
    String json = DeltaTables.toJson(tagged);
    long before = DeltaTables.latestVersion(spark, path);
    spark.conf().unset(LAST_COMMIT);
    spark.conf().set(USER_METADATA, json);
    try {
      op.run(json);
    } finally {
      spark.conf().unset(USER_METADATA);
    }
    return find(spark, path, before, id);
  }

  /**
   * Our commit: the session's last commit when it carries our id, else a scan after {@code before}.
   */
  static Commit find(SparkSession spark, String path, long before, String id) {
    Optional<String> last =
        Optional.ofNullable(spark.conf().getOption(LAST_COMMIT).getOrElse(() -> null));
    if (last.isPresent()) {
      long v = Long.parseLong(last.get());
      Optional<DeltaTables.CommitInfo> ci = DeltaTables.commitInfo(spark, path, v);
      if (ci.isPresent() && id.equals(ci.get().metadata().get(COMMIT_ID))) {
        return new Commit(v, ci.get().metrics());
      }
    }
    return DeltaTables.commitsAfter(spark, path, before).stream()
        .filter(c -> id.equals(c.metadata().get(COMMIT_ID)))
        .findFirst()
        .map(c -> new Commit(c.version(), c.metrics()))
        .orElse(Commit.NONE);
  }

  /**
   * A conflict with a concurrent writer: Delta's conflict exceptions, and a table another writer
   * created between our check and our create (which must then be merged into, not appended to).
   */
  static boolean lostRace(Exception e) {
    return e instanceof DeltaConcurrentModificationException
        || e instanceof LostRace
        || e instanceof org.apache.spark.SparkThrowable t
            && "DELTA_PATH_EXISTS".equals(t.getCondition());
  }

  /**
   * Runs {@code attempt} until it does not lose a race with a concurrent writer of the same table,
   * at most {@value #ATTEMPTS} times with doubling backoff. The attempt must re-read what it
   * depends on, since the other writer changed it.
   */
  public static <T> T retrying(String what, Supplier<T> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (Exception e) {
        // Exception, not RuntimeException: Delta throws AnalysisException (DELTA_PATH_EXISTS),
        // a checked exception Scala does not declare. Precise rethrow keeps the signature.
        if (!lostRace(e) || i >= ATTEMPTS) {
          throw e;
        }
        long wait = FIRST_BACKOFF_MS << (i - 1);
        // Jitter so that writers which collided once do not collide again in lockstep.
        wait += (long) (Math.random() * wait);
        LOG.info(
            "{}: a concurrent writer committed first ({}); retrying in {} ms (attempt {} "
                + "of {})",
            what,
            e.getClass().getSimpleName(),
            wait,
            i + 1,
            ATTEMPTS);
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Commits the {@code rows} whose {@code key} columns match no row of {@code table} (a MERGE that
   * only inserts), so that committing the same rows again changes nothing; the commit's {@code
   * numTargetRowsInserted} says how many were new.
   */
  public static Commit insertNew(
      SparkSession spark,
      String table,
      Dataset<Row> rows,
      List<String> key,
      Map<String, Object> meta) {
    Column on = null;
    for (String k : key) {
      Column eq = org.apache.spark.sql.functions.col("t." + k).equalTo(col("s." + k));
      on = on == null ? eq : on.and(eq);
    }
    Column condition = on;
    return commit(
        spark,
        table,
        meta,
        json ->
            DeltaTable.forPath(spark, table)
                .as("t")
                .merge(rows.as("s"), condition)
                .whenNotMatched()
                .insertAll()
                .execute());
  }

  /** Creates an empty table when there is none; two creators at once are a retried conflict. */
  public static void ensureTable(SparkSession spark, String path, StructType schema) {
    if (DeltaTables.exists(spark, path)) {
      return;
    }
    retrying(
        "create " + path,
        () -> {
          if (!DeltaTables.exists(spark, path)) {
            spark
                .createDataFrame(List.<Row>of(), schema)
                .write()
                .format("delta")
                .mode("append")
                .save(path);
          }
          return null;
        });
  }
}
