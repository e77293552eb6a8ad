package io.lakeforge.e2e;

import io.lakeforge.jobs.cli.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A driver process that runs several lakeforge commands at once, each on a thread of its own, in
 * one SparkSession: how the fault tests hold several training runs at their fault points in one
 * JVM, so that one SIGKILL ends them all, for one JVM start instead of one per run. Arguments: the
 * commands, separated by {@code --and}; the exit code is the largest of theirs.
 */
final class ConcurrentCommands {
  static final String AND = "--and";

  private ConcurrentCommands() {}

  public static void main(String[] args) throws Exception {
    List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
    for (String a : args) {
      if (a.equals(AND)) {
        commands.add(new ArrayList<>());
      } else {
        commands.get(commands.size() - 1).add(a);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(commands.size());
    List<Future<Integer>> runs = new ArrayList<>();
    for (List<String> c : commands) {
      runs.add(pool.submit(() -> Main.execute(c.toArray(new String[0]), System.out, System.err)));
    }
    int code = 0;
    for (Future<Integer> f : runs) {
      code = Math.max(code, f.get());
    }
    System.exit(code);
  }
}
