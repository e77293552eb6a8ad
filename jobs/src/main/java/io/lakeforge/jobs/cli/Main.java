package io.lakeforge.jobs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code lakeforge} command line: one entry point for local mode and spark-submit alike. Exit
 * codes: 0 success, 2 bad usage / configuration / input, 1 job failure.
 */
@Command(
    name = "lakeforge",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Distributed batch training on Apache Spark and Delta Lake.",
    subcommands = {
      IngestCommand.class,
      CurateCommand.class,
      FeaturizeCommand.class,
      TrainCommand.class,
      TuneCommand.class,
      TransformCommand.class,
      ReportCommand.class,
      PipelineCommand.class,
      ServeCommand.class,
      InvokeCommand.class,
      LakeCommand.class,
      ModelsCommand.class,
      ConfigCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs a command line and returns its exit code; Spark keeps running for the caller. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    // serve gets a command line of its own: picocli instantiates every subcommand of Main, and
    // verifying those classes loads Spark types, which the serving process must never load.
    boolean serve = args.length > 0 && args[0].equals("serve");
    CommandLine cli =
        serve
            ? new CommandLine(new ServeCommand()).setCommandName("lakeforge serve")
            : new CommandLine(new Main());
    if (serve) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // The algorithms' help loads every trainer (and with it Spark): only when train's help can
    // be shown, so that serve stays free of Spark classes.
    if (!serve && java.util.Arrays.asList(args).contains("train")) {
      cli.getSubcommands()
          .get("train")
          .getCommandSpec()
          .usageMessage()
          .footer(TrainCommand.footer());
    }
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, err));
    try {
      return cli.execute(args);
    } catch (Error e) {
      // picocli hands only Exceptions to the handler; an OutOfMemoryError (or any other Error)
      // from a command ends the same way: one line, exit 1.
      return report(e, err);
    }
  }

  /** Prints the one-line error for {@code ex} (and the trace with LAKEFORGE_DEBUG=1). */
  static int report(Throwable ex, PrintStream err) {
    int code = ExitCodes.of(ex);
    err.println("lakeforge: error: " + ExitCodes.message(ex));
    if (code == ExitCodes.FAILURE) {
      if (System.getenv("LAKEFORGE_DEBUG") != null) {
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.print(io.lakeforge.jobs.config.Secrets.mask(trace.toString()));
      } else {
        err.println(
            "lakeforge: ("
                + ex.getClass().getName()
                + "; set LAKEFORGE_DEBUG=1 for the stack trace)");
      }
    }
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    int code;
    try {
      code = execute(args, System.out, System.err);
    } catch (Throwable t) {
      // execute reports everything itself; this only guards the report (e.g. a second
      // OutOfMemoryError while printing it).
      System.err.println("lakeforge: error: " + t.getClass().getSimpleName());
      code = ExitCodes.FAILURE;
    }
    try {
      // serve never starts Spark, and must not even load it on the way out.
      if (args.length == 0 || !args[0].equals("serve")) {
        stopSpark();
      }
    } catch (Throwable t) {
      // Stopping Spark after a failure (e.g. an exhausted heap) must not print a stack trace
      // or change the exit code the user sees.
      code = code == ExitCodes.OK ? ExitCodes.FAILURE : code;
    }
    System.exit(code);
  }

  private static void stopSpark() {
    SparkSession.getDefaultSession()
        .foreach(
            s -> {
              s.stop();
              return null;
            });
  }

  /** Reports the version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "lakeforge "
            + io.lakeforge.jobs.stages.CodeVersion.get()
            + " (Spark "
            + org.apache.spark.package$.MODULE$.SPARK_VERSION()
            + ")"
      };
    }
  }
}
