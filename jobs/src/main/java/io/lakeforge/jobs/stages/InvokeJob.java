package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.jobs.config.UsageException;
import io.lakeforge.jobs.report.ClusterGallery;
import io.lakeforge.jobs.report.ClusterRow;
import io.lakeforge.models.ModelJson;
import io.lakeforge.models.Output;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The walkthrough's last step: sends the first records of a split (lowest ids) to a running
 * endpoint, compares each answer with the prediction {@code transform} wrote for the same id and
 * the same model version (the one {@code X-Lakeforge-Model} names), and writes {@code invoke.html}
 * + {@code invoke.png}: the records grouped by what the endpoint returned.
 */
public final class InvokeJob {
  public static final String PAGE = "invoke.html";
  public static final String PICTURE = "invoke.png";

  /** Records per request: well under SageMaker's 6 MB for MNIST-sized rows as CSV. */
  static final int BATCH = 200;

  /** Continuous outputs agree within this relative difference (BLAS blocking may differ). */
  static final double TOLERANCE = 1e-9;

  /** Validated options. */
  public record Options(String endpoint, String dataset, String split, int limit) {
    public Options {
      if (!TransformJob.SPLITS.contains(split)) {
        throw new UsageException(
            "--split "
                + split
                + " is invalid: expected one of "
                + String.join(" | ", TransformJob.SPLITS));
      }
      if (limit < 1) {
        throw new UsageException("--limit " + limit + " is invalid: expected at least 1");
      }
      URI u;
      try {
        u = URI.create(endpoint.replaceAll("/+$", ""));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--endpoint " + endpoint + " is not a URL");
      }
      if (u.getScheme() == null || !u.getScheme().startsWith("http")) {
        throw new UsageException(
            "--endpoint " + endpoint + " is invalid: expected " + "http://HOST:PORT");
      }
      endpoint = u.toString();
    }
  }

  /** What happened: the version that answered, the counts, the page. */
  public record Result(String model, int sent, int agreeing, String page) {}

  private record Answer(int group, double[] values) {}

  private InvokeJob() {}

