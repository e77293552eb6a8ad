package io.lakeforge.datalake.registry;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaCommits;
import io.lakeforge.datalake.delta.DeltaTables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The model registry: a Delta table {@code registry/models} with one immutable row per version, and
 * an append-only alias history {@code registry/aliases} ({@code production → v3}, when, by whom). A
 * version exists once its row is committed, and only then.
 */
public final class ModelRegistry {
  static final StructType MODELS_SCHEMA =
      new StructType()
          .add("name", DataTypes.StringType, false)
          .add("version", DataTypes.IntegerType, false)
          .add("algorithm", DataTypes.StringType, false)
          .add("hyperparameters", DataTypes.StringType, false)
          .add(
              "metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false)
          .add("lineage", DataTypes.StringType, false)
          .add("artifact_uri", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("input_fingerprint", DataTypes.StringType, false)
          .add("code_version", DataTypes.StringType, false)
          .add("spark_version", DataTypes.StringType, false)
          .add("created_at", DataTypes.TimestampType, false);

  static final StructType ALIASES_SCHEMA =
      new StructType()
          .add("name", DataTypes.StringType, false)
          .add("alias", DataTypes.StringType, false)
          .add("version", DataTypes.IntegerType, false)
          .add("set_at", DataTypes.TimestampType, false)
          .add("set_by", DataTypes.StringType, false);

  private static final int MAX_VERSION_ATTEMPTS = 20;

  private long cachedVersion = -2;
  private List<ModelVersion> cachedRows = List.of();

  private final SparkSession spark;
  private final String modelsTable;
  private final String aliasesTable;

  public ModelRegistry(SparkSession spark, LakeLayout lake) {
    this.spark = spark;
    this.modelsTable = lake.registryModels();
    this.aliasesTable = lake.registryAliases();
  }

  public String table() {
    return modelsTable;
  }

  /** The next free version number for {@code name} (1 for a new name). */
  public int nextVersion(String name) {
    return nextVersion(list(name));
  }

  private static int nextVersion(List<ModelVersion> versionsOfOneModel) {
    return versionsOfOneModel.stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
  }

  /**
   * Registers {@code draft} as the next version of its model and returns the row as committed. The
   * version number is claimed by the commit itself (a MERGE that inserts only when the (name,
   * version) is new), so concurrent registrations of one model end with distinct versions: a
   * conflict or a taken number means another try with a fresh read. When the commit fails in a way
   * that leaves open whether it landed, the row is looked up by its run id; if that cannot tell
   * either, {@link CommitStateUnknownException} says how to check, and nothing is cleaned up.
   */
  public ModelVersion register(ModelVersion draft) {
    DeltaCommits.ensureTable(spark, modelsTable, MODELS_SCHEMA);
    for (int attempt = 1; attempt <= MAX_VERSION_ATTEMPTS; attempt++) {
      Optional<ModelVersion> done;
      try {
        done = DeltaCommits.retrying("register " + draft.name(), () -> claim(draft));
      } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
        throw e;
      } catch (RuntimeException e) {
        return confirmed(draft, e);
      }
      if (done.isPresent()) {
        return done.get();
      }
    }
    throw new IllegalStateException(
        "could not claim a version of "
            + draft.name()
            + " in "
            + MAX_VERSION_ATTEMPTS
            + " attempts: too many concurrent registrations");
  }

  /** One try: the row of this run if it landed already, else a MERGE of the next version. */
  private Optional<ModelVersion> claim(ModelVersion draft) {
    // One read of the table serves both questions; the MERGE below re-checks the number anyway.
    List<ModelVersion> versions = list(draft.name());
    Optional<ModelVersion> mine = ofRun(versions, draft.runId());
    if (mine.isPresent()) {
      return mine;
    }
    ModelVersion v = draft.withVersion(nextVersion(versions));
    Row row =
        RowFactory.create(
            v.name(),
            v.version(),
            v.algorithm(),
            v.hyperparameters(),
            scala.jdk.javaapi.CollectionConverters.asScala(v.metrics()),
            v.lineage(),
            v.artifactUri(),
            v.runId(),
            v.inputFingerprint(),
            v.codeVersion(),
            v.sparkVersion(),
            v.createdAt());
    Dataset<Row> df = spark.createDataFrame(List.of(row), MODELS_SCHEMA);
    Map<String, Object> meta = Map.of("stage", "register", "model", v.ref(), "run_id", v.runId());
    DeltaCommits.Commit c =
        DeltaCommits.insertNew(spark, modelsTable, df, List.of("name", "version"), meta);
    // 0 inserted: another run took this version between our read and our commit; try the next.
    return c.metric("numTargetRowsInserted") == 1 ? Optional.of(v) : Optional.empty();
  }

  /** After a failure that is not a plain conflict: the row if it landed, else "unknown". */
  private ModelVersion confirmed(ModelVersion draft, RuntimeException failure) {
    try {
      Optional<ModelVersion> landed = byRunId(draft.name(), draft.runId());
      if (landed.isPresent()) {
        return landed.get();
      }
    } catch (RuntimeException again) {
      failure.addSuppressed(again);
    }
    throw new CommitStateUnknownException(
        String.format(
            "could not confirm whether %s (run %s) "
                + "was registered: %s; check with `lakeforge models list %s` before retrying; its "
                + "artifact %s is kept",
            draft.name(), draft.runId(), firstLine(failure), draft.name(), draft.artifactUri()),
        failure);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  /** The version registered by training run {@code runId}, if its row was committed. */
  public Optional<ModelVersion> byRunId(String name, String runId) {
    return ofRun(list(name), runId);
  }

  private static Optional<ModelVersion> ofRun(List<ModelVersion> versions, String runId) {
    return versions.stream().filter(v -> v.runId().equals(runId)).findFirst();
  }

  public List<ModelVersion> list(String nameOrNull) {
    return rows().stream().filter(v -> nameOrNull == null || v.name().equals(nameOrNull)).toList();
  }

  /**
   * Every row, ordered by name and version: read once per table version (finding the version reads
   * the log, no Spark job), so a command that resolves several references reads the table once.
   */
  private synchronized List<ModelVersion> rows() {
    long version = DeltaTables.latestVersion(spark, modelsTable);
    if (version != cachedVersion) {
      List<ModelVersion> out = new ArrayList<>();
      if (version >= 0) {
        for (Row r :
            spark
                .read()
                .format("delta")
                .option("versionAsOf", version)
                .load(modelsTable)
                .collectAsList()) {
          out.add(fromRow(r));
        }
        // Sorted here, not by Spark: a sort is two more Spark jobs for a table of a few rows.
        out.sort(
            java.util.Comparator.comparing(ModelVersion::name)
                .thenComparingInt(ModelVersion::version));
      }
      cachedRows = List.copyOf(out);
      cachedVersion = version;
    }
    return cachedRows;
  }

  /** Resolves {@code name@3}, {@code name@latest} or {@code name@alias}, or fails clearly. */
  public ModelVersion resolve(ModelRef ref) {
    List<ModelVersion> versions = list(ref.name());
    if (versions.isEmpty()) {
      throw new InvalidInputException(
          String.format(
              "model '%s' is not registered in %s; "
                  + "`lakeforge models list` shows the registered models",
              ref.name(), modelsTable));
    }
    Integer wanted = ref.version();
    if (ref.alias() != null) {
      if (ref.alias().equals("latest")) {
        return versions.get(versions.size() - 1);
      }
      wanted =
          currentAlias(ref.name(), ref.alias())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          String.format(
                              "model '%s' has no alias '%s'; set one with `lakeforge models alias "
                                  + "%s@VERSION %s`",
                              ref.name(), ref.alias(), ref.name(), ref.alias())));
    }
    for (ModelVersion v : versions) {
      if (v.version() == wanted) {
        return v;
      }
    }
    throw new InvalidInputException(
        String.format(
            "model '%s' has no version %d; registered " + "versions: %s",
            ref.name(), wanted, versions.stream().map(v -> String.valueOf(v.version())).toList()));
  }

