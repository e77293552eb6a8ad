package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance interface exactly as a user types it: bin/lakeforge in its own JVM. */
class LauncherTest {
  static final File HOME = new File(System.getProperty("lakeforge.home"));

  record Proc(int code, String out, String err) {}

  static Proc lakeforge(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(new File(HOME, "bin/lakeforge").getPath());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME);
    pb.environment().put("LAKEFORGE_HEAP", "2g");
    Path out = File.createTempFile("lf-out", ".txt").toPath();
    Path err = File.createTempFile("lf-err", ".txt").toPath();
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
    return new Proc(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void walkthroughCommandsWorkAsDocumented(@TempDir Path dir) throws Exception {
    String lake = dir.resolve("lake").toString();
    Proc help = lakeforge("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("pipeline", "ingest", "models");

    Proc bad = lakeforge("train", "--algorithm", "kmeans", "--dataset", "mnist", "--model-name",
        "bad", "--hp", "k=0", "--lake", lake);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("hyperparameter k=0 is invalid");

    Proc pipeline = lakeforge("pipeline", "--spec", "conf/pipelines/mnist-kmeans.conf",
        "--lake", lake);
    assertThat(pipeline.code()).as(pipeline.err()).isZero();
    String[] lines = pipeline.out().strip().split("\n");
    File report = new File(lines[lines.length - 1]);
    assertThat(report).isFile().hasName("report.html");
    assertThat(new File(report.getParentFile(), "clusters.png")).isFile();

    Proc list = lakeforge("models", "list", "--lake", lake);
    assertThat(list.code()).isZero();
    assertThat(list.out()).containsPattern("mnist-kmeans\\s+1\\s+kmeans").contains("nmi=");

    Proc show = lakeforge("lake", "show", "features/mnist", "--lake", lake);
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("rows:    10000");
  }
}
