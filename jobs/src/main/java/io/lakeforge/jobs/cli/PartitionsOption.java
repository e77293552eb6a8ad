package io.lakeforge.jobs.cli;

import picocli.CommandLine.Option;

/** The {@code --partitions} option of the commands that train (train, tune). */
final class PartitionsOption {
  @Option(
      names = "--partitions",
      defaultValue = "0",
      paramLabel = "N",
      description = "Training partitions (default: Spark's default parallelism).")
  int partitions;
}
