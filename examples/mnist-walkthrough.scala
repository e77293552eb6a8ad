// The MNIST walkthrough from code, step by step as in a notebook:
//   scripts/spark-shell.sh -i examples/mnist-walkthrough.scala
// features -> fit K-Means (k = 10) -> register -> score 100 validation digits -> the digits
// grouped by cluster, as the report's picture (walkthrough.png). Lake: LAKEFORGE_LAKE or lake/.
import io.lakeforge.Lakeforge
import io.lakeforge.ml.KMeans
import io.lakeforge.jobs.report.{ClusterGallery, ClusterRow}
import scala.jdk.CollectionConverters._

val lakeUri = sys.env.getOrElse("LAKEFORGE_LAKE", sys.props("lakeforge.home") + "/lake")

// 1. The lake stages (each skips itself when its input did not change).
for (stage <- Seq("ingest", "curate", "featurize")) {
  val code = io.lakeforge.jobs.cli.Main.execute(
    Array(stage, "--dataset", "mnist", "--lake", lakeUri), System.out, System.err)
  require(code == 0, s"$stage failed")
}

// 2. The pinned features: the train and validation splits of one Delta version.
val lf = Lakeforge.open(spark, lakeUri)
val features = lf.features("mnist")
println(s"features: ${features.table} version ${features.version}")

// 3. Fit SageMaker's K-Means with its hyperparameter names.
val model = new KMeans().setK(10).setMiniBatchSize(500).setSeed(42L).fit(features.train)

// 4. Register it, as `lakeforge train` would (metrics, lineage), and alias it.
val version = lf.register("mnist-kmeans-notebook", model, features)
println(s"registered ${version.ref}: nmi ${version.metrics.get("nmi")}")
lf.alias(version.ref, "production")

// 5. Score 100 validation digits with the production version.
val scored = lf.load("mnist-kmeans-notebook@production")
  .transform(features.validation.orderBy("id").limit(100))
scored.groupBy("cluster").count().orderBy("cluster").show()

// 6. The digits grouped by the cluster they fell into.
val rows = scored.select("cluster", "features").collect().toSeq
val strips = rows.groupBy(_.getInt(0)).toSeq.sortBy(_._1).map { case (c, rs) =>
  val images = rs.map(_.getAs[org.apache.spark.ml.linalg.Vector](1).toArray).asJava
  new ClusterRow(c, images.size.toLong, images)
}
val png = java.nio.file.Paths.get(lakeUri, "walkthrough.png")
ClusterGallery.writePng(ClusterGallery.render(strips.asJava, 28, 2, 30), png)
println(s"walkthrough: ${rows.size} digits in ${strips.size} clusters -> $png")
