package io.lakeforge.benchmarks;

import org.apache.spark.sql.SparkSession;

/** What the benchmark programs share: the Spark session they run in and their log lines. */
final class Benchmarks {
  private Benchmarks() {}

  /** local[2] with Kryo and Lakeforge's registrator, the UI off and Spark's log at WARN. */
  static SparkSession session() {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("lakeforge-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.kryo.registrator", "io.lakeforge.algorithms.AlgorithmsKryoRegistrator")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static void log(String fmt, Object... args) {
    System.out.println(String.format(fmt, args));
    System.out.flush();
  }
}
