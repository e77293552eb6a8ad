package io.lakeforge.jobs.cli;

import io.delta.tables.DeltaTable;
import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.jobs.stages.JobContext;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lake", mixinStandardHelpOptions = true,
    description = "Inspect the lake's Delta tables.",
    subcommands = {LakeCommand.Show.class})
final class LakeCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: show");
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Show a table's schema, row count and Delta history.",
          "TABLE is lake-relative (raw/mnist, curated/mnist, quarantine/mnist, features/mnist, "
              + "predictions/NAME, registry/models) or a full URI."})
  static final class Show implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TABLE", description = "The table to show.")
    String table;

    @Option(names = "--history", defaultValue = "10", paramLabel = "N",
        description = "How many history entries to print (default 10).")
    int history;

    @Override
    public Integer call() {
      JobContext ctx = common.context(spec, "lakeforge lake show");
      String path = table.contains("://") || table.startsWith("/") ? table
          : ctx.lake().table(table);
      SparkSession spark = ctx.spark();
      if (!DeltaTables.exists(spark, path)) {
        throw new InvalidInputException("no Delta table at " + path);
      }
      Dataset<Row> df = spark.read().format("delta").load(path);
      long version = DeltaTables.latestVersion(spark, path);
      ctx.println("table:   " + path);
      ctx.println("version: " + version);
      ctx.println("rows:    " + df.count());
      ctx.println("schema:");
      ctx.println(df.schema().treeString().stripTrailing());
      ctx.println("history (newest first):");
      List<Row> rows = DeltaTable.forPath(spark, path).history(history)
          .select("version", "timestamp", "operation", "operationMetrics", "userMetadata")
          .collectAsList();
      for (Row r : rows) {
        java.util.Map<String, String> m = r.isNullAt(3) ? java.util.Map.of() : r.getJavaMap(3);
        String meta = r.isNullAt(4) ? "" : r.getString(4);
        if (meta.length() > 160) {
          meta = meta.substring(0, 157) + "...";
        }
        ctx.println(String.format("  v%-4d %s  %-18s rows written %-7s %s", r.getLong(0),
            r.getTimestamp(1), r.getString(2), m.getOrDefault("numOutputRows",
                m.getOrDefault("numTargetRowsInserted", "-")), meta));
      }
      return ExitCodes.OK;
    }
  }
}
