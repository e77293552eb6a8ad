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

  @Option(
      names = "--model",
      required = true,
      paramLabel = "REF",
      description = "Model reference: NAME@VERSION, NAME@latest or NAME@ALIAS.")
  String model;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Dataset (default: the one the model was trained on).")
  String dataset;

  @Option(
      names = "--split",
      defaultValue = "validation",
      paramLabel = "SPLIT",
      description = "Split whose predictions to show (default validation).")
  String split;

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
    ReportJob.Options o = new ReportJob.Options(model, dataset, split, out);
    JobContext ctx = common.context(spec, "lakeforge report " + model);
    ctx.println(ReportJob.run(ctx, o));
    return ExitCodes.OK;
  }
}
