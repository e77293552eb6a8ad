package io.lakeforge.benchmarks;

import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormats;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The reference an endpoint is measured against: batch transform's Spark path ({@link
 * SparkScoring}, the scorer behind {@code lakeforge transform}) on the same 100 validation rows, in
 * a local[2] session. Prints one JSON object: session start, the first scoring (job planning
 * included) and the median of five more, in seconds.
 *
 * <p>{@code TransformReference LAKE MODEL@REF [ROWS]}
 */
public final class TransformReference {
  private TransformReference() {}

  public static void main(String[] args) throws Exception {
    String lake = args[0];
    String ref = args[1];
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    long t0 = System.nanoTime();
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("lakeforge-transform-reference")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    double start = (System.nanoTime() - t0) / 1e9;
    LakeLayout layout = new LakeLayout(lake, null);
    ModelVersion v = new ModelRegistry(spark, layout).resolve(ModelRef.parse(ref));
    Model model =
        ModelFormats.read(
            new ModelFolder(spark.sparkContext().hadoopConfiguration(), v.artifactUri()));
    Dataset<Row> input =
        spark
            .read()
            .format("delta")
            .load(layout.features("mnist"))
            .where("split = 'validation'")
            .orderBy("id")
            .limit(rows)
            .cache();
    input.count();
    double[] times = new double[6];
    for (int i = 0; i < times.length; i++) {
      long s = System.nanoTime();
      SparkScoring.transform(model, input, "features").collectAsList();
      times[i] = (System.nanoTime() - s) / 1e9;
    }
    double[] warm = Arrays.copyOfRange(times, 1, times.length);
    Arrays.sort(warm);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"model\":\"%s\",\"rows\":%d,"
                + "\"session_start_s\":%.3f,\"first_s\":%.4f,\"warm_median_s\":%.4f}",
            v.ref(),
            rows,
            start,
            times[0],
            warm[warm.length / 2]));
    spark.stop();
  }
}
