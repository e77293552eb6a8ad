package io.lakeforge.datalake.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.models.features.FeatureVectorizer;
import io.lakeforge.models.features.FittedColumn;
import io.lakeforge.models.features.FittedFeatureSpec;
import io.lakeforge.testing.LocalSpark;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fitting and applying per-column transforms on a hand-built curated table whose split is known in
 * advance: values seen only in the validation split must not move anything that was fitted.
 */
class TabularFeaturesTest {
  static final File HOME = new File(System.getProperty("lakeforge.home", ".."));
  static final String SCHEMA =
      "format = csv\nsource { path = x }\nschema = [\n"
          + "  { name = species, type = string }\n  { name = island, type = string }\n"
          + "  { name = mass, type = double, nullable = true }\n"
          + "  { name = sex, type = string, nullable = true }\n]\n"
          + "split { validation-fraction = 0.3, seed = 3 }\n";
  static final String FEATURES =
      "features {\n columns = [\n"
          + "  { name = mass, transform = standardize, impute = mean }\n"
          + "  { name = island, transform = one-hot, max-categories = 2 }\n"
          + "  { name = sex, impute = most-frequent }\n ]\n label = species\n}\n";

  @TempDir static Path tmp;

  static SparkSession spark;
  static DatasetSpec spec;
  static Dataset<Row> curated;
  static List<Double> trainMasses = new ArrayList<>();
  static int rows = 80;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.get();
    Files.writeString(tmp.resolve("tab.conf"), SCHEMA + FEATURES);
    spec = DatasetSpec.load(tmp.toFile(), "tab", HOME);
    List<String> hashes = new ArrayList<>();
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < rows; i++) {
      hashes.add(
          HexFormat.of().formatHex(md.digest(("row " + i).getBytes(StandardCharsets.UTF_8))));
    }
    // The split is a function of the id, so it is known before the values are chosen.
    List<Row> hashRows = hashes.stream().map(h -> RowFactory.create(h)).toList();
    Dataset<Row> h =
        spark.createDataFrame(
            hashRows, new StructType().add(CuratedLayer.CONTENT_HASH, DataTypes.StringType));
    Map<String, String> splitOf =
        h
            .select(
                h.col(CuratedLayer.CONTENT_HASH), FeatureBuilder.split(FeatureBuilder.id(), 0.3, 3))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    List<String> train = hashes.stream().filter(x -> splitOf.get(x).equals("train")).toList();
    int patterned = train.size() / 4 * 4;
    List<Row> data = new ArrayList<>();
    for (int j = 0; j < train.size(); j++) {
      // Gentoo twice as often as Adelie and Chinstrap, which tie: the name breaks the tie.
      String species =
          j >= patterned
              ? "Gentoo"
              : new String[] {"Gentoo", "Gentoo", "Chinstrap", "Adelie"}[j % 4];
      Double mass = j % 5 == 0 ? null : 3000.0 + 10 * j;
      if (mass != null) {
        trainMasses.add(mass);
      }
      data.add(
          RowFactory.create(
              train.get(j),
              species,
              j % 3 == 0 ? "Dream" : "Biscoe",
              mass,
              j % 7 == 0 ? null : (j % 3 == 1 ? "female" : "male")));
    }
    int v = 0;
    for (String x : hashes) {
      if (splitOf.get(x).equals("validation")) {
        // Values only the validation split has: a huge mass, an island never seen, a species
        // never seen.
        data.add(RowFactory.create(x, v++ == 0 ? "Emperor" : "Adelie", "Zebra", 1.0e6, null));
      }
    }
    curated =
        spark.createDataFrame(
            data,
            new StructType()
                .add(CuratedLayer.CONTENT_HASH, DataTypes.StringType)
                .add("species", DataTypes.StringType)
                .add("island", DataTypes.StringType)
                .add("mass", DataTypes.DoubleType)
                .add("sex", DataTypes.StringType));
    assertThat(v).as("some validation rows").isGreaterThan(5);
  }

  @Test
  void stringLabelIsIndexedByFrequencyThenName() {
    FittedFeatureSpec fitted = FeatureBuilder.fit(curated, spec);
    assertThat(fitted.labelClasses()).containsExactly("Gentoo", "Adelie", "Chinstrap");
    Dataset<Row> features = FeatureBuilder.apply(curated, spec, fitted);
    assertThat(features.schema().apply("label").dataType()).isEqualTo(DataTypes.IntegerType);
    Map<Long, Object> labelById =
        features.select("id", "label").collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getLong(0), r -> r.isNullAt(1) ? "null" : r.get(1)));
    List<Row> source = curated.select(FeatureBuilder.id(), curated.col("species")).collectAsList();
    for (Row r : source) {
      String species = r.getString(1);
      Object expected = species.equals("Emperor") ? "null" : fitted.labelIndex(species);
      assertThat(labelById.get(r.getLong(0))).as(species).isEqualTo(expected);
    }
  }

  @Test
  void imputeIsFittedOnTrainOnly() {
    FittedFeatureSpec fitted = FeatureBuilder.fit(curated, spec);
    FittedColumn mass = fitted.transforms().get(0);
    double trainMean =
        trainMasses.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(mass.fill()).isCloseTo(trainMean, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(mass.center()).isCloseTo(trainMean, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(mass.fill())
        .as("the validation split's 1e6 masses are not in it")
        .isLessThan(10_000);
    FittedColumn sex = fitted.transforms().get(2);
    assertThat(sex.fillCategory()).isEqualTo("male");
    assertThat(sex.categories()).containsExactly("male", "female");
  }

  @Test
  void oneHotWidthAndOtherBucketFollowTheCap() {
    FittedFeatureSpec fitted = FeatureBuilder.fit(curated, spec);
    FittedColumn island = fitted.transforms().get(1);
    assertThat(island.categories()).containsExactly("Biscoe", "Dream");
    assertThat(island.width()).isEqualTo(3);
    assertThat(fitted.dim()).isEqualTo(1 + 3 + 3);
    assertThat(fitted.featureNames())
        .containsExactly(
            "mass",
            "island=Biscoe",
            "island=Dream",
            "island=other",
            "sex=male",
            "sex=female",
            "sex=other");
  }

  @Test
  void unseenCategoryAtTransformGoesToOther() {
    FittedFeatureSpec fitted = FeatureBuilder.fit(curated, spec);
    List<Row> validation =
        FeatureBuilder.apply(curated, spec, fitted)
            .where("split = 'validation'")
            .select("features")
            .collectAsList();
    assertThat(validation).isNotEmpty();
    FittedColumn mass = fitted.transforms().get(0);
    for (Row r : validation) {
      double[] x = ((Vector) r.get(0)).toArray();
      assertThat(x[0])
          .isCloseTo(
              (1.0e6 - mass.center()) / mass.scale(), org.assertj.core.data.Offset.offset(1e-9));
      // Zebra is no island of the train split; a missing sex is the most frequent one.
      assertThat(new double[] {x[1], x[2], x[3]}).containsExactly(0, 0, 1);
      assertThat(new double[] {x[4], x[5], x[6]}).containsExactly(1, 0, 0);
    }
    // Spark and the Spark-free vectorizer agree on every row.
    FeatureVectorizer vz = FeatureVectorizer.of(fitted);
    for (Row r : curated.select("mass", "island", "sex", "_content_hash").collectAsList()) {
      double[] expected = vz.vectorize(new Object[] {r.get(0), r.get(1), r.get(2)});
      Row got =
          FeatureBuilder.apply(
                  curated.where(curated.col("_content_hash").equalTo(r.getString(3))), spec, fitted)
              .select("features")
              .first();
      assertThat(((Vector) got.get(0)).toArray()).containsExactly(expected);
      break;
    }
  }

  @Test
  void categoricalColumnWithNoCategoriesInTrainIsRejected() {
    Dataset<Row> noSex =
        curated.withColumn(
            "sex", org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType));
    assertThatThrownBy(() -> FeatureBuilder.fit(noSex, spec))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("features column 'sex' has no categories in the train split");
  }
}
