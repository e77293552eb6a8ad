package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.stages.InvokeJob;
import io.lakeforge.jobs.stages.JobContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Sends records of a dataset split to a running endpoint (lakeforge serve), "
          + "counts how many of its predictions agree with transform's for the same ids, and "
          + "writes invoke.html + invoke.png (the records grouped by the cluster or label the "
          + "endpoint returned). Exit 1 when any prediction disagrees."
    },
    footer = {
      "Example: lakeforge invoke --endpoint http://127.0.0.1:8080 --dataset mnist "
          + "--split validation --limit 100"
    })
final class InvokeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "URL",
      description = "The endpoint, e.g. http://127.0.0.1:8080.")
  String endpoint;

  @Mixin ScoringOptions.DatasetOption dataset;

  @Mixin ScoringOptions.SplitOption split;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Records to send (default 100; the lowest ids of the split).")
  int limit;

  @Override
  public Integer call() {
    InvokeJob.Options o = new InvokeJob.Options(endpoint, dataset.name(), split.name, limit);
    JobContext ctx = common.context(spec, "lakeforge invoke " + o.dataset());
    InvokeJob.Result r = InvokeJob.run(ctx, o);
    return r.agreeing() == r.sent() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
