package io.lakeforge.datalake.registry;

import io.lakeforge.datalake.TablePaths;
import io.lakeforge.datalake.delta.DeltaTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The table versions registered models depend on, following each model's lineage down the lake: the
 * features version it was trained on, the curated version those features were built from, and the
 * raw version that curated commit processed (recorded in its commit metadata). Time travel to any
 * of them must keep working, so maintenance such as VACUUM asks here first.
 */
public final class LineagePins {
  /**
   * One pinned version of a table, the model that pins it and how, e.g. {@code was trained on
   * version 3} or {@code was trained on features built from version 5}.
   */
  public record Pin(String table, long version, String model, String how) {}

  static final String RAW_VERSION = "raw_version";
  static final String SOURCE_TABLE = "source_table";

  private LineagePins() {}

  /** Every pin of every version in {@code versions}. */
  public static List<Pin> of(SparkSession spark, List<ModelVersion> versions) {
    List<Pin> pins = new ArrayList<>();
    Map<String, Map<String, Object>> commits = new HashMap<>();
    for (ModelVersion v : versions) {
      Map<String, Object> lineage = DeltaTables.parse(v.lineage());
      add(
          pins,
          lineage.get("features_table"),
          lineage.get("features_version"),
          v.ref(),
          "was trained on version ");
      Object curated = lineage.get("curated_table");
      Object curatedVersion = lineage.get("curated_version");
      if (add(
          pins, curated, curatedVersion, v.ref(), "was trained on features built from version ")) {
        String key = curated + "@" + curatedVersion;
        Map<String, Object> meta =
            commits.computeIfAbsent(
                key,
                k ->
                    curatedCommit(
                        spark, curated.toString(), ((Number) curatedVersion).longValue()));
        add(
            pins,
            meta.get(SOURCE_TABLE),
            meta.get(RAW_VERSION),
            v.ref(),
            "was trained on data curated from version ");
      }
    }
    return pins;
  }

  /** The pins on {@code table} (any spelling of it) among {@code pins}. */
  public static List<Pin> on(Configuration conf, String table, List<Pin> pins) {
    String wanted = TablePaths.canonical(conf, table);
    return pins.stream().filter(p -> TablePaths.canonical(conf, p.table()).equals(wanted)).toList();
  }

  private static Map<String, Object> curatedCommit(SparkSession spark, String table, long version) {
    if (!DeltaTables.exists(spark, table)) {
      return Map.of();
    }
    return DeltaTables.commitMetadata(spark, table, version);
  }

  private static boolean add(
      List<Pin> pins, Object table, Object version, String model, String how) {
    if (table == null || !(version instanceof Number n)) {
      return false;
    }
    pins.add(new Pin(table.toString(), n.longValue(), model, how + n.longValue()));
    return true;
  }
}