  public static Result run(JobContext ctx, Options o) {
    long t0 = System.nanoTime();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ping(http, o.endpoint());
    SparkSession spark = ctx.spark();
    ctx.stage("invoke", "send " + o.limit() + " " + o.dataset() + " records to " + o.endpoint());
    String features = ctx.lake().features(o.dataset());
    if (!DeltaTables.exists(spark, features)) {
      throw new InvalidInputException(
          "no features table "
              + features
              + "; run `lakeforge "
              + "featurize --dataset "
              + o.dataset()
              + "` first");
    }
    Dataset<Row> df = spark.read().format("delta").load(features);
    if (!o.split().equals("all")) {
      df = df.where(col(FeatureBuilder.SPLIT).equalTo(o.split()));
    }
    List<Row> rows =
        df.select(FeatureBuilder.ID, FeatureBuilder.FEATURES)
            .orderBy(FeatureBuilder.ID)
            .limit(o.limit())
            .collectAsList();
    if (rows.isEmpty()) {
      throw new InvalidInputException(features + " has no " + o.split() + " rows");
    }
    long[] ids = new long[rows.size()];
    List<double[]> x = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.get(i).getLong(0);
      x.add(((Vector) rows.get(i).get(1)).toArray());
    }
    String model = null;
    List<Answer> answers = new ArrayList<>();
    for (int from = 0; from < ids.length; from += BATCH) {
      List<double[]> batch = x.subList(from, Math.min(ids.length, from + BATCH));
      HttpResponse<String> r = post(http, o.endpoint(), csv(batch));
      String answered = r.headers().firstValue("X-Lakeforge-Model").orElse(null);
      if (model != null && !model.equals(answered)) {
        throw new InvalidInputException(
            "the endpoint switched from "
                + model
                + " to "
                + answered
                + " while invoking; run again once its alias is stable");
      }
      model = answered;
      answers.addAll(parse(r.body()));
    }
    if (model == null || !model.contains("@")) {
      throw new InvalidInputException(
          o.endpoint()
              + " did not say which model answered (no "
              + "X-Lakeforge-Model header); is it a lakeforge endpoint?");
    }
    String name = model.substring(0, model.lastIndexOf('@'));
    int version = Integer.parseInt(model.substring(model.lastIndexOf('@') + 1));
    Map<Long, double[]> expected = transformed(ctx, name, version, ids);
    int agree = 0;
    List<Long> missing = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      double[] e = expected.get(ids[i]);
      if (e == null) {
        missing.add(ids[i]);
      } else if (same(e, answers.get(i).values())) {
        agree++;
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          String.format(
              "%d of the %d ids have no prediction of "
                  + "%s in %s; run `lakeforge transform --model %s --dataset %s --split %s` first",
              missing.size(),
              ids.length,
              model,
              ctx.lake().predictions(name),
              model,
              o.dataset(),
              o.split()));
    }
    String page = writePage(ctx, name, version, model, x, answers, agree, o);
    ctx.println(
        String.format(
            "invoke %s: %d/%d predictions agree with transform (%s), %.1f s",
            o.endpoint(),
            agree,
            ids.length,
            ctx.lake().predictions(name),
            (System.nanoTime() - t0) / 1e9));
    ctx.println(page);
    return new Result(model, ids.length, agree, page);
  }

  private static void ping(HttpClient http, String endpoint) {
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint + "/ping"))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new InvalidInputException(
            endpoint
                + "/ping answered "
                + r.statusCode()
                + "; the endpoint has no model loaded yet");
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot reach "
              + endpoint
              + "/ping ("
              + e
              + "); start it with `lakeforge serve --model NAME@REF`");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static HttpResponse<String> post(HttpClient http, String endpoint, String body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint + "/invocations"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "text/csv")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new InvalidInputException(
            endpoint + "/invocations answered " + r.statusCode() + ": " + r.body());
      }
      return r;
    } catch (IOException e) {
      throw new InvalidInputException("cannot reach " + endpoint + "/invocations: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String csv(List<double[]> rows) {
    StringBuilder b = new StringBuilder();
    for (double[] r : rows) {
      for (int j = 0; j < r.length; j++) {
        if (j > 0) {
          b.append(',');
        }
        b.append(r[j]);
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * The endpoint's answers as (group, values): values in transform's column order, group the
   * cluster or label the picture sorts by (-1 for regressors and projections).
   */
  static List<Answer> parse(String body) {
    JsonNode root;
    try {
      root = ModelJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("the endpoint's answer is not JSON: " + e.getMessage());
    }
    JsonNode list = root.has("projections") ? root.get("projections") : root.get("predictions");
    List<Answer> out = new ArrayList<>();
    for (JsonNode p : list) {
      if (p.has("closest_cluster")) {
        int c = (int) p.get("closest_cluster").asDouble();
        out.add(new Answer(c, new double[] {c, p.get("distance_to_cluster").asDouble()}));
      } else if (p.has("projection")) {
        double[] v = new double[p.get("projection").size()];
        for (int j = 0; j < v.length; j++) {
          v[j] = p.get("projection").get(j).asDouble();
        }
        out.add(new Answer(-1, v));
      } else if (p.has("predicted_label") && p.has("score")) {
        int l = p.get("predicted_label").asInt();
        JsonNode s = p.get("score");
        double score = s.isArray() ? s.get(l).asDouble() : s.asDouble();
        out.add(new Answer(l, new double[] {l, score}));
      } else if (p.has("predicted_label")) {
        // k-NN answers only the label (classifier) or the mean label (regressor).
        double v = p.get("predicted_label").asDouble();
        out.add(new Answer(v == Math.rint(v) ? (int) v : -1, new double[] {v}));
      } else {
        out.add(new Answer(-1, new double[] {p.get("score").asDouble()}));
      }
    }
    return out;
  }

  /** transform's prediction per id, in the same order of values as {@link #parse}. */
  private static Map<Long, double[]> transformed(
      JobContext ctx, String name, int version, long[] ids) {
    SparkSession spark = ctx.spark();
    String table = ctx.lake().predictions(name);
    if (!DeltaTables.exists(spark, table)) {
      throw new InvalidInputException(
          "no predictions of "
              + name
              + " in "
              + table
              + "; run "
              + "`lakeforge transform --model "
              + name
              + "@"
              + version
              + " ...` first");
    }
    Dataset<Row> p =
        spark
            .read()
            .format("delta")
            .load(table)
            .where(col("model_version").equalTo(version))
            .where(col(FeatureBuilder.ID).isin(Arrays.stream(ids).boxed().toArray()));
    List<String> cols = new ArrayList<>(List.of(p.columns()));
    Map<Long, double[]> out = new HashMap<>();
    for (Row r : p.collectAsList()) {
      long id = r.getLong(r.fieldIndex(FeatureBuilder.ID));
      double[] v;
      if (cols.contains(Output.CLUSTER)) {
        v =
            new double[] {
              r.getInt(r.fieldIndex(Output.CLUSTER)), r.getDouble(r.fieldIndex(Output.DISTANCE))
            };
      } else if (cols.contains(Output.PROJECTION)) {
        Object proj = r.get(r.fieldIndex(Output.PROJECTION));
        v =
            proj instanceof Vector vec
                ? vec.toArray()
                : toDoubles(r.getList(r.fieldIndex(Output.PROJECTION)));
      } else if (cols.contains(Output.PREDICTED_LABEL)) {
        v =
            new double[] {
              r.getInt(r.fieldIndex(Output.PREDICTED_LABEL)),
              r.getDouble(r.fieldIndex(Output.SCORE))
            };
      } else {
        v = new double[] {r.getDouble(r.fieldIndex(Output.SCORE))};
      }
      out.put(id, v);
    }
    return out;
  }

  private static double[] toDoubles(List<Object> l) {
    double[] d = new double[l.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) l.get(i)).doubleValue();
    }
    return d;
  }

  /**
   * Labels and clusters must be equal; continuous values equal within {@link #TOLERANCE}. A k-NN
   * classifier answers only its label, so only the first value is compared then.
   */
  static boolean same(double[] expected, double[] got) {
    int n = Math.min(expected.length, got.length);
    if (n == 0 || (expected.length != got.length && got.length != 1)) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      double e = expected[j];
      if (Math.abs(e - got[j]) > TOLERANCE * Math.max(1, Math.abs(e))) {
        return false;
      }
    }
    return true;
  }

  private static String writePage(
      JobContext ctx,
      String name,
      int version,
      String model,
      List<double[]> x,
      List<Answer> answers,
      int agree,
      Options o) {
    Map<Integer, List<double[]>> groups = new TreeMap<>();
    for (int i = 0; i < answers.size(); i++) {
      groups.computeIfAbsent(answers.get(i).group(), g -> new ArrayList<>()).add(x.get(i));
    }
    int dim = x.get(0).length;
    int side = (int) Math.round(Math.sqrt(dim));
    boolean images = side * side == dim && !groups.containsKey(-1);
    String dir = ctx.lake().reports(name, version);
    Path pagePath = new Path(dir, PAGE);
    try {
      FileSystem fs = pagePath.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
      fs.mkdirs(new Path(dir));
      StringBuilder rowsHtml = new StringBuilder();
      List<ClusterRow> strips = new ArrayList<>();
      for (Map.Entry<Integer, List<double[]>> g : groups.entrySet()) {
        strips.add(new ClusterRow(g.getKey(), g.getValue().size(), g.getValue()));
        rowsHtml.append(
            String.format(
                "<tr><td><span class=\"sw\" style=\"background:#%06x\">"
                    + "</span> %s</td><td>%d</td></tr>%n",
                ClusterGallery.clusterRgb(Math.max(0, g.getKey())),
                g.getKey() < 0 ? "(none)" : g.getKey().toString(),
                g.getValue().size()));
      }
      if (images) {
        try (OutputStream png = fs.create(new Path(dir, PICTURE), true)) {
          ClusterGallery.writePng(ClusterGallery.render(strips, side, 2, 40), png);
        }
      }
      String html =
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
              + "<title>invoke "
              + esc(model)
              + "</title><style>body{font-family:sans-serif;"
              + "margin:2em}td,th{padding:2px 10px;text-align:left}.sw{display:inline-block;"
              + "width:12px;height:12px}</style></head><body>\n<h1>Endpoint "
              + esc(o.endpoint())
              + " answered as "
              + esc(model)
              + "</h1>\n<p>"
              + answers.size()
              + " "
              + esc(o.dataset())
              + " "
              + esc(o.split())
              + " records sent; <b>"
              + agree
              + "/"
              + answers.size()
              + "</b> predictions agree with transform's ("
              + esc(ctx.lake().predictions(name))
              + ", model_version "
              + version
              + ").</p>\n"
              + (images
                  ? "<p><img src=\""
                      + PICTURE
                      + "\" alt=\"the records grouped by the "
                      + "cluster or label the endpoint returned, one strip per group\"></p>\n"
                  : "")
              + "<table><tr><th>cluster / label</th><th>records</th></tr>\n"
              + rowsHtml
              + "</table></body></html>\n";
      try (OutputStream out = fs.create(pagePath, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
      return pagePath.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pagePath + ": " + e.getMessage(), e);
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
