package io.lakeforge.jobs.cli;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.jobs.config.LakeforgeConfig;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.serving.InferenceServer;
import io.lakeforge.serving.ModelLoader;
import io.lakeforge.serving.ModelTarget;
import io.lakeforge.serving.ServeOptions;
import io.lakeforge.serving.ServingException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakeforge serve}: a registered model behind SageMaker's real-time inference contract. Runs
 * no Spark: the registry is read with Delta Kernel and the model with the models module (the scorer
 * transform uses), in this process.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Real-time endpoint for a registered model, with SageMaker's contract: "
          + "GET /ping, POST /invocations (text/csv, application/json, application/jsonlines), "
          + "GET /execution-parameters, GET /metrics. No SparkSession is created. SIGTERM "
          + "drains the requests in flight and exits 0."
    },
    footer = {"Example: lakeforge serve --model mnist-kmeans@production --port 8080"})
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "REF",
      description =
          "Model reference: NAME@VERSION, NAME@latest or NAME@ALIAS (an alias or "
              + "latest is followed: re-resolved every --refresh seconds).")
  String model;

  @Option(
      names = "--model-dir",
      paramLabel = "URI",
      description =
          "Serve a model folder (model.json + Parquet) instead of a registered " + "version.")
  String modelDir;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port (default 8080; 0 = any free port, printed on start).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--refresh",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "How often a followed alias is re-resolved (default 30).")
  int refresh;

  @Option(
      names = "--input",
      defaultValue = "features",
      paramLabel = "features|raw",
      description =
          "features (default, SageMaker's behaviour): records are model features; "
              + "raw: records are the dataset's source fields, featurized with the model's fitted "
              + "feature spec.")
  String input;

  @Option(
      names = "--max-payload-mb",
      defaultValue = "6",
      paramLabel = "MB",
      description = "Largest request body (default 6, as SageMaker); larger ones get 413.")
  double maxPayloadMb;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default max(4, 2 × cores)).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if ((model == null) == (modelDir == null)) {
      throw new UsageException("serve needs exactly one of --model REF and --model-dir URI");
    }
    ModelLoader.Input mode =
        switch (input.toLowerCase(Locale.ROOT)) {
          case "features" -> ModelLoader.Input.FEATURES;
          case "raw" -> ModelLoader.Input.RAW;
          default ->
              throw new UsageException(
                  "--input " + input + " is invalid: expected " + "features | raw");
        };
    if (!(maxPayloadMb > 0)) {
      throw new UsageException(
          "--max-payload-mb " + maxPayloadMb + " is invalid: expected a " + "positive number");
    }
    ServeOptions options;
    try {
      options =
          new ServeOptions(
              host,
              port,
              refresh,
              mode,
              (long) (maxPayloadMb * 1024 * 1024),
              threads == null ? ServeOptions.defaultThreads() : threads,
              ServeOptions.DEFAULT_DRAIN_SECONDS);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    LakeforgeConfig config = common.load();
    Configuration hadoop = hadoopConf(config.sparkConf());
    ModelLoader loader;
    if (model != null) {
      ModelRef ref = ModelRef.parse(model);
      LakeLayout lake = config.layout();
      loader =
          ModelLoader.registry(
              hadoop,
              lake.registryModels(),
              lake.registryAliases(),
              new ModelTarget(ref.name(), ref.version(), ref.alias()),
              mode);
    } else {
      loader = ModelLoader.folder(hadoop, modelDir, mode);
    }
    InferenceServer server;
    try {
      server = InferenceServer.start(options, loader, System.err);
    } catch (ServingException e) {
      throw e.status() < 500
          ? new UsageException(e.getMessage())
          : new io.lakeforge.models.ModelFormatException(e.getMessage(), e);
    } catch (java.net.BindException e) {
      throw new UsageException(
          "cannot listen on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage()
              + "; choose another --port");
    }
    spec.commandLine()
        .getOut()
        .println(
            "serving "
                + server.model().ref()
                + " on "
                + server.url()
                + (loader.follows()
                    ? " (following " + loader.describe() + ", every " + refresh + " s)"
                    : ""));
    spec.commandLine().getOut().flush();
    server.awaitSignalAndDrain();
    return ExitCodes.OK;
  }

  /** Hadoop settings of the configuration ({@code spark.hadoop.*}), as Spark would pass them. */
  static Configuration hadoopConf(Map<String, String> sparkConf) {
    Configuration c = new Configuration();
    sparkConf.forEach(
        (k, v) -> {
          if (k.startsWith("spark.hadoop.") && v != null && !v.isEmpty()) {
            c.set(k.substring("spark.hadoop.".length()), v);
          }
        });
    return c;
  }
}
