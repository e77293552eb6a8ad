package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.layers.FeaturesLayer;
import io.lakeforge.datalake.layers.StageSummary;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.stages.JobContext;
import picocli.CommandLine.Command;

@Command(
    name = "featurize",
    mixinStandardHelpOptions = true,
    description = {
      "Build features/<dataset> (id, features, label, split) from the latest "
          + "curated version, recording the fitted feature spec and the curated version used."
    })
final class FeaturizeCommand extends DatasetCommand {
  @Override
  String stage() {
    return "featurize";
  }

  @Override
  StageSummary run(JobContext ctx, DatasetSpec dataset) {
    return FeaturesLayer.featurize(ctx.spark(), ctx.lake(), dataset);
  }
}
