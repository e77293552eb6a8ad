package io.lakeforge.datalake.layers;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.delta.DeltaCommits;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The featurize stage: builds {@code features/<ds>} (id, features, label, split) from a pinned
 * curated version. The fitted feature spec and the curated table and version it came from are
 * recorded on the features commit (and the spec also in {@code _feature_spec.json} beside the
 * table), so a model can be traced to its exact inputs and inference applies the same transform.
 */
public final class FeaturesLayer {
  public static final String SPEC_FILE = "_feature_spec.json";
  public static final String SOURCE_VERSION = "source_version";
  public static final String FEATURE_SPEC = "feature_spec";

  private FeaturesLayer() {}

  public static StageSummary featurize(SparkSession spark, LakeLayout lake, DatasetSpec spec) {
    // Two featurize runs at once: the second overwrite conflicts and its retry finds the work done.
    return DeltaCommits.retrying(
        "featurize " + spec.name(), () -> featurizeOnce(spark, lake, spec));
  }

  private static StageSummary featurizeOnce(SparkSession spark, LakeLayout lake, DatasetSpec spec) {
    long t0 = System.nanoTime();
    String curatedTable = lake.curated(spec.name());
    String featuresTable = lake.features(spec.name());
    long curatedVersion = DeltaTables.requireLatest(spark, curatedTable, "curate", spec.name());
    Dataset<Row> curated = DeltaTables.readVersion(spark, curatedTable, curatedVersion);
    Optional<Map<String, Object>> last =
        DeltaTables.lastWrite(spark, featuresTable)
            .map(DeltaTables.CommitInfo::metadata)
            .filter(m -> m.containsKey(SOURCE_VERSION));
    String specText =
        spec.features().toString() + spec.validationFraction() + "/" + spec.splitSeed();
    if (last.isPresent()
        && ((Number) last.get().get(SOURCE_VERSION)).longValue() == curatedVersion
        && specText.equals(last.get().get("spec_text"))) {
      return new StageSummary(
          "featurize",
          featuresTable,
          0,
          0,
          0,
          0,
          null,
          RawLayer.seconds(t0),
          "curated version " + curatedVersion + " already featurized");
    }
    FittedFeatureSpec fitted = FeatureBuilder.fit(curated, spec);
    Dataset<Row> features = FeatureBuilder.apply(curated, spec, fitted);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("stage", "featurize");
    meta.put("dataset", spec.name());
    meta.put("source_table", curatedTable);
    meta.put(SOURCE_VERSION, curatedVersion);
    meta.put("spec_text", specText);
    meta.put(FEATURE_SPEC, fitted.toMap());
    DeltaCommits.Commit c =
        DeltaCommits.commit(
            spark,
            featuresTable,
            meta,
            json ->
                DeltaCommits.writer(features, "overwrite", json)
                    .option("overwriteSchema", "true")
                    .save(featuresTable));
    writeSpecFile(spark, featuresTable, meta);
    long rows = c.metric("numOutputRows");
    return new StageSummary(
        "featurize",
        featuresTable,
        rows,
        rows,
        0,
        0,
        c.versionOrNull(),
        RawLayer.seconds(t0),
        "from curated version "
            + curatedVersion
            + ", "
            + fitted.dim()
            + " features, "
            + describe(fitted));
  }

  private static String describe(FittedFeatureSpec fitted) {
    String how =
        fitted.transforms() == null
            ? "scaling " + fitted.scaling()
            : fitted.transforms().size() + " columns transformed (fitted on the train split)";
    return fitted.labelClasses() == null
        ? how
        : how + ", label " + fitted.label() + " indexed " + "as " + fitted.labelClasses();
  }

  /** The fitted feature spec recorded on a features table version. */
  @SuppressWarnings("unchecked")
  public static FittedFeatureSpec specAt(SparkSession spark, String featuresTable, long version) {
    Map<String, Object> meta = DeltaTables.commitMetadata(spark, featuresTable, version);
    Object spec = meta.get(FEATURE_SPEC);
    if (spec == null) {
      throw new InvalidInputException(
          featuresTable
              + " version "
              + version
              + " has no feature spec; rebuild it with `lakeforge featurize`");
    }
    return FittedFeatureSpec.fromMap((Map<String, Object>) spec);
  }

  /** The lineage recorded on a features table version (source table and version). */
  public static Map<String, Object> lineageAt(
      SparkSession spark, String featuresTable, long version) {
    return DeltaTables.commitMetadata(spark, featuresTable, version);
  }

  private static void writeSpecFile(SparkSession spark, String table, Map<String, Object> meta) {
    Path p = new Path(table, SPEC_FILE);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, true)) {
        out.write(DeltaTables.toJson(meta).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
