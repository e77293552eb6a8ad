package io.lakeforge.datalake.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.readers.IdxFiles;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.models.features.FittedFeatureSpec;
import io.lakeforge.testing.LocalSpark;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeLayersTest {
  static final File HOME = new File(System.getProperty("lakeforge.home", ".."));

  @TempDir static Path tmp;

  static SparkSession spark;
  static LakeLayout lake;
  static Path confDir;

  @BeforeAll
  static void setUp() throws IOException {
    spark = LocalSpark.get();
    lake = new LakeLayout(tmp.resolve("lake").toString(), null);
    confDir = Files.createDirectories(tmp.resolve("conf"));
  }

  /** A copy of a shipped spec under another name, so each test has its own tables. */
  static DatasetSpec spec(String name, String base, Map<String, String> sources)
      throws IOException {
    Files.copy(
        HOME.toPath().resolve("conf/datasets/" + base + ".conf"),
        confDir.resolve(name + ".conf"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return DatasetSpec.load(confDir.toFile(), name, HOME).withSources(sources);
  }

  static DatasetSpec mnist(String name, int from, int to) throws IOException {
    Path images = IdxFiles.images(tmp.resolve(name + "-" + from + "-images.gz"), from, to, true);
    Path labels = IdxFiles.labels(tmp.resolve(name + "-" + from + "-labels.gz"), from, to, true);
    return spec(name, "mnist", Map.of("images", images.toString(), "labels", labels.toString()));
  }

  static long version(String table) {
    return DeltaTables.latestVersion(spark, table);
  }

  static long rows(String table) {
    return spark.read().format("delta").load(table).count();
  }

  @Test
  void stagesProduceMatchingCountsAndRerunsAddNoVersion() throws IOException {
    DatasetSpec ds = mnist("digits", 0, 300);
    StageSummary ingest = RawLayer.ingest(spark, lake, ds);
    StageSummary curate = CuratedLayer.curate(spark, lake, ds);
    StageSummary featurize = FeaturesLayer.featurize(spark, lake, ds);
    assertThat(ingest.rowsOut()).isEqualTo(300);
    assertThat(curate.rowsIn()).isEqualTo(300);
    assertThat(curate.rowsOut() + curate.quarantined() + curate.duplicates()).isEqualTo(300);
    assertThat(featurize.rowsOut()).isEqualTo(curate.rowsOut());
    assertThat(curate.line()).contains("invariant ok");

    long raw = version(lake.raw("digits"));
    long curated = version(lake.curated("digits"));
    long features = version(lake.features("digits"));
    assertThat(RawLayer.ingest(spark, lake, ds).changed()).isFalse();
    assertThat(CuratedLayer.curate(spark, lake, ds).changed()).isFalse();
    assertThat(FeaturesLayer.featurize(spark, lake, ds).changed()).isFalse();
    assertThat(version(lake.raw("digits"))).isEqualTo(raw);
    assertThat(version(lake.curated("digits"))).isEqualTo(curated);
    assertThat(version(lake.features("digits"))).isEqualTo(features);
    assertThat(rows(lake.raw("digits"))).isEqualTo(300);

    Dataset<Row> f = spark.read().format("delta").load(lake.features("digits"));
    assertThat(f.columns()).containsExactly("id", "features", "label", "split");
    assertThat(f.select("id").distinct().count()).isEqualTo(f.count());
    assertThat(f.where("split = 'validation'").count()).isBetween(30L, 90L);
    FittedFeatureSpec fitted = FeaturesLayer.specAt(spark, lake.features("digits"), features);
    assertThat(fitted.dim()).isEqualTo(784);
    assertThat(fitted.divisor()).isEqualTo(255.0);
    assertThat(new File(lake.features("digits"), FeaturesLayer.SPEC_FILE)).isFile();
    assertThat(FeaturesLayer.lineageAt(spark, lake.features("digits"), features))
        .containsEntry("source_table", lake.curated("digits"))
        .containsEntry("source_version", (int) curated);
    double max =
        f.select(
                org.apache
                    .spark
                    .sql
                    .functions
                    .array_max(
                        org.apache.spark.ml.functions.vector_to_array(f.col("features"), "float64"))
                    .as("m"))
            .agg(org.apache.spark.sql.functions.max("m"))
            .first()
            .getDouble(0);
    assertThat(max).isLessThanOrEqualTo(1.0).isGreaterThan(0.9);
  }

  @Test
  void aChangedFileOnANewRunDateIsANewBatchAndOverlapCountsAsDuplicates() throws IOException {
    DatasetSpec first = mnist("grow", 0, 200);
    RawLayer.ingest(spark, lake, first, java.time.LocalDate.parse("2026-11-01"));
    CuratedLayer.curate(spark, lake, first);
    FeaturesLayer.featurize(spark, lake, first);
    List<Row> splitsBefore =
        spark
            .read()
            .format("delta")
            .load(lake.features("grow"))
            .select("id", "split")
            .orderBy("id")
            .collectAsList();

    DatasetSpec second = mnist("grow", 150, 260);
    StageSummary ingest =
        RawLayer.ingest(spark, lake, second, java.time.LocalDate.parse("2026-11-02"));
    assertThat(ingest.changed()).isTrue();
    assertThat(rows(lake.raw("grow"))).isEqualTo(310);
    StageSummary curate = CuratedLayer.curate(spark, lake, second);
    assertThat(curate.rowsIn()).isEqualTo(110);
    assertThat(curate.rowsOut()).isEqualTo(60);
    assertThat(curate.duplicates()).isEqualTo(50);
    assertThat(rows(lake.curated("grow"))).isEqualTo(260);

    FeaturesLayer.featurize(spark, lake, second);
    Dataset<Row> after = spark.read().format("delta").load(lake.features("grow"));
    assertThat(after.count()).isEqualTo(260);
    List<Row> splitsAfter =
        after
            .select("id", "split")
            .where(after.col("id").isin(splitsBefore.stream().map(r -> r.get(0)).toArray()))
            .orderBy("id")
            .collectAsList();
    assertThat(splitsAfter).isEqualTo(splitsBefore);
  }

  @Test
  void rerunningARunDateWithChangedInputReplacesThatDatesRowsInEveryLayer() throws IOException {
    java.time.LocalDate day1 = java.time.LocalDate.parse("2026-11-01");
    java.time.LocalDate day2 = java.time.LocalDate.parse("2026-11-02");
    Path csv = tmp.resolve("daily.csv");
    String header = "x1,x2,x3,x4,label";
    Files.writeString(
        csv,
        String.join("\n", header, "1,1,1,1,0", "2,2,2,2,1", "3,3,3,3,2", "500,1,1,1,0") + "\n");
    DatasetSpec ds = spec("daily", "blobs", Map.of("path", csv.toString()));
    RawLayer.ingest(spark, lake, ds, day1);
    CuratedLayer.curate(spark, lake, ds);
    // The same file on the next day is already in the lake: nothing new.
    assertThat(RawLayer.ingest(spark, lake, ds, day2).changed()).isFalse();

    Path csv2 = tmp.resolve("daily2.csv");
    Files.writeString(csv2, String.join("\n", header, "4,4,4,4,0", "5,5,5,5,1") + "\n");
    RawLayer.ingest(spark, lake, spec("daily", "blobs", Map.of("path", csv2.toString())), day2);

    // Day 1's file is corrected: re-running day 1 replaces day 1's rows, day 2's stay.
    Files.writeString(
        csv, String.join("\n", header, "1,1,1,1,0", "6,6,6,6,2", "abc,1,1,1,0") + "\n");
    StageSummary rerun = RawLayer.ingest(spark, lake, ds, day1);
    assertThat(rerun.changed()).isTrue();
    assertThat(rerun.note())
        .contains("run date 2026-11-01", "replacing that run date's earlier batch");
    Dataset<Row> raw = spark.read().format("delta").load(lake.raw("daily"));
    assertThat(raw.where("_run_date = DATE'2026-11-01'").count()).isEqualTo(3);
    assertThat(raw.where("_run_date = DATE'2026-11-02'").count()).isEqualTo(2);
    assertThat(raw.count()).isEqualTo(5);

    StageSummary curate = CuratedLayer.curate(spark, lake, ds);
    assertThat(curate.note()).contains("rebuilt");
    assertThat(curate.rowsIn())
        .isEqualTo(curate.rowsOut() + curate.quarantined() + curate.duplicates());
    List<Row> x1 =
        spark
            .read()
            .format("delta")
            .load(lake.curated("daily"))
            .select("x1")
            .orderBy("x1")
            .collectAsList();
    assertThat(x1.stream().map(r -> r.getDouble(0)).toList()).containsExactly(1.0, 4.0, 5.0, 6.0);
    List<Row> quarantined =
        spark.read().format("delta").load(lake.quarantine("daily")).select("x1").collectAsList();
    assertThat(quarantined).extracting(r -> r.getString(0)).containsExactly("abc");

    // Re-running the corrected date again changes nothing anywhere.
    long rawVersion = version(lake.raw("daily"));
    assertThat(RawLayer.ingest(spark, lake, ds, day1).changed()).isFalse();
    assertThat(CuratedLayer.curate(spark, lake, ds).changed()).isFalse();
    assertThat(version(lake.raw("daily"))).isEqualTo(rawVersion);
  }

  @Test
  void wholeFileProblemsNameTheFileAndAddNoVersion() throws IOException {
    DatasetSpec good = mnist("broken", 0, 20);
    RawLayer.ingest(spark, lake, good);
    long before = version(lake.raw("broken"));

    Path images = Path.of(good.sources().get("images"));
    byte[] bytes = Files.readAllBytes(images);
    Path truncated =
        Files.write(tmp.resolve("truncated.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path empty = Files.write(tmp.resolve("empty.gz"), new byte[0]);
    Path shortLabels = IdxFiles.labels(tmp.resolve("short-labels.gz"), 0, 19, true);
    String labels = good.sources().get("labels");

    assertFails(
        good.withSources(Map.of("images", truncated.toString())),
        truncated + ": file is truncated");
    assertFails(good.withSources(Map.of("images", labels)), "IDX magic number 2049 is not 2051");
    assertFails(
        good.withSources(Map.of("labels", shortLabels.toString())),
        "has 20 images but " + shortLabels + " has 19 labels");
    assertFails(good.withSources(Map.of("images", empty.toString())), empty + ": file is empty");
    assertFails(
        good.withSources(Map.of("images", tmp.resolve("nope.gz").toString())),
        tmp.resolve("nope.gz") + ": file does not exist");
    assertThat(version(lake.raw("broken"))).isEqualTo(before);
    assertThat(rows(lake.raw("broken"))).isEqualTo(20);
  }

  private static void assertFails(DatasetSpec spec, String message) {
    assertThatThrownBy(() -> RawLayer.ingest(spark, lake, spec))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void badCsvRowsGoToQuarantineWithTheirRuleAndCountsAddUp() throws IOException {
    Path csv =
        Files.writeString(
            tmp.resolve("points.csv"),
            String.join(
                    "\n",
                    "x1,x2,x3,x4,label",
                    "1.0,2.0,3.0,4.0,0",
                    "1.5,2.5,3.5,4.5,1",
                    "1.0,2.0,3.0,4.0,0",
                    "2.0,2.0,3.0,1",
                    "2.0,2.0,3.0,4.0,1,9",
                    "500,2.0,3.0,4.0,1",
                    "3.0,2.0,3.0,4.0,7",
                    "abc,2.0,3.0,4.0,2",
                    "4.0,,3.0,4.0,2",
                    "5.0,1.0,1.0,1.0,2")
                + "\n");
    DatasetSpec ds = spec("points", "blobs", Map.of("path", csv.toString()));
    StageSummary ingest = RawLayer.ingest(spark, lake, ds);
    assertThat(ingest.rowsOut()).isEqualTo(10);
    StageSummary curate = CuratedLayer.curate(spark, lake, ds);
    assertThat(curate.rowsIn()).isEqualTo(10);
    assertThat(curate.quarantined()).isEqualTo(6);
    assertThat(curate.duplicates()).isEqualTo(1);
    assertThat(curate.rowsOut()).isEqualTo(3);

    Map<String, String> reasons = new java.util.HashMap<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(lake.quarantine("points"))
            .select("x1", "_reason", "_batch_id", "_source_uri")
            .collectAsList()) {
      reasons.put(r.getString(0), r.getString(1));
      assertThat(r.getString(3)).isEqualTo(csv.toString());
    }
    assertThat(reasons).hasSize(5);
    assertThat(reasons.get("2.0")).containsPattern("CSV row has [46] columns; expected 5");
    assertThat(reasons.get("500")).contains("range(x1): 500.0 is outside -100..100");
    assertThat(reasons.get("3.0")).contains("range(label): 7 is outside 0..2");
    assertThat(reasons.get("abc")).contains("type(x1): value is not double");
    assertThat(reasons.get("4.0")).contains("not_null(x2)");
    assertThat(
            spark
                .read()
                .format("delta")
                .load(lake.quarantine("points"))
                .where("_reason LIKE '%columns%'")
                .count())
        .isEqualTo(2);

    long q = version(lake.quarantine("points"));
    assertThat(CuratedLayer.curate(spark, lake, ds).changed()).isFalse();
    assertThat(version(lake.quarantine("points"))).isEqualTo(q);

    FeaturesLayer.featurize(spark, lake, ds);
    FittedFeatureSpec fitted =
        FeaturesLayer.specAt(spark, lake.features("points"), version(lake.features("points")));
    assertThat(fitted.scaling()).isEqualTo("standardize");
    assertThat(fitted.means()).hasSize(4);
    // Fitted on the train split only: the mean of x1 over the curated rows that split puts there.
    Dataset<Row> curatedRows = spark.read().format("delta").load(lake.curated("points"));
    List<Row> trainX1 =
        curatedRows
            .where(
                FeatureBuilder.split(FeatureBuilder.id(), ds.validationFraction(), ds.splitSeed())
                    .equalTo(FeatureBuilder.TRAIN))
            .select("x1")
            .collectAsList();
    assertThat(trainX1).isNotEmpty();
    double trainMean = trainX1.stream().mapToDouble(r -> r.getDouble(0)).average().orElseThrow();
    assertThat(fitted.means()[0]).isCloseTo(trainMean, org.assertj.core.data.Offset.offset(1e-9));
    if (trainX1.size() < 3) {
      assertThat(fitted.means()[0])
          .isNotCloseTo((1.0 + 1.5 + 5.0) / 3, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void csvWithTheWrongHeaderIsRejectedWhole() throws IOException {
    Path csv = Files.writeString(tmp.resolve("wrong.csv"), "a,b,c\n1,2,3\n");
    DatasetSpec ds = spec("wrongheader", "blobs", Map.of("path", csv.toString()));
    assertThatThrownBy(() -> RawLayer.ingest(spark, lake, ds))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            csv + ": CSV header is [a, b, c]; expected the columns " + "[x1, x2, x3, x4, label]");
    assertThat(DeltaTables.exists(spark, lake.raw("wrongheader"))).isFalse();
  }

  @Test
  void curateWithoutRawTableSaysWhatToRunFirst() throws IOException {
    DatasetSpec ds = mnist("nothing", 0, 5);
    assertThatThrownBy(() -> CuratedLayer.curate(spark, lake, ds))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("run `lakeforge ingest --dataset nothing` first");
  }

  @Test
  void jsonLinesParquetAndLibsvmSourcesLandInRaw() throws IOException {
    Path jsonl =
        Files.writeString(
            tmp.resolve("p.jsonl"),
            String.join(
                    "\n",
                    "{\"x1\": 1.0, \"x2\": 2, \"x3\": 3, \"x4\": 4, \"label\": 0}",
                    "{\"x1\": 9.0, \"x2\": 2, \"x3\": 3, \"x4\": 4, \"label\": 1}",
                    "not json")
                + "\n");
    Files.writeString(
        confDir.resolve("pj.conf"),
        Files.readString(HOME.toPath().resolve("conf/datasets/blobs.conf"))
            .replace("format = csv", "format = jsonl"));
    DatasetSpec pj =
        DatasetSpec.load(confDir.toFile(), "pj", HOME)
            .withSources(Map.of("path", jsonl.toString()));
    assertThat(RawLayer.ingest(spark, lake, pj).rowsOut()).isEqualTo(3);
    StageSummary c = CuratedLayer.curate(spark, lake, pj);
    assertThat(c.rowsOut()).isEqualTo(2);
    assertThat(c.quarantined()).isEqualTo(1);

    // A pixel outside 0..255 can only arrive through a text format: it is quarantined.
    Path digits =
        Files.writeString(
            tmp.resolve("digits.jsonl"),
            "{\"label\": 3, \"pixels\": ["
                + "0,".repeat(783)
                + "300]}\n"
                + "{\"label\": 4, \"pixels\": ["
                + "0,".repeat(783)
                + "255]}\n");
    Files.writeString(
        confDir.resolve("dj.conf"),
        Files.readString(HOME.toPath().resolve("conf/datasets/mnist.conf"))
            .replace("format = idx", "format = jsonl")
            .replaceAll("(?s)source \\{.*?\\}", "source { path = x }"));
    DatasetSpec dj =
        DatasetSpec.load(confDir.toFile(), "dj", HOME)
            .withSources(Map.of("path", digits.toString()));
    RawLayer.ingest(spark, lake, dj);
    StageSummary dc = CuratedLayer.curate(spark, lake, dj);
    assertThat(dc.rowsOut()).isEqualTo(1);
    assertThat(dc.quarantined()).isEqualTo(1);
    assertThat(
            spark
                .read()
                .format("delta")
                .load(lake.quarantine("dj"))
                .first()
                .<String>getAs("_reason"))
        .isEqualTo("range(pixels): a value is outside 0..255");

    Path parquet = tmp.resolve("p.parquet");
    spark
        .read()
        .format("delta")
        .load(lake.curated("pj"))
        .select("x1", "x2", "x3", "x4", "label")
        .write()
        .parquet(parquet.toString());
    Files.writeString(
        confDir.resolve("pp.conf"),
        Files.readString(HOME.toPath().resolve("conf/datasets/blobs.conf"))
            .replace("format = csv", "format = parquet"));
    DatasetSpec pp =
        DatasetSpec.load(confDir.toFile(), "pp", HOME)
            .withSources(Map.of("path", parquet.toString()));
    assertThat(RawLayer.ingest(spark, lake, pp).rowsOut()).isEqualTo(2);
    assertThat(CuratedLayer.curate(spark, lake, pp).rowsOut()).isEqualTo(2);

    Path libsvm = Files.writeString(tmp.resolve("p.libsvm"), "1 1:0.5 3:2.0\n0 2:1.5\n");
    Files.writeString(
        confDir.resolve("pl.conf"),
        String.join(
            "\n",
            "format = libsvm",
            "source { path = x }",
            "schema = [{name = label, type = double}, {name = features, type = vector, length = 3}]",
            "features { vector = features, scaling = none, label = label }"));
    DatasetSpec pl =
        DatasetSpec.load(confDir.toFile(), "pl", HOME)
            .withSources(Map.of("path", libsvm.toString()));
    assertThat(RawLayer.ingest(spark, lake, pl).rowsOut()).isEqualTo(2);
    assertThat(CuratedLayer.curate(spark, lake, pl).rowsOut()).isEqualTo(2);
    assertThat(FeaturesLayer.featurize(spark, lake, pl).rowsOut()).isEqualTo(2);
  }
}
