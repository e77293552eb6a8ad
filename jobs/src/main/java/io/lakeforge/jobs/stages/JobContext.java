package io.lakeforge.jobs.stages;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ArtifactStore;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.jobs.config.LakeforgeConfig;
import io.lakeforge.jobs.config.SparkSessions;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * What a running command shares: the resolved configuration, the SparkSession (started on first
 * use, so that argument errors never wait for Spark), the lake layout, and where to print results.
 */
public final class JobContext {
  private final LakeforgeConfig config;
  private final PrintWriter out;
  private final String appName;
  private final java.time.LocalDate runDate;
  private SparkSession spark;
  private ModelRegistry registry;

  public JobContext(
      LakeforgeConfig config, PrintWriter out, String appName, java.time.LocalDate runDate) {
    this.config = config;
    this.out = out;
    this.appName = appName;
    this.runDate = runDate;
  }

  /** The logical date of the run ({@code --run-date}), recorded in lineage. */
  public java.time.LocalDate runDate() {
    return runDate;
  }

  public LakeforgeConfig config() {
    return config;
  }

  /**
   * The command's own session (sharing the application's SparkContext): SQL settings a stage sets
   * for one commit stay with this command, also when several commands run in one JVM.
   */
  public SparkSession spark() {
    if (spark == null) {
      spark = SparkSessions.getOrCreate(config, appName).newSession();
    }
    return spark;
  }

  public boolean sparkStarted() {
    return spark != null;
  }

  public LakeLayout lake() {
    return config.layout();
  }

  /** The registry, one per command: it reads its table once per table version. */
  public synchronized ModelRegistry registry() {
    if (registry == null) {
      registry = new ModelRegistry(spark(), lake());
    }
    return registry;
  }

  public ArtifactStore artifacts() {
    return new ArtifactStore(lake().modelsRoot(), spark().sparkContext().hadoopConfiguration());
  }

  public void stage(String stage, String description) {
    SparkSessions.stage(spark(), stage, description);
  }

  public void println(String line) {
    out.println(line);
    out.flush();
  }
}
