package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.config.LakeforgeConfig;
import io.lakeforge.jobs.stages.JobContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command takes: the lake root, a configuration profile and overrides. */
public final class CommonOptions {
  @Option(
      names = "--lake",
      paramLabel = "URI",
      description =
          "Lake root (a folder or any Hadoop URI such as s3a://bucket/lake). "
              + "Default: lakeforge.lake in conf/lakeforge.conf.")
  String lake;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "Override a setting: spark.* keys go to Spark, others to Lakeforge "
              + "(e.g. --conf models=/data/models). Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Configuration profile from conf/profiles/NAME.conf (default: " + "$LAKEFORGE_PROFILE).")
  String profile = System.getenv("LAKEFORGE_PROFILE");

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description =
          "The logical date of this run (default: today, UTC), recorded in lineage. "
              + "Stages are idempotent: re-running a date on unchanged inputs writes nothing.")
  String runDate;

  /** The validated run date. */
  java.time.LocalDate runDate() {
    if (runDate == null) {
      return java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    }
    try {
      return java.time.LocalDate.parse(runDate);
    } catch (java.time.format.DateTimeParseException e) {
      throw new io.lakeforge.jobs.config.UsageException(
          "--run-date " + runDate + " is invalid: expected a date as YYYY-MM-DD");
    }
  }

  LakeforgeConfig load() {
    LakeforgeConfig config = LakeforgeConfig.load(profile, overrides, lake);
    io.lakeforge.jobs.config.Secrets.register(config.sparkConf());
    io.lakeforge.jobs.config.Secrets.register(config.settings());
    io.lakeforge.jobs.config.StorageErrors.remember(config);
    return config;
  }

  /**
   * A spec file as given, or relative to the Lakeforge home when it is not there: {@code
   * conf/pipelines/x.conf} works from any directory.
   */
  static java.io.File specFile(java.io.File f) {
    return f.isAbsolute() || f.isFile()
        ? f
        : new java.io.File(io.lakeforge.jobs.config.LakeforgeConfig.home(), f.getPath());
  }

  /** Loads the configuration (before Spark) and the context a command runs in. */
  JobContext context(CommandSpec spec, String appName) {
    java.time.LocalDate date = runDate();
    return new JobContext(load(), spec.commandLine().getOut(), appName, date);
  }
}
