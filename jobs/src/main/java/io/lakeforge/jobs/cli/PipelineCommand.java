package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.stages.JobContext;
import io.lakeforge.jobs.stages.PipelineJob;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Run ingest -> curate -> featurize -> train -> transform -> report in one "
          + "Spark application, skipping stages whose inputs did not change.",
      "The last line printed is the path of report.html."
    },
    footer = {"Example: lakeforge pipeline --spec conf/pipelines/mnist-kmeans.conf"})
final class PipelineCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "FILE",
      description = "Pipeline spec, e.g. conf/pipelines/mnist-kmeans.conf.")
  File specFile;

  @Option(
      names = "--hp",
      paramLabel = "NAME=VALUE",
      description = "Override a hyperparameter of the spec. Repeatable.")
  Map<String, String> hyperparameters = new LinkedHashMap<>();

  @Option(names = "--force", description = "Train a new version even if nothing changed.")
  boolean force;

  @Override
  public Integer call() {
    File file = CommonOptions.specFile(specFile);
    PipelineJob.Spec p = PipelineJob.parse(file, hyperparameters, force);
    JobContext ctx = common.context(spec, "lakeforge pipeline " + p.train().modelName());
    ctx.config().dataset(p.dataset());
    String report = PipelineJob.run(ctx, p);
    if (report != null) {
      ctx.println(report);
    }
    return ExitCodes.OK;
  }
}
