// What spark-shell defines before the user's first line: `spark` (with Lakeforge's settings:
// Delta, Kryo) and `sc`, and the implicits for $"col" and toDF.
val spark = org.apache.spark.sql.SparkSession.builder()
  .master(sys.env.getOrElse("LAKEFORGE_SPARK_MASTER", "local[2]"))
  .appName("lakeforge-shell")
  .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
  .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
  .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
  .config("spark.kryo.registrator", "io.lakeforge.algorithms.AlgorithmsKryoRegistrator")
  .config("spark.sql.shuffle.partitions", "4")
  .config("spark.ui.showConsoleProgress", "false")
  .getOrCreate()
val sc = spark.sparkContext
sc.setLogLevel("WARN")
import spark.implicits._
