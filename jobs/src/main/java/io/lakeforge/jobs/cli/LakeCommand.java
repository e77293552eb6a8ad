package io.lakeforge.jobs.cli;

import io.delta.tables.DeltaTable;
import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.TablePaths;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.LineagePins;
import io.lakeforge.jobs.stages.JobContext;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lake",
    mixinStandardHelpOptions = true,
    description = "Inspect the lake's Delta tables.",
    subcommands = {LakeCommand.Show.class, LakeCommand.Profile.class, LakeCommand.Vacuum.class})
final class LakeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: show, profile or vacuum");
  }

  /** A lake-relative table name or a full URI, resolved and checked to be a Delta table. */
  static String existingTable(JobContext ctx, String table) {
    String path = TablePaths.resolve(ctx.lake(), table);
    if (!DeltaTables.exists(ctx.spark(), path)) {
      throw new InvalidInputException("no Delta table at " + path);
    }
    return path;
  }

  /**
   * A subcommand of one table, checked before Spark starts: lake-relative (raw/mnist,
   * features/mnist, registry/models) or a full URI.
   */
  abstract static class TableCommand extends Subcommand {
    @Parameters(
        paramLabel = "TABLE",
        description = "Lake-relative (e.g. features/mnist) or a full URI.")
    String table;

    @Override
    JobContext context() {
      JobContext ctx = super.context();
      TablePaths.resolve(ctx.lake(), table);
      return ctx;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Show a table's schema, row count and Delta history.",
        "TABLE is lake-relative (raw/mnist, curated/mnist, quarantine/mnist, features/mnist, "
            + "predictions/NAME, registry/models) or a full URI."
      })
  static final class Show extends TableCommand {
    @Option(
        names = "--history",
        defaultValue = "10",
        paramLabel = "N",
        description = "How many history entries to print (default 10).")
    int history;

    @Override
    public Integer call() {
      JobContext ctx = context();
      SparkSession spark = ctx.spark();
      String path = existingTable(ctx, table);
      Dataset<Row> df = spark.read().format("delta").load(path);
      long version = DeltaTables.latestVersion(spark, path);
      ctx.println("table:   " + path);
      ctx.println("version: " + version);
      ctx.println("rows:    " + df.count());
      ctx.println("schema:");
      ctx.println(df.schema().treeString().stripTrailing());
      ctx.println("history (newest first):");
      List<Row> rows =
          DeltaTable.forPath(spark, path)
              .history(history)
              .select("version", "timestamp", "operation", "operationMetrics", "userMetadata")
              .collectAsList();
      for (Row r : rows) {
        java.util.Map<String, String> m = r.isNullAt(3) ? java.util.Map.of() : r.getJavaMap(3);
        String meta = r.isNullAt(4) ? "" : r.getString(4);
        if (meta.length() > 160) {
          meta = meta.substring(0, 157) + "...";
        }
        ctx.println(
            String.format(
                "  v%-4d %s  %-18s rows written %-7s %s",
                r.getLong(0),
                r.getTimestamp(1),
                r.getString(2),
                m.getOrDefault("numOutputRows", m.getOrDefault("numTargetRowsInserted", "-")),
                meta));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "profile",
      mixinStandardHelpOptions = true,
      description = {
        "Profile a table before writing a feature spec: per column the count, "
            + "nulls, distinct values, min / max / mean or the most frequent values; printed and "
            + "written as a small HTML page (its path is the last line).",
        "TABLE is lake-relative (raw/penguins, curated/penguins, ...) or a full URI."
      })
  static final class Profile extends TableCommand {
    @Option(
        names = "--top",
        defaultValue = "5",
        paramLabel = "N",
        description = "How many of the most frequent values to show per column (default 5).")
    int top;

    @Option(
        names = "--html",
        paramLabel = "PATH",
        description = "Where to write the page (default LAKE/reports/profiles/TABLE.html).")
    String html;

    @Override
    public Integer call() {
      requireAtLeast("--top", top, 1, "a number");
      JobContext ctx = context();
      SparkSession spark = ctx.spark();
      String path = existingTable(ctx, table);
      ctx.stage("profile", "profile " + path);
      long version = DeltaTables.latestVersion(spark, path);
      io.lakeforge.datalake.profile.TableProfile p =
          io.lakeforge.datalake.profile.TableProfile.of(
              DeltaTables.readVersion(spark, path, version), path, version, top);
      p.lines().forEach(ctx::println);
      String out =
          html != null
              ? html
              : ctx.lake().root() + "/reports/profiles/" + profileName(ctx, path) + ".html";
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(out);
      try {
        org.apache.hadoop.fs.FileSystem fs =
            file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (java.io.OutputStream o = fs.create(file, true)) {
          o.write(
              io.lakeforge.datalake.profile.ProfilePage.html(p, java.time.Instant.now().toString())
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
      }
      ctx.println(out);
      return ExitCodes.OK;
    }

    /** {@code curated-penguins} for a table under the lake, the last folder names otherwise. */
    private static String profileName(JobContext ctx, String path) {
      String root = ctx.lake().root() + "/";
      String rel =
          path.startsWith(root)
              ? path.substring(root.length())
              : new org.apache.hadoop.fs.Path(path).getName();
      return rel.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
  }

  @Command(
      name = "vacuum",
      mixinStandardHelpOptions = true,
      description = {
        "VACUUM a table, refusing to delete the files of a version that a "
            + "registered model was trained on (time travel to it must keep working)."
      })
  static final class Vacuum extends TableCommand {
    @Option(
        names = "--retain-hours",
        defaultValue = "168",
        paramLabel = "H",
        description = "Keep files needed by versions newer than this (default 168 = 7 days).")
    double retainHours;

    @Option(names = "--force", description = "Vacuum even below a pinned version.")
    boolean force;

    @Override
    public Integer call() {
      requireAtLeast("--retain-hours", retainHours, 0, "a number of hours");
      JobContext ctx = context();
      SparkSession spark = ctx.spark();
      String path = existingTable(ctx, table);
      long cutoff = System.currentTimeMillis() - (long) (retainHours * 3_600_000L);
      // Features, curated and raw versions a registered model depends on, whatever spelling
      // of the table the user typed.
      List<LineagePins.Pin> pins =
          LineagePins.on(
              spark.sparkContext().hadoopConfiguration(),
              path,
              LineagePins.of(spark, ctx.registry().list(null)));
      for (LineagePins.Pin pin : pins) {
        List<Row> h =
            DeltaTable.forPath(spark, path)
                .history()
                .where("version = " + pin.version())
                .select("timestamp")
                .collectAsList();
        if (!h.isEmpty() && h.get(0).getTimestamp(0).getTime() < cutoff && !force) {
          throw new InvalidInputException(
              String.format(
                  "refusing to vacuum %s with "
                      + "--retain-hours %s: %s %s (committed %s), whose files it could delete; keep "
                      + "more hours or pass --force",
                  path, retainHours, pin.model(), pin.how(), h.get(0).getTimestamp(0)));
        }
      }
      ctx.stage("vacuum", "vacuum " + path);
      DeltaTable.forPath(spark, path).vacuum(retainHours);
      ctx.println("vacuumed " + path + " keeping " + retainHours + " h");
      return ExitCodes.OK;
    }
  }
}
