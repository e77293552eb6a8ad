package io.lakeforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeforge.models.Model;
import io.lakeforge.models.Scores;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SageMaker's contract over real HTTP for every algorithm × request type × response type: one
 * endpoint per model folder, three records per request, answers compared field by field with what
 * the model's own scorer computes (the scorer batch transform calls).
 */
class EndpointContractTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TYPES = List.of(MediaTypes.CSV, MediaTypes.JSON, MediaTypes.JSON_LINES);

  @TempDir static Path tmp;

  static final Map<String, Model> MODELS = TestModels.all();
  static final Map<String, InferenceServer> SERVERS = new HashMap<>();

  @BeforeAll
  static void startOneEndpointPerModel() throws Exception {
    for (Map.Entry<String, Model> e : MODELS.entrySet()) {
      String dir = TestModels.write(e.getValue(), tmp.resolve(e.getKey()));
      SERVERS.put(
          e.getKey(),
          InferenceServer.start(
              options(),
              ModelLoader.folder(new Configuration(), dir, ModelLoader.Input.FEATURES),
              quiet()));
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(InferenceServer::close);
  }

  static ServeOptions options() {
    return new ServeOptions("127.0.0.1", 0, 30, ModelLoader.Input.FEATURES, 6L << 20, 4, 5);
  }

  static PrintStream quiet() {
    return new PrintStream(java.io.OutputStream.nullOutputStream());
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String model : MODELS.keySet()) {
      for (String type : TYPES) {
        for (String accept : TYPES) {
          out.add(Arguments.of(model, type, accept));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("cases")
  void everyAlgorithmAnswersInSageMakersShape(String name, String type, String accept)
      throws Exception {
    InferenceServer server = SERVERS.get(name);
    HttpResponse<String> r = Http.post(server.url(), type, accept, body(type));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(accept);
    assertThat(r.headers().firstValue(InferenceServer.MODEL_HEADER)).isPresent();
    List<Map<String, Object>> expected = expected(name, MODELS.get(name));
    List<Map<String, Object>> got =
        switch (accept) {
          case MediaTypes.JSON -> {
            JsonNode root = JSON.readTree(r.body());
            String top =
                switch (name) {
                  case "pca" -> "projections";
                  case "randomcutforest" -> "scores";
                  default -> "predictions";
                };
            assertThat(root.fieldNames()).toIterable().containsExactly(top);
            List<Map<String, Object>> l = new ArrayList<>();
            root.get(top).forEach(n -> l.add(fields(n)));
            yield l;
          }
          case MediaTypes.JSON_LINES -> {
            List<Map<String, Object>> l = new ArrayList<>();
            for (String line : r.body().strip().split("\n")) {
              l.add(fields(JSON.readTree(line)));
            }
            yield l;
          }
          default -> csvAsFields(r.body(), expected);
        };
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void pingAnswersEmptyOkOnceLoadedAndExecutionParametersDescribeBatching() throws Exception {
    String url = SERVERS.get("kmeans").url();
    HttpResponse<String> ping = Http.get(url, "/ping");
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEmpty();
    JsonNode p = JSON.readTree(Http.get(url, "/execution-parameters").body());
    assertThat(p.get("BatchStrategy").asText()).isEqualTo("MULTI_RECORD");
    assertThat(p.get("MaxPayloadInMB").asInt()).isEqualTo(6);
    assertThat(p.get("MaxConcurrentTransforms").asInt()).isEqualTo(4);
  }

  @Test
  void extraHeadersAndMediaTypeParametersAreIgnored() throws Exception {
    String url = SERVERS.get("kmeans").url();
    HttpResponse<String> r =
        Http.CLIENT.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/invocations"))
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Accept", "*/*")
                .header("X-Amzn-SageMaker-Custom-Attributes", "trace=1")
                .header("X-Amzn-Trace-Id", "Root=1-5759e988")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("0,0,0,1\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"predictions\":[{\"closest_cluster\":0.0," + "\"distance_to_cluster\":0.0}]}");
  }

  @Test
  void metricsCountRequestsByStatusWithALatencyHistogram() throws Exception {
    String url = SERVERS.get("pca").url();
    Http.post(url, MediaTypes.CSV, MediaTypes.JSON, "1,2,3,4\n");
    Http.post(url, "text/plain", MediaTypes.JSON, "1,2,3,4\n");
    String m = Http.get(url, "/metrics").body();
    assertThat(m)
        .contains(
            "# TYPE lakeforge_requests_total counter",
            "lakeforge_requests_total{path=\"/invocations\",status=\"200\"} ",
            "lakeforge_errors_total{status=\"415\"} 1",
            "# TYPE lakeforge_invocation_seconds histogram",
            "lakeforge_invocation_seconds_bucket{le=\"+Inf\"} ",
            "lakeforge_records_scored_total ");
    assertThat(m).containsPattern("lakeforge_invocation_seconds_count [1-9]");
  }

  static byte[] body(String type) {
    StringBuilder b = new StringBuilder();
    double[][] recs = TestModels.RECORDS;
    switch (type) {
      case MediaTypes.CSV -> {
        for (double[] r : recs) {
          b.append(join(r)).append('\n');
        }
      }
      case MediaTypes.JSON -> {
        // Both instance forms SageMaker documents, in one request.
        b.append("{\"instances\":[{\"features\":[")
            .append(join(recs[0]))
            .append("]},[")
            .append(join(recs[1]))
            .append("],{\"data\":{\"features\":{\"values\":[")
            .append(join(recs[2]))
            .append("]}}}]}");
      }
      default -> {
        for (double[] r : recs) {
          b.append("{\"features\":[").append(join(r)).append("]}\n");
        }
      }
    }
    return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String join(double[] r) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < r.length; j++) {
      b.append(j > 0 ? "," : "").append(r[j]);
    }
    return b.toString();
  }

  /** SageMaker's record for each row, from the model's scorer (independently of the writer). */
  static List<Map<String, Object>> expected(String name, Model m) {
    double[] x = TestModels.flat();
    int rows = TestModels.RECORDS.length;
    Scores s = m.newScores(rows);
    m.score(x, rows, s);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Map<String, Object> r = new java.util.LinkedHashMap<>();
      switch (name) {
        case "kmeans" -> {
          r.put("closest_cluster", (double) s.ints(0)[i]);
          r.put("distance_to_cluster", s.doubles(1)[i]);
        }
        case "linear-binary" -> {
          r.put("score", s.doubles(1)[i]);
          r.put("predicted_label", (double) s.ints(0)[i]);
        }
        case "linear-multiclass" -> {
          double[] p = ((io.lakeforge.models.linear.LinearModel) m).classProbabilities(x, rows);
          List<Double> probs = new ArrayList<>();
          int best = 0;
          for (int c = 0; c < 3; c++) {
            probs.add(p[i * 3 + c]);
            best = p[i * 3 + c] > p[i * 3 + best] ? c : best;
          }
          assertThat(best).isEqualTo(s.ints(0)[i]);
          assertThat(probs.get(best)).isEqualTo(s.doubles(1)[i]);
          r.put("score", probs);
          r.put("predicted_label", (double) s.ints(0)[i]);
        }
        case "linear-regressor" -> r.put("score", s.doubles(0)[i]);
        case "pca" -> {
          List<Double> p = new ArrayList<>();
          for (double v : s.vectors(0)[i]) {
            p.add(v);
          }
          r.put("projection", p);
        }
        case "knn-classifier" -> r.put("predicted_label", (double) s.ints(0)[i]);
        case "knn-regressor" -> r.put("predicted_label", s.doubles(0)[i]);
        case "xgboost-classifier" -> {
          r.put("predicted_label", (double) s.ints(0)[i]);
          r.put("probability", s.doubles(1)[i]);
        }
        case "xgboost-regressor" -> r.put("predicted_score", s.doubles(0)[i]);
        case "randomcutforest" -> r.put("score", s.doubles(0)[i]);
        default -> throw new IllegalArgumentException(name);
      }
      out.add(r);
    }
    // The three records must not all score alike, or the test would prove little.
    assertThat(out.stream().distinct().count()).as(name + " distinct answers").isEqualTo(3);
    return out;
  }

  private static Map<String, Object> fields(JsonNode n) {
    Map<String, Object> r = new java.util.LinkedHashMap<>();
    n.fields().forEachRemaining(e -> r.put(e.getKey(), value(e.getValue())));
    return r;
  }

  private static Object value(JsonNode v) {
    if (v.isArray()) {
      List<Double> l = new ArrayList<>();
      v.forEach(e -> l.add(e.asDouble()));
      return l;
    }
    return v.asDouble();
  }

  /** CSV carries the JSON record's values in order, a list flattened in place. */
  private static List<Map<String, Object>> csvAsFields(
      String body, List<Map<String, Object>> like) {
    String[] lines = body.strip().split("\n");
    assertThat(lines).hasSize(like.size());
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String[] cells = lines[i].split(",");
      int c = 0;
      Map<String, Object> r = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Object> e : like.get(i).entrySet()) {
        if (e.getValue() instanceof List<?> l) {
          List<Double> v = new ArrayList<>();
          for (int j = 0; j < l.size(); j++) {
            v.add(Double.parseDouble(cells[c++]));
          }
          r.put(e.getKey(), v);
        } else {
          r.put(e.getKey(), Double.parseDouble(cells[c++]));
        }
      }
      assertThat(c).as("values in line " + i).isEqualTo(cells.length);
      out.add(r);
    }
    return out;
  }
}
