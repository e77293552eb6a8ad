package io.lakeforge.datalake.registry;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaCommits;
import io.lakeforge.datalake.delta.DeltaTables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The trials of every tuning job: a Delta table {@code registry/tuning} with one row per finished
 * trial, keyed by (tuning id, trial number from 1). A trial is recorded by a MERGE that inserts
 * only a new key, so recording it again (a retried commit, a resumed job) changes nothing.
 */
public final class TuningLog {
  static final StructType SCHEMA =
      new StructType()
          .add("tuning_id", DataTypes.StringType, false)
          .add("trial", DataTypes.IntegerType, false)
          .add("model_name", DataTypes.StringType, false)
          .add("algorithm", DataTypes.StringType, false)
          .add("strategy", DataTypes.StringType, false)
          .add("spec_fingerprint", DataTypes.StringType, false)
          .add("hyperparameters", DataTypes.StringType, false)
          .add("varied", DataTypes.StringType, false)
          .add("objective_metric", DataTypes.StringType, false)
          .add("objective_goal", DataTypes.StringType, false)
          .add("objective", DataTypes.DoubleType, true)
          .add(
              "metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false)
          .add("intermediate", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("status", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, true)
          .add("seconds", DataTypes.DoubleType, false)
          .add("features_table", DataTypes.StringType, false)
          .add("features_version", DataTypes.LongType, false)
          .add("finished_at", DataTypes.TimestampType, false);

  private final SparkSession spark;
  private final String table;
  private boolean created;

  public TuningLog(SparkSession spark, LakeLayout lake) {
    this.spark = spark;
    this.table = lake.registryTuning();
  }

  public String table() {
    return table;
  }

  /** Records a finished trial; recording the same (tuning id, trial) twice keeps the first. */
  public void record(TrialRecord t) {
    if (!created) {
      // Once per job, not per trial: the check reads the table's log.
      DeltaCommits.ensureTable(spark, table, SCHEMA);
      created = true;
    }
    Dataset<Row> df = spark.createDataFrame(List.of(toRow(t)), SCHEMA);
    Map<String, Object> meta =
        Map.of("stage", "tune", "tuning_id", t.tuningId(), "trial", t.trial());
    DeltaCommits.retrying(
        "record trial " + t.trial() + " of " + t.tuningId(),
        () -> DeltaCommits.insertNew(spark, table, df, List.of("tuning_id", "trial"), meta));
  }

  /** The recorded trials of one tuning job, by trial number; empty for an unknown id. */
  public List<TrialRecord> trials(String tuningId) {
    if (!DeltaTables.exists(spark, table)) {
      return List.of();
    }
    List<TrialRecord> out = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(table)
            .where(col("tuning_id").equalTo(tuningId))
            .collectAsList()) {
      out.add(fromRow(r));
    }
    out.sort(Comparator.comparingInt(TrialRecord::trial));
    return out;
  }

  private static Row toRow(TrialRecord t) {
    return RowFactory.create(
        t.tuningId(),
        t.trial(),
        t.modelName(),
        t.algorithm(),
        t.strategy(),
        t.specFingerprint(),
        t.hyperparameters(),
        t.varied(),
        t.objectiveMetric(),
        t.objectiveGoal(),
        t.objective(),
        scala.jdk.javaapi.CollectionConverters.asScala(t.metrics()),
        scala.jdk.javaapi.CollectionConverters.asScala(t.intermediate()).toSeq(),
        t.status(),
        t.reason(),
        t.seconds(),
        t.featuresTable(),
        t.featuresVersion(),
        t.finishedAt());
  }

  private static TrialRecord fromRow(Row r) {
    Map<String, Double> metrics = new java.util.TreeMap<>();
    r.<String, Object>getJavaMap(11).forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
    List<Double> intermediate = new ArrayList<>();
    r.<Object>getList(12).forEach(v -> intermediate.add(((Number) v).doubleValue()));
    return new TrialRecord(
        r.getString(0),
        r.getInt(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.isNullAt(10) ? null : r.getDouble(10),
        metrics,
        intermediate,
        r.getString(13),
        r.isNullAt(14) ? null : r.getString(14),
        r.getDouble(15),
        r.getString(16),
        r.getLong(17),
        r.getTimestamp(18));
  }
}
