package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.layers.StageSummary;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.stages.JobContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shared shape of the lake stages: one dataset in, one summary line out. */
abstract class DatasetCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "Dataset spec name (conf/datasets/NAME.conf), e.g. mnist.")
  String dataset;

  @Spec CommandSpec spec;

  abstract String stage();

  abstract StageSummary run(JobContext ctx, DatasetSpec dataset);

  DatasetSpec datasetSpec(JobContext ctx) {
    return ctx.config().dataset(dataset);
  }

  @Override
  public Integer call() {
    io.lakeforge.datalake.Names.requireDataset(dataset);
    JobContext ctx = common.context(spec, "lakeforge " + stage());
    DatasetSpec ds = datasetSpec(ctx);
    ctx.stage(stage(), stage() + " " + ds.name());
    ctx.println(run(ctx, ds).line());
    return ExitCodes.OK;
  }
}
