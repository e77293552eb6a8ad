package io.lakeforge.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.models.xgboost.XgboostNative;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a platform xgboost4j ships no native library for, {@code train --algorithm xgboost} ends with
 * one line naming the platform, before Spark starts. The platform is faked for xgboost4j's own
 * loader in a child JVM ({@code -Dos.arch}), so the real loader fails the real way.
 */
class XgboostPlatformTest {
  @Test
  void anUnsupportedPlatformIsOneLineNamingItBeforeSparkStarts(@TempDir Path tmp) throws Exception {
    Path lake = tmp.resolve("lake");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dos.arch=riscv64",
                    // The launcher's logging, as bin/lakeforge sets it.
                    "-Dlog4j2.configurationFile="
                        + Path.of(
                            System.getProperty("lakeforge.home"), "conf", "log4j2.properties"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "train",
                    "--algorithm",
                    "xgboost",
                    "--dataset",
                    "mnist",
                    "--model-name",
                    "digits",
                    "--hp",
                    "num_round=2",
                    "--lake",
                    lake.toString()))
            .redirectOutput(tmp.resolve("out").toFile())
            .redirectError(tmp.resolve("err").toFile())
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String err = Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.lines().filter(l -> l.startsWith("lakeforge: error:")))
        .singleElement()
        .asString()
        .contains("XGBoost's native library does not load on " + System.getProperty("os.name"))
        .contains("/riscv64")
        .contains(XgboostNative.SHIPPED)
        .contains("Unsupported architecture");
    assertThat(err).as("no stack trace").doesNotContain("\tat ");
    assertThat(lake).as("no Spark work, nothing written").doesNotExist();
  }

  @Test
  void theNativeLibraryLoadsOnThisMachine() {
    XgboostNative.require();
  }
}
