package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.layers.CuratedLayer;
import io.lakeforge.datalake.layers.StageSummary;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.stages.JobContext;
import picocli.CommandLine.Command;

@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate new raw batches into curated/<dataset>; failing rows go to "
          + "quarantine/<dataset> with the rule they broke.",
      "Prints the invariant: raw rows = curated + quarantined + duplicates."
    })
final class CurateCommand extends DatasetCommand {
  @Override
  String stage() {
    return "curate";
  }

  @Override
  StageSummary run(JobContext ctx, DatasetSpec dataset) {
    return CuratedLayer.curate(ctx.spark(), ctx.lake(), dataset);
  }
}
