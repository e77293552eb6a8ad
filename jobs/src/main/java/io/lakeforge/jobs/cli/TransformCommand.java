package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.stages.JobContext;
import io.lakeforge.jobs.stages.TransformJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = {
      "Batch inference: score a dataset split with a registered model version into "
          + "predictions/<model> (Delta)."
    },
    footer = {
      "Example: lakeforge transform --model mnist-kmeans@latest --dataset mnist "
          + "--split validation"
    })
final class TransformCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "REF",
      description = "Model reference: NAME@VERSION, NAME@latest or NAME@ALIAS.")
  String model;

  @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset.")
  String dataset;

  @Option(
      names = "--split",
      defaultValue = "validation",
      paramLabel = "SPLIT",
      description = "validation (default), train or all.")
  String split;

  @Override
  public Integer call() {
    io.lakeforge.datalake.Names.requireDataset(dataset);
    TransformJob.Options o = new TransformJob.Options(model, dataset, split);
    JobContext ctx = common.context(spec, "lakeforge transform " + model);
    TransformJob.run(ctx, o);
    return ExitCodes.OK;
  }
}
