package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.config.LakeforgeConfig;
import io.lakeforge.jobs.stages.JobContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command takes: the lake root, a configuration profile and overrides. */
public final class CommonOptions {
  @Option(names = "--lake", paramLabel = "URI",
      description = "Lake root (a folder or any Hadoop URI such as s3a://bucket/lake). "
          + "Default: lakeforge.lake in conf/lakeforge.conf.")
  String lake;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Override a setting: spark.* keys go to Spark, others to Lakeforge "
          + "(e.g. --conf models=/data/models). Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Configuration profile from conf/profiles/NAME.conf (default: "
          + "$LAKEFORGE_PROFILE).")
  String profile = System.getenv("LAKEFORGE_PROFILE");

  LakeforgeConfig load() {
    LakeforgeConfig config = LakeforgeConfig.load(profile, overrides, lake);
    io.lakeforge.jobs.config.Secrets.register(config.sparkConf());
    io.lakeforge.jobs.config.StorageErrors.remember(config);
    return config;
  }

  /** Loads the configuration (before Spark) and the context a command runs in. */
  JobContext context(CommandSpec spec, String appName) {
    return new JobContext(load(), spec.commandLine().getOut(), appName);
  }
}
