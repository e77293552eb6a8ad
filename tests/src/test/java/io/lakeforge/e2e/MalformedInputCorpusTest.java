package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.testing.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed input in every source format (IDX, CSV, JSON lines, LIBSVM, Parquet),
 * generated here and run through the real command line. Every case ends one of two ways: exit 2
 * with one line naming the file and the position in it (and no Delta version moved), or its bad
 * rows quarantined with the reason, and rows in = curated + quarantined + duplicates.
 */
class MalformedInputCorpusTest {
  @TempDir static Path tmp;

  static SparkSession spark;
  static String lake;
  static LakeLayout layout;
  static Path specs;

  static final String NUMBERS =
      String.join(
          "\n",
          "schema = [",
          "  { name = x1, type = double }",
          "  { name = x2, type = double }",
          "  { name = x3, type = double }",
          "  { name = x4, type = double, allow-non-finite = true }",
          "  { name = label, type = int }",
          "]",
          "rules = [{ field = label, min = 0, max = 2 }, { field = x1, min = -100, max = 100 }]",
          "features { columns = [x1, x2, x3], scaling = none, label = label }");
  static final String IDX =
      String.join(
          "\n",
          "format = idx",
          "source { images = /nonexistent, labels = /nonexistent }",
          "schema = [{ name = label, type = int }, { name = pixels, type = \"array<int>\", "
              + "length = 4 }]",
          "rules = [{ field = label, min = 0, max = 9 }, { field = pixels, min = 0, max = 255 }]",
          "features { vector = pixels, scaling = divide, divisor = 255, label = label }");

  @BeforeAll
  static void setUp() throws IOException {
    spark = LocalSpark.get();
    lake = tmp.resolve("lake").toString();
    layout = new LakeLayout(lake, null);
    specs = Files.createDirectories(tmp.resolve("datasets"));
    for (String f : List.of("csv", "jsonl", "parquet")) {
      Files.writeString(
          specs.resolve("corpus-" + f + ".conf"),
          "format = " + f + "\nsource { path = /nonexistent }\n" + NUMBERS + "\n");
    }
    Files.writeString(
        specs.resolve("corpus-parts.conf"),
        "format = jsonl\nsource { path = /nonexistent }\n" + NUMBERS + "\n");
    Files.writeString(
        specs.resolve("corpus-libsvm.conf"),
        String.join(
            "\n",
            "format = libsvm",
            "source { path = /nonexistent }",
            "schema = [{ name = label, type = double }, { name = features, type = vector, "
                + "length = 3 }]",
            "features { vector = features, scaling = none, label = label }"));
    Files.writeString(specs.resolve("corpus-idx.conf"), IDX);
    Files.writeString(
        specs.resolve("corpus-idxsmall.conf"), IDX + "\nreader-options { max-bytes = 16 }\n");
  }

