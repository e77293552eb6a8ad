package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.Names;
import picocli.CommandLine.Option;

/**
 * The options of the commands that score a dataset split with a model (transform, report, invoke),
 * as picocli mixins, so each is spelled, described and checked in one place.
 */
final class ScoringOptions {
  private ScoringOptions() {}

  /** {@code --model REF}. */
  static final class ModelOption {
    @Option(
        names = "--model",
        required = true,
        paramLabel = "REF",
        description = "Model reference: NAME@VERSION, NAME@latest or NAME@ALIAS.")
    String ref;
  }

  /** {@code --dataset NAME}, required and checked before Spark starts. */
  static final class DatasetOption {
    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset.")
    private String name;

    String name() {
      Names.requireDataset(name);
      return name;
    }
  }

  /** {@code --split SPLIT}. */
  static final class SplitOption {
    @Option(
        names = "--split",
        defaultValue = "validation",
        paramLabel = "SPLIT",
        description = "validation (default), train or all.")
    String name;
  }
}
