package io.lakeforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelJson;
import io.lakeforge.models.ModelManifest;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --input raw}: records in the dataset's source fields are featurized with the fitted spec
 * in the model folder, so a raw record answers exactly as its features do.
 */
class RawInputTest {
  @TempDir Path tmp;

  static String folderWithSpec(Model m, FittedFeatureSpec spec, Path dir) throws Exception {
    ModelFolder f = new ModelFolder(new Configuration(), dir.toString());
    m.writeData(f);
    f.writeManifest(
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT,
            "raw",
            "run-1",
            m.algorithm(),
            ModelJson.MAPPER.valueToTree(m.section()),
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            spec,
            Map.of(),
            "2026-12-02T00:00:00Z",
            1));
    return dir.toString();
  }

  static InferenceServer serve(String dir, ModelLoader.Input input) throws Exception {
    return InferenceServer.start(
        new ServeOptions("127.0.0.1", 0, 30, input, 1 << 20, 2, 5),
        ModelLoader.folder(new Configuration(), dir, input),
        EndpointContractTest.quiet());
  }

  @Test
  void aRawPixelRecordAnswersAsItsDividedFeatures() throws Exception {
    Model m = TestModels.all().get("kmeans");
    String dir =
        folderWithSpec(
            m,
            new FittedFeatureSpec(
                "digits", "pixels", List.of(), "divide", 5.0, null, null, "label", 4, 0.2, 7),
            tmp.resolve("m"));
    try (InferenceServer raw = serve(dir, ModelLoader.Input.RAW);
        InferenceServer features = serve(dir, ModelLoader.Input.FEATURES)) {
      HttpResponse<String> want =
          Http.post(features.url(), MediaTypes.CSV, null, "0.2,0.4,0,1\n25,25,25,25\n");
      assertThat(want.statusCode()).isEqualTo(200);
      assertThat(Http.post(raw.url(), MediaTypes.CSV, null, "1,2,0,5\n125,125,125,125\n").body())
          .isEqualTo(want.body());
      assertThat(
              Http.post(
                      raw.url(),
                      MediaTypes.JSON,
                      null,
                      "{\"instances\":[{\"pixels\":"
                          + "[1,2,0,5]},{\"pixels\":[125,125,125,125]}]}")
                  .body())
          .isEqualTo(want.body());
      assertThat(raw.model().ref()).isEqualTo("raw@1");
      HttpResponse<String> wrong = Http.post(raw.url(), MediaTypes.CSV, null, "1,2,3\n");
      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.body()).contains("record 0", "3 values", "expected 4");
    }
  }

  @Test
  void rawColumnsAreStandardizedWithTheFittedMeansAndStds() throws Exception {
    Model m = TestModels.all().get("linear-regressor");
    String dir =
        folderWithSpec(
            m,
            new FittedFeatureSpec(
                "tab",
                null,
                List.of("a", "b", "c", "d"),
                "standardize",
                0,
                new double[] {1, 2, 3, 4},
                new double[] {2, 4, 0, 0.5},
                "y",
                4,
                0.2,
                7),
            tmp.resolve("m"));
    try (InferenceServer raw = serve(dir, ModelLoader.Input.RAW);
        InferenceServer features = serve(dir, ModelLoader.Input.FEATURES)) {
      // (x - mean) / std, and 0 where std is 0: as featurize computes it.
      String want =
          Http.post(features.url(), MediaTypes.CSV, MediaTypes.CSV, "1,-0.5,0,2\n").body();
      assertThat(Http.post(raw.url(), MediaTypes.CSV, MediaTypes.CSV, "3,0,9,5\n").body())
          .isEqualTo(want);
      assertThat(
              Http.post(
                      raw.url(),
                      MediaTypes.JSON_LINES,
                      MediaTypes.CSV,
                      "{\"d\": 5, \"c\": 9, \"b\": 0, \"a\": 3}\n")
                  .body())
          .isEqualTo(want);
      HttpResponse<String> missing =
          Http.post(
              raw.url(), MediaTypes.JSON, null, "{\"instances\":[{\"a\":1,\"b\":2,\"c\":3}]}");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("no field 'd'");
    }
  }
}
