package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.registry.TrialRecord;
import io.lakeforge.datalake.registry.TuningLog;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.jobs.stages.JobContext;
import io.lakeforge.jobs.stages.TuneJob;
import io.lakeforge.tuning.TuningSpec;
import io.lakeforge.tuning.TuningSpecException;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Search hyperparameters: run the trials of a tuning spec (random, grid, bayesian or "
          + "hyperband) on the latest features version, cached once, several at a time as "
          + "concurrent Spark jobs; record every trial in registry/tuning and register the best.",
      "A killed job continues with --resume TUNING_ID, re-running no recorded trial."
    },
    subcommands = {TuneCommand.Show.class},
    footer = {
      "Examples: lakeforge tune --spec conf/tuning/mnist-linear-learner.conf",
      "          lakeforge tune --spec conf/tuning/mnist-kmeans.conf --resume "
          + "tune-20261204T021500Z-1a2b3c4d",
      "          lakeforge tune show tune-20261204T021500Z-1a2b3c4d"
    })
final class TuneCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "Tuning spec, e.g. conf/tuning/mnist-linear-learner.conf.")
  File specFile;

  @Option(
      names = "--resume",
      paramLabel = "TUNING_ID",
      description = "Continue a killed tuning job of the same spec.")
  String resumeId;

  @Mixin PartitionsOption partitions;

  @Override
  public Integer call() {
    if (specFile == null) {
      throw new UsageException("--spec FILE is required (or a subcommand: show TUNING_ID)");
    }
    File file = CommonOptions.specFile(specFile);
    TuningSpec s;
    try {
      s = TuningSpec.read(file);
    } catch (TuningSpecException e) {
      throw new UsageException(e.getMessage());
    }
    TuneJob.Options o = new TuneJob.Options(s, resumeId, partitions.partitions);
    JobContext ctx = common.context(spec, "lakeforge tune " + s.modelName());
    ctx.config().dataset(s.dataset());
    TuneJob.run(ctx, o);
    return ExitCodes.OK;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the trials of a tuning job, best objective first.")
  static final class Show extends Subcommand {
    @Parameters(paramLabel = "TUNING_ID", description = "The id `tune` printed.")
    String tuningId;

    @Override
    public Integer call() {
      JobContext ctx = context();
      TuningLog log = new TuningLog(ctx.spark(), ctx.lake());
      List<TrialRecord> trials = new ArrayList<>(log.trials(tuningId));
      if (trials.isEmpty()) {
        throw new UsageException("no tuning job " + tuningId + " in " + log.table());
      }
      TrialRecord first = trials.get(0);
      trials.sort(byObjective(first.maximize()));
      ctx.println(
          String.format(
              "%s: %s %s, %s %s, %d trials on %s@%d",
              tuningId,
              first.strategy(),
              first.algorithm(),
              first.objectiveGoal(),
              first.objectiveMetric(),
              trials.size(),
              first.featuresTable(),
              first.featuresVersion()));
      ctx.println(
          String.format(
              "%-6s %-10s %-12s %-8s %s",
              "TRIAL", "STATUS", "OBJECTIVE", "SECONDS", "HYPERPARAMETERS"));
      for (TrialRecord t : trials) {
        ctx.println(
            String.format(
                "%-6d %-10s %-12s %-8.1f %s%s",
                t.trial(),
                t.status(),
                t.objective() == null ? "-" : String.format("%.6g", t.objective()),
                t.seconds(),
                t.varied(),
                t.reason() == null ? "" : "  (" + t.reason() + ")"));
      }
      return ExitCodes.OK;
    }

    /** Best first; trials without an objective (failed) last; ties by trial number. */
    static Comparator<TrialRecord> byObjective(boolean maximize) {
      Comparator<TrialRecord> objective =
          Comparator.comparing(
              TrialRecord::objective,
              Comparator.nullsLast(
                  maximize
                      ? Comparator.<Double>reverseOrder()
                      : Comparator.<Double>naturalOrder()));
      return objective.thenComparingInt(TrialRecord::trial);
    }
  }
}
