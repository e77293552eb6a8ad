package io.lakeforge.jobs.stages;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.lakeforge.datalake.layers.CuratedLayer;
import io.lakeforge.datalake.layers.FeaturesLayer;
import io.lakeforge.datalake.layers.RawLayer;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.config.UsageException;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs ingest → curate → featurize → train → transform → report in one Spark application from a
 * pipeline spec ({@code conf/pipelines/*.conf}). Each stage skips itself when its input has not
 * changed, so re-running a pipeline on the same data writes nothing new.
 */
public final class PipelineJob {
  /** A parsed and validated pipeline spec. */
  public record Spec(
      String file, String dataset, TrainJob.Options train, String split, boolean report) {}

  private PipelineJob() {}

  /**
   * Parses a pipeline spec; {@code hpOverrides} replace its hyperparameters. Everything is
   * validated here, before Spark starts.
   */
  public static Spec parse(File file, Map<String, String> hpOverrides, boolean force) {
    if (!file.isFile()) {
      throw new UsageException("pipeline spec " + file + " does not exist");
    }
    try {
      Config c = ConfigFactory.parseFile(file).resolve().getConfig("pipeline");
      String dataset = c.getString("dataset");
      Config t = c.getConfig("train");
      Map<String, String> hp = new LinkedHashMap<>();
      if (t.hasPath("hyperparameters")) {
        for (Map.Entry<String, ConfigValue> e : t.getConfig("hyperparameters").root().entrySet()) {
          Object v = e.getValue().unwrapped();
          hp.put(
              e.getKey(),
              v instanceof List<?> l
                  ? String.join(",", l.stream().map(String::valueOf).toList())
                  : String.valueOf(v));
        }
      }
      hp.putAll(hpOverrides);
      TrainJob.Options train =
          new TrainJob.Options(
              t.getString("algorithm"),
              dataset,
              t.getString("model-name"),
              hp,
              t.hasPath("partitions") ? t.getInt("partitions") : 0,
              force);
      train.trainer();
      String split = c.hasPath("transform.split") ? c.getString("transform.split") : "validation";
      if (!TransformJob.SPLITS.contains(split)) {
        throw new UsageException(
            file
                + ": transform.split = "
                + split
                + " is invalid; expected "
                + String.join(" | ", TransformJob.SPLITS));
      }
      boolean report = !c.hasPath("report.enabled") || c.getBoolean("report.enabled");
      return new Spec(file.getPath(), dataset, train, split, report);
    } catch (ConfigException e) {
      throw new UsageException("pipeline spec " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  /** Runs the pipeline; returns the report path, or null when the spec disables the report. */
  public static String run(JobContext ctx, Spec spec) {
    DatasetSpec dataset = ctx.config().dataset(spec.dataset());
    ctx.stage("ingest", "ingest " + dataset.name());
    ctx.println(RawLayer.ingest(ctx.spark(), ctx.lake(), dataset, ctx.runDate()).line());
    ctx.stage("curate", "curate " + dataset.name());
    ctx.println(CuratedLayer.curate(ctx.spark(), ctx.lake(), dataset).line());
    ctx.stage("featurize", "featurize " + dataset.name());
    ctx.println(FeaturesLayer.featurize(ctx.spark(), ctx.lake(), dataset).line());
    TrainJob.Result trained = TrainJob.run(ctx, spec.train());
    String ref = trained.version().ref();
    TransformJob.run(ctx, new TransformJob.Options(ref, dataset.name(), spec.split()));
    if (!spec.report()) {
      return null;
    }
    return ReportJob.run(ctx, new ReportJob.Options(ref, dataset.name(), spec.split(), null));
  }
}
