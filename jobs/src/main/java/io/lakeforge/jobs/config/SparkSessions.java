package io.lakeforge.jobs.config;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates (or joins) the SparkSession a command runs in. Under spark-submit the master and the
 * settings given there win; in local mode they come from {@code conf/lakeforge.conf}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(LakeforgeConfig config, String appName) {
    SparkConf submitted = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!submitted.contains("spark.master")) {
      b.master(config.sparkMaster());
    }
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      if (!submitted.contains(e.getKey())) {
        b.config(e.getKey(), e.getValue());
      }
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
