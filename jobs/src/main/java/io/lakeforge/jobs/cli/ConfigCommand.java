package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.config.LakeforgeConfig;
import io.lakeforge.jobs.config.Secrets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {"Print the resolved configuration (files, profile, --conf), secrets masked."})
final class ConfigCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LakeforgeConfig c = common.load();
    var out = spec.commandLine().getOut();
    out.println("home:   " + c.homeDir());
    out.println("lake:   " + Secrets.mask(c.lake()));
    out.println("models: " + Secrets.mask(c.layout().modelsRoot()));
    out.println("master: " + c.sparkMaster());
    for (Map.Entry<String, String> e : new TreeMap<>(c.sparkConf()).entrySet()) {
      out.println(e.getKey() + " = " + Secrets.display(e.getKey(), e.getValue()));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
