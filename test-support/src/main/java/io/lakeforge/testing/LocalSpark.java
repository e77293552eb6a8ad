package io.lakeforge.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of a test JVM: created on first use with Lakeforge's settings
 * (Kryo, Delta when it is on the classpath, UI off, few shuffle partitions) and shared by every
 * test class, because starting Spark dominates the run time of small tests on two cores.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      SparkSession.Builder b =
          SparkSession.builder()
              .master("local[2]")
              .appName("lakeforge-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "2")
              .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.scheduler.mode", "FAIR")
              .config(
                  "spark.sql.warehouse.dir",
                  System.getProperty("java.io.tmpdir") + "/spark-warehouse")
              .config("spark.local.dir", System.getProperty("java.io.tmpdir"));
      if (onClasspath("io.lakeforge.algorithms.AlgorithmsKryoRegistrator")) {
        b.config("spark.kryo.registrator", "io.lakeforge.algorithms.AlgorithmsKryoRegistrator");
      }
      if (onClasspath("io.delta.sql.DeltaSparkSessionExtension")) {
        b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            // Delta rebuilds table state with 50 shuffle partitions by default: far too many
            // tasks for tiny test tables on two cores.
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // VACUUM lists folders with this many tasks; Spark's default is 10,000.
            .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
      }
      session = b.getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, LocalSpark.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
