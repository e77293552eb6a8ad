package io.lakeforge.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.ModelJson;
import io.lakeforge.models.Output;
import io.lakeforge.testing.Blobs;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkMlApiTest {
  private static SparkSession spark;
  private static Dataset<Row> blobs;
  private static Dataset<Row> tabular;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.get();
    blobs = Blobs.make(spark, 600, 4, 3, 3.0, 2, 7).cache();
    // Raw numeric columns, as a notebook user has them: label = [2 x0 - x1 + noise > 0].
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double x0 = r.nextGaussian() * 10;
      double x1 = r.nextGaussian() * 0.1;
      double x2 = r.nextGaussian();
      rows.add(RowFactory.create(x0, x1, x2, 2 * x0 / 10 - x1 / 0.1 > 0 ? 1.0 : 0.0));
    }
    tabular =
        spark
            .createDataFrame(
                rows,
                new StructType()
                    .add("x0", DataTypes.DoubleType)
                    .add("x1", DataTypes.DoubleType)
                    .add("x2", DataTypes.DoubleType)
                    .add("label", DataTypes.DoubleType))
            .repartition(2)
            .cache();
  }

  @Test
  void kmeansFromSettersAddsTheColumnsOfTransformAndAPrediction() {
    KMeansModel model = new KMeans().setK(3).setMode("lloyd").setMaxIter(10).setSeed(5L).fit(blobs);
    assertThat(model.model().k()).isEqualTo(3);
    assertThat(model.hasParent()).isTrue();
    Dataset<Row> out = model.transform(blobs);
    assertThat(out.columns())
        .contains(Output.CLUSTER, Output.DISTANCE, "prediction", "features", "label");
    assertThat(out.select("prediction").distinct().count()).isEqualTo(3);
    // The model answers what transform's scorer answers: prediction is the cluster.
    assertThat(out.where("prediction != cast(" + Output.CLUSTER + " as double)").count()).isZero();
    assertThat(model.getOrDefault(model.getParam("k"))).isEqualTo(3);
  }

  @Test
  void paramsCarrySageMakersNamesWithTheClisDefaults() {
    KMeans km = new KMeans();
    assertThat(km.getOrDefault(km.getParam("miniBatchSize"))).isEqualTo(5000);
    assertThat(km.getOrDefault(km.getParam("mode"))).isEqualTo("webscale");
    assertThat(km.getOrDefault(km.getParam("extraCenterFactor"))).isEqualTo("auto");
    assertThat(km.getOrDefault(km.getParam("seed"))).isEqualTo(42L);
    assertThat(km.isDefined(km.getParam("k"))).as("k has no default: it is required").isFalse();
    assertThat(km.explainParams()).contains("miniBatchSize", "default: 5000");
    // Defaults stay the trainer's to fill in, as an absent --hp is.
    assertThat(km.hyperparameterValues()).isEmpty();
    assertThat(km.setK(4).hyperparameterValues()).containsExactly(java.util.Map.entry("k", "4"));
  }

  @Test
  void aBadHyperparameterFailsWithTheMessageOfTheCli() {
    assertThatThrownBy(() -> new KMeans().setK(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("hyperparameter k=0 is invalid: expected an integer in 1..")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Param"));
    assertThatThrownBy(() -> new KMeans().setMode("fast"))
        .hasMessageContaining("hyperparameter mode=fast is invalid");
    // Required and combined checks run at fit, by the trainer the CLI builds.
    assertThatThrownBy(() -> new KMeans().fit(blobs)).hasMessageContaining("k is required");
    assertThatThrownBy(() -> new Xgboost().setObjective("multi:softmax").setNumRound(3).fit(blobs))
        .hasMessageContaining("num_class is required");
  }

  @Test
  void aSavedModelLoadsWithIdenticalPredictionsAndIsALakeforgeArtifact(@TempDir Path tmp)
      throws Exception {
    KMeansModel model = new KMeans().setK(3).setMode("lloyd").setSeed(5L).fit(blobs);
    String path = tmp.resolve("kmeans").toString();
    model.write().save(path);
    KMeansModel back = KMeansModel.load(path);
    assertThat(back.uid()).isEqualTo(model.uid());
    assertThat(back.getOrDefault(back.getParam("mode"))).isEqualTo("lloyd");
    assertThat(back.model().centers().values).containsExactly(model.model().centers().values);
    assertThat(rows(back.transform(blobs), Output.CLUSTER))
        .isEqualTo(rows(model.transform(blobs), Output.CLUSTER));
    // The folder is an artifact the CLI, the endpoint and Python read: model.json + Parquet.
    io.lakeforge.models.Model plain = ModelFolders.read(path);
    assertThat(plain.algorithm()).isEqualTo("kmeans");
    assertThat(java.nio.file.Files.exists(tmp.resolve("kmeans/model.json"))).isTrue();
    // And a folder with no Spark ML metadata (as the CLI writes it) loads too.
    String cli = tmp.resolve("cli").toString();
    ModelFolders.write(model.model(), cli);
    assertThat(KMeansModel.load(cli).model().k()).isEqualTo(3);
    assertThatThrownBy(() -> PcaModel.load(cli)).hasMessageContaining("not pca");
  }

  @Test
  void aPipelineOfAssemblerScalerAndLinearLearnerFitsSavesAndLoads(@TempDir Path tmp)
      throws Exception {
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new VectorAssembler()
                      .setInputCols(new String[] {"x0", "x1", "x2"})
                      .setOutputCol("raw"),
                  new StandardScaler().setInputCol("raw").setOutputCol("features"),
                  new LinearLearner()
                      .setPredictorType("binary_classifier")
                      .setEpochs(30)
                      .setMiniBatchSize(32)
                      .setSeed(1L)
                });
    PipelineModel fitted = pipeline.fit(tabular);
    double accuracy =
        new MulticlassClassificationEvaluator()
            .setMetricName("accuracy")
            .evaluate(fitted.transform(tabular));
    assertThat(accuracy).isGreaterThan(0.9);
    String path = tmp.resolve("pipeline").toString();
    fitted.write().save(path);
    PipelineModel back = PipelineModel.load(path);
    assertThat(back.stages()[2]).isInstanceOf(LinearLearnerModel.class);
    assertThat(rows(back.transform(tabular), Output.SCORE))
        .isEqualTo(rows(fitted.transform(tabular), Output.SCORE));
    // The unfitted pipeline saves and loads too, hyperparameters kept.
    pipeline.write().save(tmp.resolve("unfitted").toString());
    LinearLearner ll =
        (LinearLearner) Pipeline.load(tmp.resolve("unfitted").toString()).getStages()[2];
    assertThat(ll.hyperparameterValues()).containsEntry("epochs", "30");
  }

  @Test
  void crossValidatorWithParallelTrialsPicksTheBetterModel() {
    LinearLearner ll =
        new LinearLearner().setPredictorType("binary_classifier").setMiniBatchSize(32).setSeed(1L);
    Dataset<Row> data =
        new VectorAssembler()
            .setInputCols(new String[] {"x0", "x1", "x2"})
            .setOutputCol("features")
            .transform(tabular);
    IntParam epochs = (IntParam) ll.getParam("epochs");
    ParamMap[] grid = new ParamGridBuilder().addGrid(epochs, new int[] {1, 20}).build();
    CrossValidatorModel cv =
        new CrossValidator()
            .setEstimator(ll)
            .setEstimatorParamMaps(grid)
            .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
            .setNumFolds(2)
            .setParallelism(2)
            .setSeed(3)
            .fit(data);
    assertThat(cv.avgMetrics()).hasSize(2);
    assertThat(cv.bestModel()).isInstanceOf(LinearLearnerModel.class);
    assertThat(cv.avgMetrics()[1]).as("20 epochs beat 1").isGreaterThan(cv.avgMetrics()[0]);
    LinearLearnerModel best = (LinearLearnerModel) cv.bestModel();
    assertThat(best.getOrDefault(best.getParam("epochs"))).isEqualTo(20);
  }

  @Test
  void everyOtherBuiltInFitsAndTransformsAsAStage() {
    Dataset<Row> pca = new Pca().setNumComponents(2).fit(blobs).transform(blobs);
    assertThat(pca.columns()).contains(Output.PROJECTION, "prediction");
    assertThat(pca.first().<org.apache.spark.ml.linalg.Vector>getAs("prediction").size())
        .isEqualTo(2);

    Dataset<Row> knn = new Knn().setK(3).setPredictorType("classifier").fit(blobs).transform(blobs);
    assertThat(knn.where("prediction = label").count()).isGreaterThan(570);

    Dataset<Row> xgb =
        new Xgboost()
            .setObjective("multi:softprob")
            .setNumClass(3)
            .setNumRound(5)
            .fit(blobs)
            .transform(blobs);
    assertThat(xgb.where("prediction = label").count()).isGreaterThan(570);

    Dataset<Row> rcf = new RandomCutForest().setNumTrees(50).fit(blobs).transform(blobs);
    assertThat(rcf.columns()).contains(Output.SCORE, "is_anomaly", "prediction");
    // Three tight blobs: mean + 3 standard deviations of the training scores flags few rows.
    assertThat(rcf.where("is_anomaly = 1").count()).isLessThan(60);
  }

  /**
   * Each estimator against the trainer {@code lakeforge train} builds, on the same rows, seed and
   * partitioning: the model's data files are the same bytes, and the estimator's {@code
   * transformSchema} is the schema its model's {@code transform} gives.
   */
  @Test
  void everyEstimatorFitsTheModelTheCliTrainerFitsAndForetellsItsSchema(@TempDir Path tmp)
      throws Exception {
    Dataset<Row> labelled = blobs.withColumn("label", blobs.col("label").cast("double"));
    List<LakeforgeEstimator<?>> estimators =
        List.of(
            new KMeans().setK(3).setMiniBatchSize(100).setSeed(7L),
            new KMeans().setK(3).setMode("lloyd").setSeed(7L),
            new LinearLearner()
                .setPredictorType("multiclass_classifier")
                .setNumClasses(3)
                .setEpochs(3)
                .setSeed(7L),
            new LinearLearner().setPredictorType("regressor").setEpochs(3).setSeed(7L),
            new Pca().setNumComponents(2),
            new Knn()
                .setK(3)
                .setPredictorType("classifier")
                .setSeed(7L)
                .setHyperparameter("sample_size", 200),
            new Xgboost().setObjective("multi:softprob").setNumClass(3).setNumRound(4).setSeed(7L),
            new RandomCutForest().setNumTrees(50).setNumSamplesPerTree(64).setSeed(7L));
    for (LakeforgeEstimator<?> estimator : estimators) {
      String what = estimator.algorithm() + " " + estimator.hyperparameterValues();
      LakeforgeModel<?> model = estimator.fit(labelled);
      io.lakeforge.models.Model cli =
          Algorithms.get(estimator.algorithm())
              .trainer(estimator.hyperparameterValues())
              .fit(labelled, "features", "label")
              .model();
      Path mine = tmp.resolve(model.uid() + "-ml");
      Path theirs = tmp.resolve(model.uid() + "-cli");
      ModelFolders.write(model.lakeforgeModel(), mine.toString());
      ModelFolders.write(cli, theirs.toString());
      assertThat(dataFiles(mine)).as(what).isNotEmpty().isEqualTo(dataFiles(theirs));
      for (String f : dataFiles(mine)) {
        assertThat(Files.readAllBytes(mine.resolve(f)))
            .as("%s: %s", what, f)
            .isEqualTo(Files.readAllBytes(theirs.resolve(f)));
      }
      assertThat(json(ModelFolders.read(mine.toString()).section()))
          .as(what)
          .isEqualTo(json(cli.section()));

      StructType foretold = estimator.transformSchema(labelled.schema());
      assertThat(foretold).as(what).isEqualTo(model.transform(labelled).schema());
      assertThat(foretold.fieldNames()).as(what).contains("prediction");
    }
  }

  @Test
  void trainValidationSplitWithParallelTrialsPicksTheBetterK() {
    Knn knn = new Knn().setPredictorType("classifier").setSeed(1L);
    IntParam k = (IntParam) knn.getParam("k");
    ParamMap[] grid = new ParamGridBuilder().addGrid(k, new int[] {1, 25}).build();
    // Labels flipped at random on a fifth of the rows: one neighbour copies the noise, 25 vote it
    // down.
    Dataset<Row> noisy =
        blobs.withColumn(
            "label",
            org.apache
                .spark
                .sql
                .functions
                .when(
                    org.apache.spark.sql.functions.rand(11).lt(0.2),
                    org.apache.spark.sql.functions.floor(
                        org.apache.spark.sql.functions.rand(12).multiply(3)))
                .otherwise(blobs.col("label"))
                .cast("double"));
    TrainValidationSplitModel tvs =
        new TrainValidationSplit()
            .setEstimator(knn)
            .setEstimatorParamMaps(grid)
            .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
            .setTrainRatio(0.7)
            .setParallelism(2)
            .setSeed(3)
            .fit(noisy);
    assertThat(tvs.validationMetrics()).hasSize(2);
    assertThat(tvs.validationMetrics()[1])
        .as("k=25 beats k=1")
        .isGreaterThan(tvs.validationMetrics()[0]);
    KnnModel best = (KnnModel) tvs.bestModel();
    assertThat(best.getOrDefault(best.getParam("k"))).isEqualTo(25);
  }

  private static JsonNode json(Object section) {
    return ModelJson.MAPPER.valueToTree(section);
  }

  private static List<String> dataFiles(Path folder) throws java.io.IOException {
    try (var files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> folder.relativize(f).toString())
          .filter(f -> !f.equals("model.json") && !f.endsWith(".crc"))
          .sorted()
          .toList();
    }
  }

  private static List<Object> rows(Dataset<Row> df, String col) {
    return df.select(col).collectAsList().stream().map(r -> r.get(0)).toList();
  }
}
