package io.lakeforge.jobs.stages;

import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.linalg.DimensionMismatchException;
import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.layers.FeatureBuilder;
import io.lakeforge.datalake.layers.FeaturesLayer;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.models.features.FittedFeatureSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows a model scores: the dataset's features table when it was built with the model's feature
 * spec; otherwise the curated table transformed with the model's own spec, so inference always
 * applies exactly the transform the model was trained with.
 */
record ScoringInput(Dataset<Row> rows, String sourceTable, long sourceVersion, boolean rebuilt) {

  static ScoringInput load(
      JobContext ctx, DatasetSpec spec, FittedFeatureSpec modelSpec, int modelDim, String split) {
    SparkSession spark = ctx.spark();
    String features = ctx.lake().features(spec.name());
    long fv = DeltaTables.requireLatest(spark, features, "featurize", spec.name());
    FittedFeatureSpec current = FeaturesLayer.specAt(spark, features, fv);
    ScoringInput in;
    if (current.sameTransformAs(modelSpec) || !spec.name().equals(modelSpec.dataset())) {
      in = new ScoringInput(DeltaTables.readVersion(spark, features, fv), features, fv, false);
    } else {
      String curated = ctx.lake().curated(spec.name());
      long cv = DeltaTables.latestVersion(spark, curated);
      in =
          new ScoringInput(
              FeatureBuilder.apply(DeltaTables.readVersion(spark, curated, cv), spec, modelSpec),
              curated,
              cv,
              true);
    }
    Dataset<Row> rows =
        split.equals("all") ? in.rows() : in.rows().where(col(FeatureBuilder.SPLIT).equalTo(split));
    // The fitted spec knows the dimension it produces: no need to look at the rows.
    int dim = (in.rebuilt() ? modelSpec : current).dim();
    if (dim != modelDim) {
      throw new DimensionMismatchException(modelDim, dim);
    }
    return new ScoringInput(rows, in.sourceTable(), in.sourceVersion(), in.rebuilt());
  }
}
