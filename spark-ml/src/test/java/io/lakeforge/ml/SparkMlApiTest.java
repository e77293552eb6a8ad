package io.lakeforge.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.models.Output;
import io.lakeforge.testing.Blobs;
import io.lakeforge.testing.LocalSpark;
import io.lakeforge.testing.ModelFolders;
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
  }

  private static List<Object> rows(Dataset<Row> df, String col) {
    return df.select(col).collectAsList().stream().map(r -> r.get(0)).toList();
  }
}
