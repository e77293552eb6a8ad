package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.registry.ModelRef;
import io.lakeforge.datalake.registry.ModelVersion;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.jobs.report.ClusterGallery;
import io.lakeforge.jobs.report.ClusterRow;
import io.lakeforge.jobs.report.ClusterSize;
import io.lakeforge.jobs.report.Figure;
import io.lakeforge.jobs.report.ReportData;
import io.lakeforge.jobs.report.ReportPage;
import io.lakeforge.jobs.report.chart.Axis;
import io.lakeforge.jobs.report.chart.BarChart;
import io.lakeforge.jobs.report.chart.Heatmap;
import io.lakeforge.jobs.report.chart.LineChart;
import io.lakeforge.jobs.report.chart.ScatterPlot;
import io.lakeforge.models.ModelManifest;
import io.lakeforge.models.Output;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Writes a report a person can look at for a model version: {@code report.html} with the metrics,
 * the training curve, hyperparameters and lineage, and the figures the model's algorithm asks for
 * ({@link io.lakeforge.algorithms.api.Algorithm#figures}), drawn inline as SVG — but for the
 * gallery of images, {@code clusters.png} beside the page (validation images grouped by cluster, as
 * in SageMaker's K-Means walkthrough; a heatmap of the centers when rows are not square images).
 */
public final class ReportJob {
  public static final String GALLERY = "clusters.png";
  public static final String TOP_ROWS = "anomalies.png";
  public static final String PAGE = "report.html";

  /** What a report was drawn from, beside it: an unchanged input draws nothing. */
  static final String INPUTS = "_report_inputs.json";

  private static final int IMAGES_PER_CLUSTER = 10;
  private static final int SCALE = 2;
  private static final int MAX_SCATTER_POINTS = 5000;

  /** Validated report options; {@code dataset} null means the model's own dataset. */
  public record Options(String modelRef, String dataset, String split, String outDir) {
    public Options {
      ModelRef.parse(modelRef);
      if (!TransformJob.SPLITS.contains(split)) {
        throw new io.lakeforge.jobs.config.UsageException(
            "--split "
                + split
                + " is invalid: "
                + "expected one of "
                + String.join(" | ", TransformJob.SPLITS));
      }
    }
  }

  /** The figures of a report, the PNGs to write beside the page by name, and cluster sizes. */
  private record Pictures(
      List<Figure> figures, Map<String, BufferedImage> pngs, List<ClusterSize> clusterSizes) {
    static Pictures of(Figure figure) {
      return new Pictures(List.of(figure), Map.of(), List.of());
    }

    Pictures and(Pictures o) {
      List<Figure> all = new ArrayList<>(figures);
      all.addAll(o.figures);
      Map<String, BufferedImage> images = new LinkedHashMap<>(pngs);
      images.putAll(o.pngs);
      List<ClusterSize> sizes = new ArrayList<>(clusterSizes);
      sizes.addAll(o.clusterSizes);
      return new Pictures(all, images, sizes);
    }
  }

  private ReportJob() {}

  /** Writes the report and returns the path of {@code report.html}. */
  public static String run(JobContext ctx, Options o) {
    SparkSession spark = ctx.spark();
    RegisteredModel rm = RegisteredModel.load(ctx, o.modelRef());
    ModelVersion mv = rm.version();
    String datasetName = o.dataset() != null ? o.dataset() : rm.dataset();
    DatasetSpec spec = ctx.config().dataset(datasetName);
    ctx.stage("report", "report for " + mv.ref());
    String out = o.outDir() != null ? o.outDir() : ctx.lake().reports(mv.name(), mv.version());
    // A report is a function of its inputs: when they are those of the report already there,
    // drawing it again would change nothing but its date.
    String inputs =
        DeltaTables.toJson(
            new java.util.TreeMap<>(
                Map.of(
                    "model",
                    mv.ref(),
                    "dataset",
                    datasetName,
                    "split",
                    o.split(),
                    "predictions_version",
                    DeltaTables.latestVersion(spark, ctx.lake().predictions(mv.name())),
                    "code_version",
                    CodeVersion.get())));
    Path inputsFile = new Path(out, INPUTS);
    if (inputs.equals(readQuietly(ctx, inputsFile)) && exists(ctx, new Path(out, PAGE))) {
      ctx.println("report " + mv.ref() + ": unchanged (same model, predictions and code)");
      return out + "/" + PAGE;
    }
    Pictures pictures = new Pictures(List.of(), Map.of(), List.of());
    for (ReportFigure f : Algorithms.get(mv.algorithm()).figures(rm.model())) {
      pictures = pictures.and(draw(ctx, o, rm, spec, datasetName, f));
    }
    ModelManifest.Training training = rm.manifest().training();
    List<Double> curve =
        training == null || training.costHistory() == null ? List.of() : training.costHistory();
    String costLabel =
        training == null || training.costLabel() == null ? "training cost" : training.costLabel();
    ReportData data =
        new ReportData(
            "Lakeforge report: " + mv.ref(),
            mv.ref(),
            Instant.now().toString(),
            mv.metrics(),
            pictures.figures(),
            curve,
            costLabel,
            pictures.clusterSizes(),
            rm.manifest().hyperparameters(),
            reportLineage(rm));
    try {
      Path dir = new Path(out);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(dir);
      for (Map.Entry<String, BufferedImage> image : pictures.pngs().entrySet()) {
        try (OutputStream png = fs.create(new Path(dir, image.getKey()), true)) {
          ClusterGallery.writePng(image.getValue(), png);
        }
      }
      try (OutputStream html = fs.create(new Path(dir, PAGE), true)) {
        html.write(ReportPage.html(data).getBytes(StandardCharsets.UTF_8));
      }
      try (OutputStream json = fs.create(inputsFile, true)) {
        json.write(inputs.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the report to " + out + ": " + e.getMessage(), e);
    }
    return out + "/" + PAGE;
  }

  private static String readQuietly(JobContext ctx, Path p) {
    try (java.io.InputStream in =
        p.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration()).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean exists(JobContext ctx, Path p) {
    try {
      return p.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      return false;
    }
  }

  /** Draws one figure an algorithm asked for. */
  private static Pictures draw(
      JobContext ctx,
      Options o,
      RegisteredModel rm,
      DatasetSpec spec,
      String datasetName,
      ReportFigure figure) {
    ModelVersion mv = rm.version();
    if (figure instanceof ReportFigure.Gallery g) {
      return clusters(ctx, spec, rm, g, predictions(ctx, o, mv, datasetName));
    }
    if (figure instanceof ReportFigure.ConfusionMatrix) {
      return confusion(predictions(ctx, o, mv, datasetName), rm.featureSpec());
    }
    if (figure instanceof ReportFigure.PredictedVsActual) {
      return scatter(predictions(ctx, o, mv, datasetName));
    }
    if (figure instanceof ReportFigure.FeatureBars f) {
      return featureBars(f, rm);
    }
    if (figure instanceof ReportFigure.ScoreDistribution d) {
      // The line the predictions were flagged at: a --threshold of the transform, if it had one.
      double threshold =
          TransformJob.scoredThreshold(
                  ctx.spark(), ctx.lake().predictions(mv.name()), mv.version(), o.split())
              .orElse(d.threshold());
      return scoreDistribution(
          new ReportFigure.ScoreDistribution(d.scoreColumn(), threshold),
          predictions(ctx, o, mv, datasetName));
    }
    if (figure instanceof ReportFigure.TopRows t) {
      return topRows(ctx, spec, rm, t, predictions(ctx, o, mv, datasetName));
    }
    if (figure instanceof ReportFigure.Bars b) {
      return Pictures.of(
          Figure.chart(
              b.heading(),
              b.caption(),
              BarChart.vertical(
                  b.heading(),
                  b.categoryTitle(),
                  b.valueTitle(),
                  b.labels(),
                  doubles(b.values()))));
    }
    ReportFigure.Line l = (ReportFigure.Line) figure;
    double[] x = new double[l.values().size()];
    Arrays.setAll(x, i -> i + 1);
    return Pictures.of(
        Figure.chart(
            l.heading(),
            l.caption(),
            new LineChart(
                l.heading(),
                Axis.linear(l.xTitle()),
                Axis.linear(l.yTitle()),
                List.of(new LineChart.Series(l.heading(), x, doubles(l.values()))))));
  }

  /** The {@code top} largest non-zero values, largest first, named from the feature spec. */
  private static Pictures featureBars(ReportFigure.FeatureBars f, RegisteredModel rm) {
    double[] v = f.values();
    List<String> names = rm.featureSpec() == null ? List.of() : rm.featureSpec().featureNames();
    boolean named = names.size() == v.length;
    Integer[] order = new Integer[v.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(v[b], v[a]));
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < order.length && labels.size() < f.top() && v[order[i]] > 0; i++) {
      labels.add(named ? names.get(order[i]) : "feature " + order[i]);
      values.add(v[order[i]]);
    }
    return Pictures.of(
        Figure.chart(
            f.heading(),
            f.caption(),
            BarChart.horizontal(
                f.heading(),
                named ? "feature" : "feature (index in the feature vector)",
                f.valueTitle(),
                labels,
                doubles(values))));
  }

  private static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The version's predictions for the report's split; an error says how to make them. */
  private static Dataset<Row> predictions(
      JobContext ctx, Options o, ModelVersion mv, String datasetName) {
    String table = ctx.lake().predictions(mv.name());
    if (!DeltaTables.exists(ctx.spark(), table)) {
      throw new InvalidInputException(
          String.format(
              "no predictions at %s; run `lakeforge " + "transform --model %s --dataset %s` first",
              table, mv.ref(), datasetName));
    }
    Dataset<Row> preds =
        ctx.spark()
            .read()
            .format("delta")
            .load(table)
            .where(col("model_version").equalTo(mv.version()));
    if (!o.split().equals("all")) {
      preds = preds.where(col(FeatureBuilder.SPLIT).equalTo(o.split()));
    }
    if (preds.isEmpty()) {
      throw new InvalidInputException(
          String.format(
              "%s has no %s predictions of %s; run "
                  + "`lakeforge transform --model %s --dataset %s --split %s` first",
              table, o.split(), mv.ref(), mv.ref(), datasetName, o.split()));
    }
    return preds;
  }

  private static Pictures confusion(
      Dataset<Row> preds, io.lakeforge.models.features.FittedFeatureSpec fs) {
    if (!Arrays.asList(preds.columns()).contains(FeatureBuilder.LABEL)) {
      return Pictures.of(
          Figure.unavailable(
              "Confusion matrix", "No labels in the scored rows, so no confusion matrix."));
    }
    // With a string label the names are in label / predicted_label, the indices beside them.
    boolean named = Arrays.asList(preds.columns()).contains(TransformJob.LABEL_INDEX);
    List<Row> cells =
        preds
            .where(col(named ? TransformJob.LABEL_INDEX : FeatureBuilder.LABEL).isNotNull())
            .groupBy(
                col(named ? TransformJob.LABEL_INDEX : FeatureBuilder.LABEL).cast("int"),
                col(named ? TransformJob.PREDICTED_INDEX : Output.PREDICTED_LABEL).cast("int"))
            .count()
            .collectAsList();
    int size = 2;
    for (Row r : cells) {
      size = Math.max(size, Math.max(r.getInt(0), r.getInt(1)) + 1);
    }
    if (fs != null && fs.labelClasses() != null) {
      size = Math.max(size, fs.labelClasses().size());
    }
    long[][] counts = new long[size][size];
    for (Row r : cells) {
      counts[r.getInt(0)][r.getInt(1)] += r.getLong(2);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < size; c++) {
      names.add(fs == null ? String.valueOf(c) : fs.labelName(c));
    }
    return Pictures.of(
        Figure.chart(
            "Confusion matrix",
            "Rows are the actual class, columns "
                + "the predicted class; numbers are record counts, and the darker a cell, the larger its "
                + "share of the row (hover a cell for the share).",
            Heatmap.confusionMatrix(names, counts)));
  }

  private static Pictures scatter(Dataset<Row> preds) {
    if (!Arrays.asList(preds.columns()).contains(FeatureBuilder.LABEL)) {
      return Pictures.of(
          Figure.unavailable(
              "Predicted vs actual",
              "No labels in the scored rows, so nothing to compare the predictions with."));
    }
    List<Row> rows =
        preds
            .orderBy(FeatureBuilder.ID)
            .select(col(FeatureBuilder.LABEL).cast("double"), col(Output.SCORE))
            .limit(MAX_SCATTER_POINTS)
            .collectAsList();
    double[] actual = new double[rows.size()];
    double[] predicted = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      actual[i] = rows.get(i).getDouble(0);
      predicted[i] = rows.get(i).getDouble(1);
    }
    return Pictures.of(
        Figure.chart(
            "Predicted vs actual",
            "One point per record (the first "
                + MAX_SCATTER_POINTS
                + " by id): actual value across, prediction up; points on the dashed "
                + "diagonal are predicted exactly.",
            ScatterPlot.predictedVsActual(actual, predicted)));
  }

  private static Pictures clusters(
      JobContext ctx,
      DatasetSpec spec,
      RegisteredModel rm,
      ReportFigure.Gallery g,
      Dataset<Row> preds) {
    List<ClusterSize> sizes = new ArrayList<>();
    for (Row r : preds.groupBy(g.groupColumn()).count().orderBy(g.groupColumn()).collectAsList()) {
      sizes.add(new ClusterSize(r.getInt(0), r.getLong(1)));
    }
    int dim = rm.model().featureDim();
    int side = imageSide(rm);
    if (side > 0) {
      BufferedImage image =
          ClusterGallery.render(
              gallery(ctx, spec, rm, g, preds, sizes), side, SCALE, IMAGES_PER_CLUSTER);
      return new Pictures(
          List.of(
              Figure.png(
                  "Clusters",
                  "One row per cluster: validation images "
                      + "assigned to it; the coloured block at the left of each row matches the swatch in the "
                      + "cluster sizes table.",
                  GALLERY)),
          Map.of(GALLERY, image),
          sizes);
    }
    List<String> groups = new ArrayList<>();
    for (int c = 0; c < g.prototypes().size(); c++) {
      groups.add(String.valueOf(c));
    }
    // Named features (e.g. island=Biscoe) when the spec knows them, positions otherwise.
    List<String> names = rm.featureSpec() == null ? List.of() : rm.featureSpec().featureNames();
    List<String> features = new ArrayList<>();
    for (int j = 0; j < dim; j++) {
      features.add(names.size() == dim ? names.get(j) : String.valueOf(j));
    }
    return new Pictures(
        List.of(
            Figure.chart(
                "Cluster centers",
                "One row per cluster center, one "
                    + "column per feature; each feature is shaded from its lowest (light) to its highest "
                    + "(dark) value over the centers.",
                new Heatmap(
                    "Cluster centers",
                    "cluster",
                    "feature",
                    groups,
                    features,
                    g.prototypes().toArray(new double[0][]),
                    Heatmap.Shading.COLUMN))),
        Map.of(),
        sizes);
  }

  private static final int SCORE_BINS = 40;

  /** A histogram of the scores in {@value #SCORE_BINS} bins, binned by Spark, and the threshold. */
  private static Pictures scoreDistribution(ReportFigure.ScoreDistribution d, Dataset<Row> preds) {
    Row range =
        preds
            .agg(
                org.apache.spark.sql.functions.min(d.scoreColumn()),
                org.apache.spark.sql.functions.max(d.scoreColumn()))
            .first();
    double lo = Math.min(range.getDouble(0), d.threshold());
    double hi = Math.max(range.getDouble(1), d.threshold());
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    // A little room on the right, so that the threshold line never sits on the frame.
    hi += (hi - lo) * 0.02;
    double width = (hi - lo) / SCORE_BINS;
    double[] edges = new double[SCORE_BINS + 1];
    Arrays.setAll(edges, i -> lo + i * width);
    double[] counts = new double[SCORE_BINS];
    for (Row r :
        preds
            .select(
                org.apache
                    .spark
                    .sql
                    .functions
                    .least(
                        org.apache.spark.sql.functions.floor(
                            col(d.scoreColumn()).minus(lo).divide(width)),
                        org.apache.spark.sql.functions.lit(SCORE_BINS - 1))
                    .cast("int")
                    .as("bin"))
            .groupBy("bin")
            .count()
            .collectAsList()) {
      counts[r.getInt(0)] = r.getLong(1);
    }
    return Pictures.of(
        Figure.chart(
            "Anomaly scores",
            "How many scored records fall at each anomaly score; records right of the dashed "
                + "line (the threshold) are flagged as anomalies.",
            new io.lakeforge.jobs.report.chart.Histogram(
                "Anomaly scores",
                Axis.linear("anomaly score"),
                "records",
                edges,
                counts,
                List.of(
                    new io.lakeforge.jobs.report.chart.ReferenceLine(
                        d.threshold(), String.format("threshold %.3g", d.threshold()))))));
  }

  /** The highest-scoring rows: as images when rows are square images, else scores by id. */
  private static Pictures topRows(
      JobContext ctx,
      DatasetSpec spec,
      RegisteredModel rm,
      ReportFigure.TopRows t,
      Dataset<Row> preds) {
    List<Row> top =
        preds
            .orderBy(col(t.scoreColumn()).desc(), col(FeatureBuilder.ID))
            .select(FeatureBuilder.ID, t.scoreColumn())
            .limit(t.count())
            .collectAsList();
    int dim = rm.model().featureDim();
    int side = imageSide(rm);
    if (side > 0 && !top.isEmpty()) {
      List<Object> ids = new ArrayList<>();
      top.forEach(r -> ids.add(r.get(0)));
      Map<Object, double[]> vectors = new HashMap<>();
      for (Row r :
          ScoringInput.load(ctx, spec, rm.featureSpec(), dim, "all")
              .rows()
              .where(col(FeatureBuilder.ID).isin(ids.toArray()))
              .select(FeatureBuilder.ID, FeatureBuilder.FEATURES)
              .collectAsList()) {
        vectors.put(r.get(0), ((Vector) r.get(1)).toArray());
      }
      List<double[]> images = new ArrayList<>();
      for (Object id : ids) {
        if (vectors.containsKey(id)) {
          images.add(vectors.get(id));
        }
      }
      List<ClusterRow> strip = List.of(new ClusterRow(0, images.size(), images));
      return new Pictures(
          List.of(
              Figure.png(
                  "Most anomalous records",
                  "The "
                      + images.size()
                      + " scored records with the highest anomaly score, "
                      + "highest first.",
                  TOP_ROWS)),
          Map.of(TOP_ROWS, ClusterGallery.render(strip, side, SCALE, t.count())),
          List.of());
    }
    List<String> labels = new ArrayList<>();
    double[] scores = new double[top.size()];
    for (int i = 0; i < top.size(); i++) {
      labels.add("record " + top.get(i).get(0));
      scores[i] = top.get(i).getDouble(1);
    }
    return Pictures.of(
        Figure.chart(
            "Most anomalous records",
            "The scored records with the highest anomaly score, highest first.",
            BarChart.horizontal(
                "Most anomalous records", "record", "anomaly score", labels, scores)));
  }

  /**
   * The side of the square images the model's rows are, or 0 when they are not images. Per-column
   * transforms (one-hot, imputed measurements) are never an image, even when their features happen
   * to number a square.
   */
  private static int imageSide(RegisteredModel rm) {
    int dim = rm.model().featureDim();
    int side = (int) Math.round(Math.sqrt(dim));
    boolean imageRows = rm.featureSpec() == null || rm.featureSpec().transforms() == null;
    return imageRows && side * side == dim ? side : 0;
  }

  private static List<ClusterRow> gallery(
      JobContext ctx,
      DatasetSpec spec,
      RegisteredModel rm,
      ReportFigure.Gallery g,
      Dataset<Row> preds,
      List<ClusterSize> sizes) {
    String group = g.groupColumn();
    Dataset<Row> sample =
        preds
            .withColumn(
                "__rn", row_number().over(Window.partitionBy(group).orderBy(FeatureBuilder.ID)))
            .where(col("__rn").leq(IMAGES_PER_CLUSTER))
            .select(FeatureBuilder.ID, group);
    Dataset<Row> vectors =
        ScoringInput.load(ctx, spec, rm.featureSpec(), rm.model().featureDim(), "all")
            .rows()
            .select(FeatureBuilder.ID, FeatureBuilder.FEATURES);
    Map<Integer, List<double[]>> byCluster = new HashMap<>();
    for (Row r :
        sample.join(vectors, FeatureBuilder.ID).orderBy(group, FeatureBuilder.ID).collectAsList()) {
      byCluster
          .computeIfAbsent(r.getInt(1), c -> new ArrayList<>())
          .add(((Vector) r.get(2)).toArray());
    }
    Map<Integer, Long> sizeOf = new HashMap<>();
    sizes.forEach(s -> sizeOf.put(s.cluster(), s.records()));
    List<ClusterRow> rows = new ArrayList<>();
    for (int c = 0; c < g.groups(); c++) {
      rows.add(new ClusterRow(c, sizeOf.getOrDefault(c, 0L), byCluster.getOrDefault(c, List.of())));
    }
    return rows;
  }

  private static Map<String, Object> reportLineage(RegisteredModel rm) {
    Map<String, Object> lineage = new LinkedHashMap<>(rm.manifest().lineage());
    lineage.remove("feature_spec");
    lineage.put("artifact", rm.version().artifactUri());
    lineage.put("registered_at", String.valueOf(rm.version().createdAt()));
    return lineage;
  }
}
