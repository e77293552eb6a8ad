package io.lakeforge.jobs.config;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates (or joins) the SparkSession a command runs in. Under spark-submit the master and the
 * settings given there win; in local mode they come from {@code conf/lakeforge.conf}.
 */
public final class SparkSessions {
  static final String KILL_ON_FATAL_ERROR_DEPTH = "spark.executor.killOnFatalError.depth";

  private SparkSessions() {}

  public static SparkSession getOrCreate(LakeforgeConfig config, String appName) {
    SparkConf submitted = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!submitted.contains("spark.master")) {
      b.master(config.sparkMaster());
      if (config.sparkMaster().startsWith("local")
          && !config.sparkConf().containsKey(KILL_ON_FATAL_ERROR_DEPTH)) {
        // In local mode the executor is this JVM: a task's OutOfMemoryError must fail the task
        // (and the command, with one line and exit 1) instead of killing the JVM with exit 52.
        b.config(KILL_ON_FATAL_ERROR_DEPTH, "0");
      }
    }
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      if (!submitted.contains(e.getKey())) {
        b.config(e.getKey(), e.getValue());
      }
    }
    if (submitted.contains(Secrets.SPARK_REDACTION_REGEX)) {
      // A cluster's own redaction pattern is kept, and Lakeforge's secret keys are added to it.
      b.config(
          Secrets.SPARK_REDACTION_REGEX,
          Secrets.redactionRegex(submitted.get(Secrets.SPARK_REDACTION_REGEX)));
    }
    boolean existing = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = b.getOrCreate();
    if (!existing) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  /** Names the Spark jobs that follow, so the Spark UI shows which stage is running. */
  public static void stage(SparkSession spark, String stage, String description) {
    spark.sparkContext().setJobGroup("lakeforge-" + stage, description, false);
  }
}
