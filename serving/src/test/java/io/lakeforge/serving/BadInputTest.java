package io.lakeforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad request gets its 4xx with a one-line {@code {"error": "..."}} that says what was wrong
 * and where, never a 500 or a stack trace.
 */
class BadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  static InferenceServer server;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    String dir = TestModels.write(TestModels.all().get("kmeans"), tmp.resolve("kmeans"));
    // A 1 KB limit so that an oversized body is cheap to send.
    server =
        InferenceServer.start(
            new ServeOptions("127.0.0.1", 0, 30, ModelLoader.Input.FEATURES, 1024, 2, 5),
            ModelLoader.folder(new Configuration(), dir, ModelLoader.Input.FEATURES),
            EndpointContractTest.quiet());
    url = server.url();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String error(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.JSON);
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.fieldNames()).toIterable().containsExactly("error");
    String m = n.get("error").asText();
    assertThat(m).doesNotContain("Exception", "\tat ", "\n");
    return m;
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    String big = "1,2,3,4\n".repeat(200);
    assertThat(error(Http.post(url, MediaTypes.CSV, null, big), 413))
        .contains("larger than the limit", "--max-payload-mb");
  }

  @Test
  void aRecordOfTheWrongDimensionIs400NamingIndexExpectedAndReceived() throws Exception {
    assertThat(error(Http.post(url, MediaTypes.CSV, null, "1,2,3,4\n1,2,3\n"), 400))
        .contains("record 1", "dimension 3", "expects 4");
    assertThat(
            error(
                Http.post(
                    url,
                    MediaTypes.JSON,
                    null,
                    "{\"instances\":[[1,2,3,4],[1,2,3,4],{\"features\":[1,2,3,4,5]}]}"),
                400))
        .contains("record 2", "dimension 5", "expects 4");
    assertThat(error(Http.post(url, MediaTypes.JSON_LINES, null, "[1,2]\n"), 400))
        .contains("record 0", "dimension 2", "expects 4");
  }

  @Test
  void malformedCsvIs400WithLineAndColumn() throws Exception {
    assertThat(error(Http.post(url, MediaTypes.CSV, null, "1,2,3,4\n1,x2,3,4\n"), 400))
        .contains("line 2, column 2", "'x2'");
    assertThat(error(Http.post(url, MediaTypes.CSV, null, "1,,3,4\n"), 400))
        .contains("line 1, column 2", "empty");
    assertThat(error(Http.post(url, MediaTypes.CSV, null, "1,NaN,3,4\n"), 400))
        .contains("line 1, column 2");
    assertThat(error(Http.post(url, MediaTypes.CSV, null, "\n\n"), 400)).contains("no records");
  }

  @Test
  void malformedJsonIs400WithThePosition() throws Exception {
    assertThat(
            error(
                Http.post(
                    url, MediaTypes.JSON, null, "{\"instances\": [[1,2,3,4],\n" + "  [1,2,3,}"),
                400))
        .contains("malformed JSON at line 2, column");
    assertThat(error(Http.post(url, MediaTypes.JSON, null, "{\"records\": []}"), 400))
        .contains("expected {\"instances\"");
    assertThat(error(Http.post(url, MediaTypes.JSON, null, "{\"instances\":[[1,2,true,4]]}"), 400))
        .contains("value 2", "not a number");
    assertThat(error(Http.post(url, MediaTypes.JSON_LINES, null, "[1,2,3,4]\n{oops\n"), 400))
        .contains("malformed JSON at line 2");
  }

  @Test
  void anUnknownContentTypeIs415AndAnUnsupportedAcceptIs406() throws Exception {
    assertThat(error(Http.post(url, "application/x-recordio-protobuf", null, "1,2,3,4"), 415))
        .contains("application/x-recordio-protobuf", "text/csv");
    assertThat(error(Http.post(url, null, null, "1,2,3,4"), 415)).contains("no Content-Type");
    assertThat(error(Http.post(url, MediaTypes.CSV, "image/png", "1,2,3,4"), 406))
        .contains("image/png", "application/json");
  }

  @Test
  void otherPathsAndMethodsAre404And405() throws Exception {
    assertThat(error(Http.get(url, "/predict"), 404)).contains("/invocations");
    assertThat(error(Http.get(url, "/invocations"), 405)).contains("POST");
  }

  @Test
  void theServerKeepsAnsweringAfterBadRequests() throws Exception {
    for (int i = 0; i < 3; i++) {
      Http.post(url, MediaTypes.CSV, null, "1,2\n");
    }
    HttpResponse<String> ok = Http.post(url, MediaTypes.CSV, MediaTypes.CSV, "5,5,5,5\n");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1.0,0.0\n");
  }
}
