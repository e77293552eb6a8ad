package io.lakeforge.jobs.cli;

import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.jobs.stages.JobContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of a command group ({@code lake}, {@code models}) shares: the lake options,
 * a job context named after the full command, and the up-front check of a numeric option, so each
 * subcommand only says what it does.
 */
abstract class Subcommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** The job context, its Spark application named e.g. "lakeforge lake show". */
  JobContext context() {
    return common.context(spec, spec.qualifiedName());
  }

  /** Refuses {@code value} below {@code min} before Spark starts (exit 2). */
  static void requireAtLeast(String option, Number value, double min, String what) {
    if (!(value.doubleValue() >= min)) {
      throw new UsageException(
          option + " " + value + " is invalid: expected " + what + " >= " + num(min));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
