package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.stages.JobContext;
import io.lakeforge.jobs.stages.ReportJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write report.html for a model version: metrics, the model's figures (for "
          + "K-Means on images clusters.png beside it, validation images grouped by cluster), the "
          + "cost curve, hyperparameters and lineage. Prints the report's path."
    })
final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Mixin ScoringOptions.ModelOption model;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Dataset (default: the one the model was trained on).")
  String dataset;

  @Mixin ScoringOptions.SplitOption split;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: <lake>/reports/<model>/v<N>).")
  String out;

  @Override
  public Integer call() {
    if (dataset != null) {
      io.lakeforge.datalake.Names.requireDataset(dataset);
    }
    ReportJob.Options o = new ReportJob.Options(model.ref, dataset, split.name, out);
    JobContext ctx = common.context(spec, "lakeforge report " + model.ref);
    ctx.println(ReportJob.run(ctx, o));
    return ExitCodes.OK;
  }
}
