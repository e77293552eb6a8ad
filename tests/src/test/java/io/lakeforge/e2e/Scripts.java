package io.lakeforge.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts as a user would, from the repository root. */
final class Scripts {
  static final File HOME = new File(System.getProperty("lakeforge.home"));

  record Proc(int code, String out, String err) {}

  private Scripts() {}

  static Process start(Map<String, String> env, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(command));
    if (!cmd.get(0).startsWith("/")) {
      cmd.set(0, new File(HOME, cmd.get(0)).getPath());
    }
    // No script reads a terminal here; a shell left waiting on stdin would hang the suite.
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(HOME)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("script-out", ".txt");
    Path err = Files.createTempFile("script-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    OUTPUTS.put(p, new Path[] {out, err});
    return p;
  }

  static Proc finish(Process p, int minutes) throws IOException, InterruptedException {
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out after " + minutes + " min");
    }
    Path[] files = OUTPUTS.remove(p);
    Proc r =
        new Proc(
            p.exitValue(),
            Files.readString(files[0], StandardCharsets.UTF_8),
            Files.readString(files[1], StandardCharsets.UTF_8));
    System.out.print(r.out());
    System.out.print(r.err());
    return r;
  }

  /** Where a started process's standard error goes, to follow it while it runs. */
  static Path errFile(Process p) {
    return OUTPUTS.get(p)[1];
  }

  static Proc run(int minutes, String... command) throws IOException, InterruptedException {
    return finish(start(Map.of(), command), minutes);
  }

  private static final Map<Process, Path[]> OUTPUTS =
      new java.util.concurrent.ConcurrentHashMap<>();
}