  /** The newest registered version of {@code name} trained from exactly these inputs. */
  public Optional<ModelVersion> findByFingerprint(String name, String fingerprint) {
    return list(name).stream()
        .filter(v -> v.inputFingerprint().equals(fingerprint))
        .reduce((a, b) -> b);
  }

  /** Points {@code alias} at a registered version by appending to the alias history. */
  public void setAlias(String name, String alias, int version, String setBy) {
    ModelRef.requireAlias(alias);
    resolve(new ModelRef(name, version, null));
    Row row =
        RowFactory.create(name, alias, version, new Timestamp(System.currentTimeMillis()), setBy);
    Dataset<Row> df = spark.createDataFrame(List.of(row), ALIASES_SCHEMA);
    // A blind append: concurrent alias changes never conflict; the newest row wins.
    DeltaCommits.retrying(
        "alias " + name,
        () ->
            DeltaCommits.commit(
                spark,
                aliasesTable,
                Map.of("stage", "alias", "alias", name + "@" + alias + " -> " + version),
                json -> DeltaCommits.writer(df, "append", json).save(aliasesTable)));
  }

  public Optional<Integer> currentAlias(String name, String alias) {
    return aliasHistory(name).stream()
        .filter(r -> r.getString(1).equals(alias))
        .reduce((a, b) -> b)
        .map(r -> r.getInt(2));
  }

  /** Alias rows for {@code name} (or all when null), oldest first. */
  public List<Row> aliasHistory(String nameOrNull) {
    if (!DeltaTables.exists(spark, aliasesTable)) {
      return List.of();
    }
    Dataset<Row> df = spark.read().format("delta").load(aliasesTable);
    if (nameOrNull != null) {
      df = df.where(col("name").equalTo(nameOrNull));
    }
    return df.orderBy("set_at").collectAsList();
  }

  private static ModelVersion fromRow(Row r) {
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    Map<String, Object> raw = r.getJavaMap(4);
    new java.util.TreeMap<>(raw).forEach((k, val) -> metrics.put(k, ((Number) val).doubleValue()));
    return new ModelVersion(
        r.getString(0),
        r.getInt(1),
        r.getString(2),
        r.getString(3),
        metrics,
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.getString(10),
        r.getTimestamp(11));
  }
}
