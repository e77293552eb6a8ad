package io.lakeforge.e2e.toy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelRegistry;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.jobs.cli.Main;
import io.lakeforge.testing.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An algorithm added by one package and one registration line goes through every stage. */
class AddedAlgorithmTest {
  @TempDir static Path tmp;

  private static String run(String lake, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--lake";
    all[args.length + 1] = lake;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return o;
  }

  @Test
  void aToyAlgorithmTrainsRegistersTransformsAndReports() {
    SparkSession spark = LocalSpark.get();
    String lake = tmp.resolve("lake").toString();
    for (String stage : new String[] {"ingest", "curate", "featurize"}) {
      run(lake, stage, "--dataset", "blobs");
    }
    assertThat(run(lake, "train", "--help")).contains("mean-predictor (predicts the mean");
    run(
        lake,
        "train",
        "--algorithm",
        "mean-predictor",
        "--dataset",
        "blobs",
        "--model-name",
        "toy");
    ModelRegistry registry = new ModelRegistry(spark, new LakeLayout(lake, null));
    ModelVersion v = registry.resolve(ModelRef.parse("toy@1"));
    assertThat(v.algorithm()).isEqualTo("mean-predictor");
    assertThat(v.metrics()).containsKeys("rmse", "r2");
    run(lake, "transform", "--model", "toy@1", "--dataset", "blobs");
    double mean =
        spark
            .read()
            .format("delta")
            .load(lake + "/features/blobs")
            .where("split = 'train'")
            .agg(org.apache.spark.sql.functions.avg("label"))
            .first()
            .getDouble(0);
    assertThat(
            spark
                .read()
                .format("delta")
                .load(lake + "/predictions/toy")
                .select("score")
                .distinct()
                .collectAsList())
        .singleElement()
        .satisfies(r -> assertThat(r.getDouble(0)).isEqualTo(mean));
    String[] lines = run(lake, "report", "--model", "toy@1").strip().split("\n");
    assertThat(new File(lines[lines.length - 1])).isFile();
  }
}
