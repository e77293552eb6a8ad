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

  @Mixin ScoringOptions.ModelOption model;

  @Mixin ScoringOptions.DatasetOption dataset;

  @Mixin ScoringOptions.SplitOption split;

  @Option(
      names = "--threshold",
      paramLabel = "SCORE",
      description =
          "Flag rows scoring above SCORE (randomcutforest's is_anomaly) instead of the model's "
              + "default threshold (mean + 3 standard deviations of the training scores).")
  Double threshold;

  @Override
  public Integer call() {
    TransformJob.Options o =
        new TransformJob.Options(model.ref, dataset.name(), split.name, threshold);
    JobContext ctx = common.context(spec, "lakeforge transform " + model.ref);
    TransformJob.run(ctx, o);
    return ExitCodes.OK;
  }
}
