package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.jobs.stages.JobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "The model registry: list, show, alias and resolve model versions.",
    subcommands = {
      ModelsCommand.ListVersions.class,
      ModelsCommand.Show.class,
      ModelsCommand.Alias.class,
      ModelsCommand.Resolve.class,
      ModelsCommand.Gc.class
    })
final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: list, show, alias, resolve or gc");
  }

  /** A subcommand of one model reference, resolved before it runs. */
  abstract static class RefCommand extends Subcommand {
    @Parameters(paramLabel = "REF", description = "NAME@VERSION, NAME@latest or NAME@ALIAS.")
    String ref;

    @Override
    public final Integer call() {
      ModelRef r = ModelRef.parse(ref);
      JobContext ctx = context();
      return run(ctx, ctx.registry().resolve(r));
    }

    abstract int run(JobContext ctx, ModelVersion v);
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List registered versions with their metrics, aliases and lineage.")
  static final class ListVersions extends Subcommand {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this model.")
    String name;

    @Override
    public Integer call() {
      JobContext ctx = context();
      ModelRegistry registry = ctx.registry();
      List<ModelVersion> versions = registry.list(name);
      if (versions.isEmpty()) {
        ctx.println("no models registered in " + registry.table());
        return ExitCodes.OK;
      }
      List<Row> aliases = registry.aliasHistory(name);
      ctx.println(
          String.format(
              "%-24s %-7s %-14s %-24s %-18s %s",
              "NAME", "VERSION", "ALGORITHM", "CREATED", "ALIASES", "METRICS / LINEAGE"));
      for (ModelVersion v : versions) {
        Map<String, Object> lineage = DeltaTables.parse(v.lineage());
        ctx.println(
            String.format(
                "%-24s %-7d %-14s %-24s %-18s %s",
                v.name(),
                v.version(),
                v.algorithm(),
                v.createdAt().toInstant().toString().substring(0, 19) + "Z",
                aliasesOf(aliases, registry, v),
                metricsText(v.metrics())));
        ctx.println(
            String.format(
                "%-24s %-7s %-14s %-24s %-18s %s@%s",
                "",
                "",
                "",
                "",
                "",
                lineage.get("features_table"),
                lineage.get("features_version")));
      }
      return ExitCodes.OK;
    }

    private static String aliasesOf(List<Row> history, ModelRegistry registry, ModelVersion v) {
      List<String> out = new ArrayList<>();
      history.stream()
          .filter(r -> r.getString(0).equals(v.name()))
          .map(r -> r.getString(1))
          .distinct()
          .forEach(
              a ->
                  registry
                      .currentAlias(v.name(), a)
                      .filter(x -> x == v.version())
                      .ifPresent(x -> out.add(a)));
      return out.isEmpty() ? "-" : String.join(",", out);
    }
  }

  static String metricsText(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    metrics.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : " ")
                .append(k)
                .append('=')
                .append(String.format("%.4g", v)));
    return sb.toString();
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one version: registry row, model.json and alias history.")
  static final class Show extends RefCommand {
    @Override
    int run(JobContext ctx, ModelVersion v) {
      ctx.println("model:     " + v.ref() + " (" + v.algorithm() + ")");
      ctx.println("artifact:  " + v.artifactUri());
      ctx.println("created:   " + v.createdAt());
      ctx.println("run id:    " + v.runId());
      ctx.println("code:      " + v.codeVersion() + ", Spark " + v.sparkVersion());
      ctx.println("metrics:   " + metricsText(v.metrics()));
      ctx.println("model.json:");
      ctx.println(io.lakeforge.jobs.stages.RegisteredModel.manifestJson(ctx, v));
      for (Row a : ctx.registry().aliasHistory(v.name())) {
        ctx.println(
            String.format(
                "alias %s -> v%d at %s by %s",
                a.getString(1), a.getInt(2), a.getTimestamp(3), a.getString(4)));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "alias",
      mixinStandardHelpOptions = true,
      description = "Point an alias (e.g. production) at a version; the history is kept.")
  static final class Alias extends Subcommand {
    @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "The version.")
    String ref;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias, e.g. production.")
    String alias;

    @Option(names = "--by", paramLabel = "WHO", description = "Who sets it (default: $USER).")
    String by = System.getProperty("user.name", "unknown");

    @Override
    public Integer call() {
      ModelRef r = ModelRef.parse(ref);
      ModelRef.requireAlias(alias);
      JobContext ctx = context();
      ModelVersion v = ctx.registry().resolve(r);
      ctx.registry().setAlias(v.name(), alias, v.version(), by);
      ctx.println(String.format("%s@%s -> %s", v.name(), alias, v.ref()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = "Print the version and artifact a reference points at.")
  static final class Resolve extends RefCommand {
    @Override
    int run(JobContext ctx, ModelVersion v) {
      ctx.println(v.ref() + " " + v.artifactUri());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "gc",
      mixinStandardHelpOptions = true,
      description = {
        "Remove artifact folders no registered version points to: the leftovers of "
            + "training runs that died before registering.",
        "Registered versions are never touched, nor folders newer than --older-than-hours "
            + "(a running job may still be writing them)."
      })
  static final class Gc extends Subcommand {
    @Option(
        names = "--older-than-hours",
        defaultValue = "24",
        paramLabel = "H",
        description = "Only folders untouched for this many hours (default 24).")
    double hours;

    @Override
    public Integer call() {
      requireAtLeast("--older-than-hours", hours, 0, "a number");
      JobContext ctx = context();
      long cutoff = System.currentTimeMillis() - (long) (hours * 3_600_000L);
      List<String> referenced =
          ctx.registry().list(null).stream().map(ModelVersion::artifactUri).toList();
      List<String> removed = ctx.artifacts().removeUnreferenced(referenced, cutoff);
      removed.forEach(r -> ctx.println("removed " + r));
      ctx.println(
          String.format(
              "models gc: removed %d unregistered folder(s) older than %s h " + "under %s",
              removed.size(), hours, ctx.lake().modelsRoot()));
      return ExitCodes.OK;
    }
  }
}
