package io.lakeforge.jobs.cli;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.jobs.stages.JobContext;
import io.lakeforge.jobs.stages.TrainJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model on the latest features/<dataset> version (pinned and recorded), "
          + "evaluate it on the validation split and register a new version.",
      "Hyperparameters (--hp NAME=VALUE) use SageMaker's names; they are listed below."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--algorithm",
      defaultValue = "kmeans",
      paramLabel = "NAME",
      description =
          "Algorithm (default kmeans); every one is listed below with its " + "hyperparameters.")
  String algorithm;

  @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset.")
  String dataset;

  @Option(
      names = "--model-name",
      required = true,
      paramLabel = "NAME",
      description = "Registered model name.")
  String modelName;

  @Option(names = "--hp", paramLabel = "NAME=VALUE", description = "A hyperparameter. Repeatable.")
  Map<String, String> hyperparameters = new LinkedHashMap<>();

  @Mixin PartitionsOption partitions;

  @Option(names = "--force", description = "Train even if an identical version exists.")
  boolean force;

  @Override
  public Integer call() {
    io.lakeforge.datalake.Names.requireDataset(dataset);
    TrainJob.Options o =
        new TrainJob.Options(
            algorithm, dataset, modelName, hyperparameters, partitions.partitions, force);
    o.trainer();
    JobContext ctx = common.context(spec, "lakeforge train " + modelName);
    TrainJob.run(ctx, o);
    return ExitCodes.OK;
  }

  /** The footer: every algorithm's hyperparameters, from the definitions that validate them. */
  static String[] footer() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (Algorithm a : Algorithms.all().values()) {
      lines.add("");
      lines.add(a.name() + " (" + a.summary() + ") hyperparameters:");
      lines.addAll(java.util.Arrays.asList(a.options().help().split("\n")));
    }
    lines.add("");
    lines.add(
        "Examples: lakeforge train --algorithm kmeans --dataset mnist "
            + "--model-name mnist-kmeans --hp k=10 --hp mode=lloyd");
    lines.add(
        "          lakeforge train --algorithm linear-learner --dataset mnist --model-name "
            + "mnist-ll --hp predictor_type=multiclass_classifier --hp num_classes=10");
    return lines.toArray(new String[0]);
  }
}
