package io.lakeforge.models.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.models.ModelJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureVectorizerTest {
  static FittedColumn numeric(
      String name, String transform, Double fill, double center, double scale) {
    return new FittedColumn(
        name,
        FittedColumn.NUMERIC,
        transform,
        fill == null ? null : "mean",
        fill,
        null,
        center,
        scale,
        null,
        false);
  }

  static FittedColumn oneHot(String name, boolean other, String fill, String... categories) {
    return new FittedColumn(
        name,
        FittedColumn.CATEGORICAL,
        "one-hot",
        fill == null ? null : "most-frequent",
        null,
        fill,
        0,
        1,
        List.of(categories),
        other);
  }

  static FittedFeatureSpec tabular(FittedColumn... columns) {
    int dim = 0;
    for (FittedColumn c : columns) {
      dim += c.width();
    }
    return new FittedFeatureSpec(
        "t",
        null,
        List.of(),
        "none",
        1.0,
        null,
        null,
        "species",
        dim,
        0.2,
        1L,
        List.of(columns),
        List.of("Adelie", "Gentoo", "Chinstrap"));
  }

  @Test
  void oneHotHasOneSlotPerCategoryPlusOther() {
    FeatureVectorizer v =
        FeatureVectorizer.of(tabular(oneHot("island", true, null, "Biscoe", "Dream", "Torgersen")));
    assertThat(v.dim()).isEqualTo(4);
    assertThat(v.vectorize(new Object[] {"Dream"})).containsExactly(0, 1, 0, 0);
    assertThat(
            FeatureVectorizer.of(tabular(oneHot("island", true, null, "Biscoe")))
                .vectorize(new Object[] {"Biscoe"}))
        .containsExactly(1, 0);
  }

  @Test
  void unseenCategoryAtTransformGoesToOther() {
    FeatureVectorizer v =
        FeatureVectorizer.of(tabular(oneHot("island", true, null, "Biscoe", "Dream")));
    assertThat(v.vectorize(new Object[] {"Atlantis"})).containsExactly(0, 0, 1);
    FeatureVectorizer noOther =
        FeatureVectorizer.of(tabular(oneHot("island", false, null, "Biscoe", "Dream")));
    assertThat(noOther.dim()).isEqualTo(2);
    assertThat(noOther.vectorize(new Object[] {"Atlantis"})).containsExactly(0, 0);
  }

  @Test
  void missingValuesTakeTheFittedImputeValue() {
    FeatureVectorizer v =
        FeatureVectorizer.of(
            tabular(
                numeric("mass", "standardize", 4000.0, 4000, 500),
                oneHot("sex", true, "male", "male", "female")));
    assertThat(v.inputFields()).containsExactly("mass", "sex");
    assertThat(v.vectorize(new Object[] {null, null})).containsExactly(0, 1, 0, 0);
    assertThat(v.vectorize(new Object[] {5000, "female"})).containsExactly(2, 0, 1, 0);
  }

  @Test
  void numericTransformsUseTheFittedStatistics() {
    FeatureVectorizer v =
        FeatureVectorizer.of(
            tabular(
                numeric("a", "minmax", null, 10, 40),
                numeric("b", "log1p", null, 0, 1),
                numeric("c", "none", null, 0, 1),
                numeric("d", "standardize", null, 3, 0),
                new FittedColumn(
                    "e",
                    FittedColumn.CATEGORICAL,
                    "index",
                    null,
                    null,
                    null,
                    0,
                    1,
                    List.of("x", "y"),
                    false)));
    double[] out = new double[7];
    v.vectorize(new Object[] {30, Math.E - 1, -2.5, 7, "y"}, out, 1);
    assertThat(out).containsExactly(0, 0.5, 1.0, -2.5, 0, 1, 0);
    assertThat(v.vectorize(new Object[] {10, -5, 0, 0, "zz"}))
        .as("log1p clips, index other")
        .containsExactly(0, 0, 0, 0, 2);
  }

  @Test
  void olderSpecsVectorizeAsBefore() {
    FittedFeatureSpec mnist =
        new FittedFeatureSpec(
            "mnist", "pixels", List.of(), "divide", 255.0, null, null, "label", 3, 0.2, 7L);
    assertThat(FeatureVectorizer.of(mnist).vectorize(new Object[] {new int[] {0, 51, 255}}))
        .containsExactly(0, 0.2, 1);
    assertThat(FeatureVectorizer.of(mnist).vectorize(new Object[] {List.of(255, 0, 0)}))
        .containsExactly(1, 0, 0);
    FittedFeatureSpec blobs =
        new FittedFeatureSpec(
            "blobs",
            null,
            List.of("x1", "x2"),
            "standardize",
            1.0,
            new double[] {1, 2},
            new double[] {2, 0},
            "label",
            2,
            0.25,
            11L);
    FeatureVectorizer v = FeatureVectorizer.of(blobs);
    assertThat(v.inputFields()).containsExactly("x1", "x2");
    assertThat(v.vectorize(new Object[] {5.0, 9.0})).containsExactly(2, 0);
    assertThatThrownBy(() -> v.vectorize(new Object[] {1.0}))
        .hasMessageContaining("a record needs 2 values (x1, x2)");
    assertThatThrownBy(() -> v.vectorize(new Object[] {1.0, "heavy"}))
        .hasMessageContaining("field 'x2': 'heavy' is not a number");
  }

  @Test
  void olderSpecJsonStillReadsAndTheNewFieldsRoundTrip() throws Exception {
    String old =
        "{\"dataset\": \"blobs\", \"columns\": [\"x1\"], \"scaling\": \"standardize\","
            + " \"divisor\": 1.0, \"means\": [1.0], \"stds\": [2.0], \"label\": \"label\", "
            + "\"dim\": 1, \"validation_fraction\": 0.25, \"split_seed\": 11}";
    FittedFeatureSpec read = ModelJson.MAPPER.readValue(old, FittedFeatureSpec.class);
    assertThat(read.transforms()).isNull();
    assertThat(read.labelClasses()).isNull();
    assertThat(read.labelName(1)).isEqualTo("1");
    assertThat(FeatureVectorizer.of(read).vectorize(new Object[] {3.0})).containsExactly(1);

    FittedFeatureSpec tab =
        tabular(
            numeric("mass", "standardize", 4000.0, 4000, 500),
            oneHot("island", true, null, "Biscoe", "Dream"));
    Map<String, Object> map = tab.toMap();
    assertThat(map).containsKeys("transforms", "label_classes");
    FittedFeatureSpec back = FittedFeatureSpec.fromMap(map);
    assertThat(back.sameTransformAs(tab)).isTrue();
    assertThat(back.labelIndex("Gentoo")).isEqualTo(1);
    assertThat(back.labelName(2)).isEqualTo("Chinstrap");
    assertThat(back.featureNames())
        .containsExactly("mass", "island=Biscoe", "island=Dream", "island=other");
    assertThat(
            back.sameTransformAs(
                tabular(
                    numeric("mass", "standardize", 4001.0, 4000, 500),
                    oneHot("island", true, null, "Biscoe", "Dream"))))
        .isFalse();
  }
}
