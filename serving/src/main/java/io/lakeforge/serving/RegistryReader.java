package io.lakeforge.serving;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the model registry ({@code registry/models} and {@code registry/aliases}, Delta tables)
 * without Spark, through Delta Kernel, and resolves a {@link ModelTarget} exactly as the Spark
 * registry does: {@code latest} is the highest version, an alias is the newest alias row by {@code
 * set_at}. Rows are read once per table version, so polling an unchanged registry reads only its
 * log.
 */
public final class RegistryReader {
  /** One registered version, as far as serving needs it. */
  public record Entry(
      String name, int version, String algorithm, String artifactUri, String runId) {
    public String ref() {
      return name + "@" + version;
    }
  }

  private record AliasRow(String name, String alias, int version, long setAtMicros, long order) {}

  private final Engine engine;
  private final String modelsTable;
  private final String aliasesTable;
  private long modelsVersion = -2;
  private List<Entry> models = List.of();
  private long aliasesVersion = -2;
  private List<AliasRow> aliases = List.of();

  /** Reads the two registry tables at these paths (the lake layout's, any Hadoop URI). */
  public RegistryReader(Configuration conf, String modelsTable, String aliasesTable) {
    this.engine = DefaultEngine.create(conf);
    this.modelsTable = modelsTable;
    this.aliasesTable = aliasesTable;
  }

  public String table() {
    return modelsTable;
  }

  /** The version {@code target} points at now, or a {@link ServingException} saying why not. */
  public synchronized Entry resolve(ModelTarget target) {
    List<Entry> versions =
        models().stream()
            .filter(e -> e.name().equals(target.name()))
            .sorted(Comparator.comparingInt(Entry::version))
            .toList();
    if (versions.isEmpty()) {
      throw new ServingException(
          404,
          String.format(
              "model '%s' is not registered in %s; "
                  + "`lakeforge models list` shows the registered models",
              target.name(), modelsTable));
    }
    Integer wanted = target.version();
    if (target.alias() != null) {
      if (target.alias().equals(ModelTarget.LATEST)) {
        return versions.get(versions.size() - 1);
      }
      wanted =
          currentAlias(target.name(), target.alias())
              .orElseThrow(
                  () ->
                      new ServingException(
                          404,
                          String.format(
                              "model '%s' has no alias '%s'; set one with "
                                  + "`lakeforge models alias %s@VERSION %s`",
                              target.name(), target.alias(), target.name(), target.alias())));
    }
    for (Entry e : versions) {
      if (e.version() == wanted) {
        return e;
      }
    }
    throw new ServingException(
        404,
        String.format(
            "model '%s' has no version %d; registered " + "versions: %s",
            target.name(),
            wanted,
            versions.stream().map(e -> String.valueOf(e.version())).toList()));
  }

  private Optional<Integer> currentAlias(String name, String alias) {
    // The Spark registry orders the history by set_at and takes the last row; rows with the same
    // set_at keep their commit order here, which is the order they were appended in.
    return aliases().stream()
        .filter(a -> a.name().equals(name) && a.alias().equals(alias))
        .max(Comparator.comparingLong(AliasRow::setAtMicros).thenComparingLong(AliasRow::order))
        .map(AliasRow::version);
  }

  private List<Entry> models() {
    Optional<Snapshot> snap = snapshot(modelsTable);
    long v = snap.map(Snapshot::getVersion).orElse(-1L);
    if (v != modelsVersion) {
      List<Entry> out = new ArrayList<>();
      snap.ifPresent(
          s ->
              scan(
                  s,
                  r ->
                      out.add(
                          new Entry(
                              str(r, "name"),
                              integer(r, "version"),
                              str(r, "algorithm"),
                              str(r, "artifact_uri"),
                              str(r, "run_id")))));
      models = List.copyOf(out);
      modelsVersion = v;
    }
    return models;
  }

  private List<AliasRow> aliases() {
    Optional<Snapshot> snap = snapshot(aliasesTable);
    long v = snap.map(Snapshot::getVersion).orElse(-1L);
    if (v != aliasesVersion) {
      List<AliasRow> out = new ArrayList<>();
      snap.ifPresent(
          s ->
              scan(
                  s,
                  r ->
                      out.add(
                          new AliasRow(
                              str(r, "name"),
                              str(r, "alias"),
                              integer(r, "version"),
                              r.getLong(r.getSchema().indexOf("set_at")),
                              out.size()))));
      aliases = List.copyOf(out);
      aliasesVersion = v;
    }
    return aliases;
  }

  private Optional<Snapshot> snapshot(String path) {
    try {
      return Optional.of(Table.forPath(engine, path).getLatestSnapshot(engine));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Every row of the snapshot, data files in the order the log lists them (the order they were
   * added for append-only tables such as the alias history).
   */
  private void scan(Snapshot snapshot, Consumer<Row> sink) {
    Scan scan = snapshot.getScanBuilder().build();
    Row state = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, state);
    List<Row> files = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          rows.forEachRemaining(files::add);
        }
      }
      files.sort(
          Comparator.comparing(
              f -> InternalScanFileUtils.getAddFileStatus(f).getModificationTime()));
      for (Row file : files) {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
        try (CloseableIterator<FilteredColumnarBatch> data =
            Scan.transformPhysicalData(
                engine,
                state,
                file,
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status),
                        physical,
                        Optional.empty()))) {
          while (data.hasNext()) {
            try (CloseableIterator<Row> rows = data.next().getRows()) {
              rows.forEachRemaining(sink);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + snapshot + ": " + e.getMessage(), e);
    }
  }

  private static String str(Row r, String column) {
    return r.getString(r.getSchema().indexOf(column));
  }

  private static int integer(Row r, String column) {
    return r.getInt(r.getSchema().indexOf(column));
  }
}
