package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.layers.RawLayer;
import io.lakeforge.datalake.layers.StageSummary;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.stages.JobContext;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest a dataset's source files into raw/<dataset> (Delta), with lineage.",
      "A source whose checksum was already ingested adds nothing."
    })
final class IngestCommand extends DatasetCommand {
  @Option(
      names = "--source",
      paramLabel = "ROLE=PATH",
      description =
          "Replace a source file of the spec, e.g. --source images=/data/x.idx.gz "
              + "(IDX roles: images, labels; other formats: path).")
  Map<String, String> sources = new LinkedHashMap<>();

  @Override
  String stage() {
    return "ingest";
  }

  @Override
  DatasetSpec datasetSpec(JobContext ctx) {
    return super.datasetSpec(ctx).withSources(sources);
  }

  @Override
  StageSummary run(JobContext ctx, DatasetSpec dataset) {
    return RawLayer.ingest(ctx.spark(), ctx.lake(), dataset, ctx.runDate());
  }
}