  static Cli.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--conf", "datasets=" + specs, "--run-date", "2026-11-01"));
    return Cli.run(lake, all.toArray(new String[0]));
  }

  static Map<String, Long> versions(String dataset) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("raw", DeltaTables.latestVersion(spark, layout.raw(dataset)));
    m.put("curated", DeltaTables.latestVersion(spark, layout.curated(dataset)));
    m.put("quarantine", DeltaTables.latestVersion(spark, layout.quarantine(dataset)));
    return m;
  }

  // ---------------------------------------------------------------- files of the corpus

  static Path write(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve("files").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  static Path text(String name, String... lines) throws IOException {
    return write(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  /** An IDX images file: header (count × rows × cols) then {@code data} bytes of pixels. */
  static byte[] images(int count, int rows, int cols, int data) {
    ByteBuffer b =
        ByteBuffer.allocate(16 + data).putInt(2051).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < data; i++) {
      b.put((byte) (i * 37));
    }
    return b.array();
  }

  static byte[] labels(int... values) {
    ByteBuffer b = ByteBuffer.allocate(8 + values.length).putInt(2049).putInt(values.length);
    for (int v : values) {
      b.put((byte) v);
    }
    return b.array();
  }

  static Path parquet(String name, StructType schema, List<Row> rows) throws IOException {
    Path dir = tmp.resolve("parquet-" + name);
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.toString());
    try (Stream<Path> files = Files.list(dir)) {
      Path part =
          files
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow();
      return write(name + ".parquet", Files.readAllBytes(part));
    }
  }

  static final StructType NUMBERS_SCHEMA =
      new StructType()
          .add("x1", DataTypes.DoubleType)
          .add("x2", DataTypes.DoubleType)
          .add("x3", DataTypes.DoubleType)
          .add("x4", DataTypes.DoubleType)
          .add("label", DataTypes.IntegerType);

  static List<Row> numbers(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(i * 0.5, i * 0.25, i * 0.125, (double) i, i % 3));
    }
    return rows;
  }

  // ---------------------------------------------------------------- exit 2 cases

  /** A whole-file problem: the command, the file the message must name, where in it. */
  record Refused(String name, String dataset, List<String> sources, Path file, String position) {}

  static List<Refused> refusedCases() throws IOException {
    List<Refused> out = new ArrayList<>();
    Path goodImages = write("good-images.idx", images(3, 2, 2, 12));
    Path goodLabels = write("good-labels.idx", labels(1, 2, 3));
    // IDX: every header and size problem, gzip or plain.
    Path wrongMagic = write("labels-as-images.idx", labels(1, 2, 3));
    Path cutHeader = write("cut-header.idx", Arrays.copyOf(images(3, 2, 2, 12), 6));
    Path cutData = write("cut-data.idx", Arrays.copyOf(images(3, 2, 2, 12), 16 + 7));
    byte[] gz = gzip(images(300, 2, 2, 1200));
    Path cutGzip = write("cut.idx.gz", Arrays.copyOf(gz, gz.length / 2));
    Path huge = write("declares-2gib.idx", images(1 << 29, 2, 2, 12));
    Path negative = write("negative-count.idx", images(-3, 2, 2, 12));
    Path trailing = write("trailing.idx", images(3, 2, 2, 20));
    Path twoLabels = write("two-labels.idx", labels(1, 2));
    Path imagesAsLabels = write("images-as-labels.idx", images(3, 2, 2, 12));
    byte[] damaged = gzip(images(300, 2, 2, 1200));
    for (int i = 30; i < 50; i++) {
      damaged[i] = (byte) 0xff;
    }
    Path damagedGzip = write("damaged.idx.gz", damaged);
    Path tenImages = write("ten-images.idx", images(10, 2, 2, 40));
    Path tenLabels = write("ten-labels.idx", labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    out.add(idx("wrong magic number", wrongMagic, goodLabels, wrongMagic, "bytes 0\\.\\.3"));
    out.add(idx("header cut short", cutHeader, goodLabels, cutHeader, "at byte 4"));
    out.add(
        idx(
            "image data cut short",
            cutData,
            goodLabels,
            cutData,
            "truncated at byte 23.*image 2 of 3"));
    out.add(
        idx(
            "gzip stream cut short",
            cutGzip,
            goodLabels,
            cutGzip,
            "byte \\d+ of the uncompressed data"));
    out.add(idx("header declares 2 GiB", huge, goodLabels, huge, "header \\(bytes 4\\.\\.15\\)"));
    out.add(idx("negative image count", negative, goodLabels, negative, "bytes 4\\.\\.15"));
    out.add(idx("bytes after the last image", trailing, goodLabels, trailing, "from byte 28"));
    out.add(idx("labels and images disagree", goodImages, twoLabels, twoLabels, "bytes 4\\.\\.7"));
    out.add(
        idx(
            "images file given as labels",
            goodImages,
            imagesAsLabels,
            imagesAsLabels,
            "bytes 0\\.\\.3"));
    out.add(
        idx(
            "damaged gzip stream",
            damagedGzip,
            goodLabels,
            damagedGzip,
            "byte \\d+ of the uncompressed data"));
    out.add(
        new Refused(
            "more data than reader-options.max-bytes",
            "corpus-idxsmall",
            List.of("images=" + tenImages, "labels=" + tenLabels),
            tenImages,
            "header \\(bytes 4\\.\\.15\\).*max-bytes"));
    // CSV
    Path wrongHeader = text("wrong-header.csv", "a,b,c,d,e", "1,2,3,4,0");
    Path emptyCsv = write("empty.csv", new byte[0]);
    Path blankFirst = text("blank-first-line.csv", "", "1,2,3,4,0");
    out.add(path("CSV with the wrong header", "corpus-csv", wrongHeader, "line 1"));
    out.add(path("empty CSV file", "corpus-csv", emptyCsv, "0 bytes"));
    out.add(path("CSV whose header line is blank", "corpus-csv", blankFirst, "line 1"));
    // JSON lines
    byte[] json =
        String.join(
                "\n",
                java.util.Collections.nCopies(
                    400, "{\"x1\": 1, \"x2\": 2, \"x3\": 3, \"x4\": 4, \"label\": 0}"))
            .getBytes(StandardCharsets.UTF_8);
    byte[] jsonGz = gzip(json);
    Path cutJson = write("cut.jsonl.gz", Arrays.copyOf(jsonGz, jsonGz.length / 2));
    out.add(
        path(
            "gzip JSON lines cut short",
            "corpus-jsonl",
            cutJson,
            "line \\d+ \\(byte \\d+ of the uncompressed text\\)"));
    out.add(
        path(
            "empty JSON lines file", "corpus-jsonl", write("empty.jsonl", new byte[0]), "0 bytes"));
    // LIBSVM
    StringBuilder svmText = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      svmText.append(i % 2).append(" 1:").append(i * 0.37).append(" 3:").append(i).append('\n');
    }
    byte[] svm = svmText.toString().getBytes(StandardCharsets.UTF_8);
    byte[] svmGz = gzip(svm);
    Path cutSvm = write("cut.libsvm.gz", Arrays.copyOf(svmGz, svmGz.length / 2));
    out.add(
        path(
            "gzip LIBSVM cut short",
            "corpus-libsvm",
            cutSvm,
            "line [1-9]\\d* \\(byte [1-9]\\d* of the uncompressed text\\)"));
    out.add(
        path("empty LIBSVM file", "corpus-libsvm", write("empty.libsvm", new byte[0]), "0 bytes"));
    // Parquet
    Path good = parquet("good", NUMBERS_SCHEMA, numbers(2000));
    byte[] goodBytes = Files.readAllBytes(good);
    Path garbage = text("garbage.parquet", "this is not parquet at all");
    Path cutParquet = write("cut.parquet", Arrays.copyOf(goodBytes, goodBytes.length / 2));
    byte[] corrupt = goodBytes.clone();
    for (int i = 100; i < 400; i++) {
      corrupt[i] = (byte) 0x5a;
    }
    Path corruptPage = write("corrupt-page.parquet", corrupt);
    Path mixed = Files.createDirectories(tmp.resolve("files/mixed-types"));
    Files.copy(good, mixed.resolve("a.parquet"));
    StructType text =
        new StructType()
            .add("x1", DataTypes.StringType)
            .add("x2", DataTypes.DoubleType)
            .add("x3", DataTypes.DoubleType)
            .add("x4", DataTypes.DoubleType)
            .add("label", DataTypes.IntegerType);
    Files.copy(
        parquet("text-x1", text, List.of(RowFactory.create("1", 2.0, 3.0, 4.0, 0))),
        mixed.resolve("b.parquet"));
    StructType struct =
        new StructType()
            .add("x1", new StructType().add("a", DataTypes.DoubleType))
            .add("x2", DataTypes.DoubleType)
            .add("x3", DataTypes.DoubleType)
            .add("x4", DataTypes.DoubleType)
            .add("label", DataTypes.IntegerType);
    Path structX1 =
        parquet(
            "struct-x1",
            struct,
            List.of(RowFactory.create(RowFactory.create(1.0), 2.0, 3.0, 4.0, 0)));
    out.add(path("file that is not Parquet", "corpus-parquet", garbage, "bytes \\d+\\.\\.\\d+"));
    out.add(path("Parquet file cut short", "corpus-parquet", cutParquet, "bytes \\d+\\.\\.\\d+"));
    out.add(
        path(
            "corrupt Parquet data page",
            "corpus-parquet",
            corruptPage,
            "row group 0 \\(rows 1\\.\\.2000, from byte \\d+\\)"));
    out.add(
        new Refused(
            "Parquet files that type a column differently",
            "corpus-parquet",
            List.of("path=" + mixed),
            mixed.resolve("b.parquet"),
            "column 'x1' is string"));
    out.add(
        path(
            "Parquet column of the wrong kind",
            "corpus-parquet",
            structX1,
            "column 'x1' is struct<a:double>"));
    out.add(
        path(
            "empty Parquet file",
            "corpus-parquet",
            write("empty.parquet", new byte[0]),
            "0 bytes"));
    return out;
  }

  static Refused idx(String name, Path images, Path labels, Path file, String position) {
    return new Refused(
        name, "corpus-idx", List.of("images=" + images, "labels=" + labels), file, position);
  }

  static Refused path(String name, String dataset, Path file, String position) {
    return new Refused(name, dataset, List.of("path=" + file), file, position);
  }

  @TestFactory
  Stream<DynamicTest> wholeFileProblemsExitTwoNamingTheFileAndPositionAndMoveNoVersion()
      throws IOException {
    // A good batch first, so that "no version moved" is checked against existing tables too.
    Path ok = text("ok.csv", "x1,x2,x3,x4,label", "1,2,3,4,0");
    assertThat(cli("ingest", "--dataset", "corpus-csv", "--source", "path=" + ok).code()).isZero();
    return refusedCases().stream()
        .map(
            c ->
                dynamicTest(
                    c.name(),
                    () -> {
                      Map<String, Long> before = versions(c.dataset());
                      List<String> args =
                          new ArrayList<>(List.of("ingest", "--dataset", c.dataset()));
                      c.sources().forEach(s -> args.addAll(List.of("--source", s)));
                      Cli.Result r = cli(args.toArray(new String[0]));
                      assertThat(r.code()).as(r.err()).isEqualTo(2);
                      List<String> errors =
                          r.err().lines().filter(l -> l.startsWith("lakeforge: error:")).toList();
                      assertThat(errors).as(r.err()).hasSize(1);
                      assertThat(r.err()).as("no stack trace").doesNotContain("\tat ");
                      assertThat(errors.get(0)).contains(c.file().toString());
                      assertThat(errors.get(0)).containsPattern(c.position());
                      assertThat(versions(c.dataset())).isEqualTo(before);
                    }));
  }

  // ---------------------------------------------------------------- quarantined records

  /** A file with good and bad records, and the reasons its bad records must get. */
  record Batch(
      String dataset,
      List<String> sources,
      String idColumn,
      int good,
      int duplicates,
      List<String> reasons) {}

  static List<Batch> batches() throws IOException {
    List<Batch> out = new ArrayList<>();
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(
        String.join(
                "\n",
                "x1,x2,x3,x4,label",
                "1.0,2.0,3.0,1,0",
                "1.5,2.5,3.5,2,1",
                "1.0,2.0,3.0,1,0",
                "2,2,2,3,2",
                "1.0,2.0,3.0,NaN,1",
                "1.0,2.0,4,101",
                "1.0,2.0,3.0,102,0,9",
                "abc,2.0,3.0,103,0",
                "1.0,,3.0,104,0",
                "NaN,2.0,3.0,105,0",
                "1.0,Infinity,3.0,106,1",
                "1.0,2.0,1e999,107,1",
                "1.0,2.0,3.0,108,7",
                "1.0,2.0,3.0,109,1.5",
                "1.0,2.0,3.0,110,99999999999",
                "1.0,\u0000\u0001,3.0,111,0",
                "500,2.0,3.0,113,0",
                "-inf,2,3,114,0",
                "1.0,2.0,")
            .getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
    csv.writeBytes(",112,0\n".getBytes(StandardCharsets.UTF_8));
    out.add(
        new Batch(
            "corpus-csv",
            List.of("path=" + write("bad-rows.csv", csv.toByteArray())),
            "x4",
            4,
            1,
            List.of(
                "101 | parse: CSV row has 4 columns; expected 5: '1.0,2.0,4,101'",
                "102 | parse: CSV row has 6 columns; expected 5",
                "103 | type(x1): value is not double",
                "104 | not_null(x2): value is missing",
                "105 | non_finite(x1): NaN is not a finite number",
                "106 | non_finite(x2): Infinity is not a finite number",
                "107 | non_finite(x3): Infinity is not a finite number",
                "108 | range(label): 7 is outside 0..2",
                "109 | type(label): value is not int",
                "110 | type(label): value is not int",
                "111 | type(x2): value is not double",
                "112 | type(x3): value is not double",
                "113 | range(x1): 500.0 is outside -100..100",
                "114 | non_finite(x1): -Infinity is not a finite number")));

    out.add(
        new Batch(
            "corpus-jsonl",
            List.of(
                "path="
                    + text(
                        "bad-rows.jsonl",
                        "{\"x1\": 1, \"x2\": 2, \"x3\": 3, \"x4\": 1, \"label\": 0}",
                        "{\"x1\": 1.5, \"x2\": 2, \"x3\": 3, \"x4\": 2, \"label\": 1}",
                        "{\"x1\": 1, \"x2\": 2, \"x3\": 3, \"x4\": Infinity, \"label\": 1}",
                        "not json",
                        "{\"x1\": 3, \"x4\": 202",
                        "[1,2,3]",
                        "42",
                        "null",
                        "{\"x1\": NaN, \"x2\": 2, \"x3\": 3, \"x4\": 206, \"label\": 0}",
                        "{\"x1\": [1,2], \"x2\": 2, \"x3\": 3, \"x4\": 207, \"label\": 0}",
                        "{\"x1\": {\"k\": 1}, \"x2\": 2, \"x3\": 3, \"x4\": 208, \"label\": 0}",
                        "{\"x4\": 209}",
                        "{\"x1\": 1, \"x2\": 2, \"x3\": 3, \"x4\": 210, \"label\": \"1.5\"}",
                        "{\"x1\": 1e999, \"x2\": 2, \"x3\": 3, \"x4\": 211, \"label\": 0}",
                        "{\"x1\": 1, \"x2\": 2, \"x3\": 3, \"x4\": 212, \"label\": 9}")),
            "x4",
            3,
            0,
            List.of(
                "null | parse: line is not a JSON object: 'not json'",
                "null | parse: line is not a JSON object: '{\"x1\": 3, \"x4\": 202'",
                "null | parse: line is not a JSON object: '[1,2,3]'",
                "null | parse: line is not a JSON object: '42'",
                "null | parse: line is not a JSON object: 'null'",
                "206 | non_finite(x1): NaN is not a finite number",
                "207 | type(x1): value is not double",
                "208 | type(x1): value is not double",
                "209 | not_null(x1): value is missing; not_null(x2): value is missing; "
                    + "not_null(x3): value is missing; not_null(label): value is missing",
                "210 | type(label): value is not int",
                "211 | non_finite(x1): Infinity is not a finite number",
                "212 | range(label): 9 is outside 0..2")));

    Path svm = Files.createDirectories(tmp.resolve("files/libsvm-parts"));
    text(
        "libsvm-parts/part=a/good.libsvm",
        "1 1:0.5 3:2.0",
        "# a comment",
        "",
        "0 2:1.5",
        "2 1:1 2:2 3:3");
    text(
        "libsvm-parts/part=b/bad.libsvm",
        "x 1:1",
        "1 abc",
        "1 0:1",
        "1 4:1",
        "1 2:1 2:3",
        "1 3:1 1:1",
        "1 1:zz",
        "1 1:1:1",
        "301 1:NaN",
        "302 2:Infinity");
    text("libsvm-parts/_SUCCESS");
    out.add(
        new Batch(
            "corpus-libsvm",
            List.of("path=" + svm),
            "label",
            3,
            0,
            List.of(
                "part=b/bad.libsvm: label 'x' is not a number: 'x 1:1'",
                "null | parse: libsvm line at byte 6 of ",
                "'abc' is not index:value: '1 abc'",
                "index 0 is below 1 (indices are one-based): '1 0:1'",
                "index 4 is beyond the vector length 3: '1 4:1'",
                "index 2 follows index 2 (indices must ascend): '1 2:1 2:3'",
                "index 1 follows index 3 (indices must ascend): '1 3:1 1:1'",
                "the value of index 1 'zz' is not a number: '1 1:zz'",
                "'1:1:1' is not index:value: '1 1:1:1'",
                "301.0 | non_finite(features): element 1 is NaN or infinite",
                "302.0 | non_finite(features): element 2 is NaN or infinite")));

    List<Row> rows = new ArrayList<>(numbers(2));
    rows.add(RowFactory.create(Double.NaN, 2.0, 3.0, 401.0, 0));
    rows.add(RowFactory.create(1.0, 2.0, 3.0, 402.0, null));
    rows.add(RowFactory.create(1.0, 2.0, 3.0, 403.0, 5));
    rows.add(RowFactory.create(1.0, Double.NEGATIVE_INFINITY, 3.0, 404.0, 1));
    rows.add(RowFactory.create(1.0, 2.0, 3.0, Double.POSITIVE_INFINITY, 1));
    out.add(
        new Batch(
            "corpus-parquet",
            List.of("path=" + parquet("bad-rows", NUMBERS_SCHEMA, rows)),
            "x4",
            3,
            0,
            List.of(
                "401.0 | non_finite(x1): NaN is not a finite number",
                "402.0 | not_null(label): value is missing",
                "403.0 | range(label): 5 is outside 0..2",
                "404.0 | non_finite(x2): -Infinity is not a finite number")));

    out.add(
        new Batch(
            "corpus-idx",
            List.of(
                "images=" + write("five-images.idx.gz", gzip(images(5, 2, 2, 20))),
                "labels=" + write("five-labels.idx.gz", gzip(labels(0, 1, 12, 3, 4)))),
            "_record",
            4,
            0,
            List.of("2 | range(label): 12 is outside 0..9")));
    return out;
  }

  private static final Pattern SUMMARY =
      Pattern.compile("rows in (\\d+), rows out (\\d+), quarantined (\\d+), duplicates (\\d+)");

  @TestFactory
  Stream<DynamicTest> malformedRecordsAreQuarantinedWithTheirReasonAndCountsAddUp()
      throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Batch b : batches()) {
      List<String> args = new ArrayList<>(List.of("ingest", "--dataset", b.dataset()));
      b.sources().forEach(s -> args.addAll(List.of("--source", s)));
      Cli.Result ingest = cli(args.toArray(new String[0]));
      Cli.Result curate = cli("curate", "--dataset", b.dataset());
      long raw = spark.read().format("delta").load(layout.raw(b.dataset())).count();
      List<String> quarantined = new ArrayList<>();
      if (DeltaTables.exists(spark, layout.quarantine(b.dataset()))) {
        for (Row r :
            spark
                .read()
                .format("delta")
                .load(layout.quarantine(b.dataset()))
                .selectExpr("cast(`" + b.idColumn() + "` as string)", "_reason")
                .collectAsList()) {
          quarantined.add(r.getString(0) + " | " + r.getString(1));
        }
      }
      long curated = spark.read().format("delta").load(layout.curated(b.dataset())).count();
      tests.add(
          dynamicTest(
              b.dataset() + ": counts add up",
              () -> {
                assertThat(ingest.code()).as(ingest.err()).isZero();
                assertThat(curate.code()).as(curate.err()).isZero();
                Matcher m = SUMMARY.matcher(curate.out());
                assertThat(m.find()).as(curate.out()).isTrue();
                long in = Long.parseLong(m.group(1));
                long rowsOut = Long.parseLong(m.group(2));
                long q = Long.parseLong(m.group(3));
                long d = Long.parseLong(m.group(4));
                assertThat(in).isEqualTo(raw).isEqualTo(rowsOut + q + d);
                assertThat(q)
                    .isEqualTo(
                        b.reasons().stream()
                            .filter(x -> !x.startsWith("null | " + "parse: libsvm line at byte 6"))
                            .count())
                    .isEqualTo(quarantined.size());
                assertThat(rowsOut).isEqualTo(curated).isEqualTo(b.good());
                assertThat(d).isEqualTo(b.duplicates());
              }));
      for (String reason : b.reasons()) {
        tests.add(
            dynamicTest(
                b.dataset() + ": " + reason,
                () ->
                    assertThat(quarantined.stream().filter(x -> x.contains(reason)).count())
                        .as(String.join("\n", quarantined))
                        .isGreaterThanOrEqualTo(1)));
      }
    }
    return tests.stream();
  }

  @Test
  void aNewPartitionFolderIsANewBatch() throws IOException {
    Path dir = tmp.resolve("files/events");
    text(
        "events/day=2026-11-01/part-0.jsonl",
        "{\"x1\": 1, \"x2\": 2, \"x3\": 3, \"x4\": 1, \"label\": 0}");
    text("events/_SUCCESS");
    assertThat(cli("ingest", "--dataset", "corpus-parts", "--source", "path=" + dir).code())
        .isZero();
    assertThat(cli("ingest", "--dataset", "corpus-parts", "--source", "path=" + dir).out())
        .contains("source already ingested");
    text(
        "events/day=2026-11-02/part-0.jsonl",
        "{\"x1\": 2, \"x2\": 2, \"x3\": 3, \"x4\": 2, \"label\": 1}",
        "{\"x1\": 3, \"x2\": 2, \"x3\": 3, \"x4\": 3, \"label\": 2}");
    Cli.Result again = cli("ingest", "--dataset", "corpus-parts", "--source", "path=" + dir);
    assertThat(again.code()).isZero();
    assertThat(again.out()).doesNotContain("already ingested");
    assertThat(spark.read().format("delta").load(layout.raw("corpus-parts")).count()).isEqualTo(3);
    assertThat(cli("curate", "--dataset", "corpus-parts").code()).isZero();
    assertThat(
            spark
                .read()
                .format("delta")
                .load(layout.curated("corpus-parts"))
                .select("x4")
                .orderBy("x4")
                .collectAsList())
        .extracting(r -> r.getDouble(0))
        .containsExactly(1.0, 2.0, 3.0);
  }
}
