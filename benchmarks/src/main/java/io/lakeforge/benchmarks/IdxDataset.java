package io.lakeforge.benchmarks;

import io.lakeforge.datalake.readers.IdxReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Loads an MNIST-format IDX pair (e.g. Fashion-MNIST's {@code train} or {@code t10k}) as a cached
 * DataFrame {@code (id long, features vector, label int)} with pixels / 255, in two partitions: the
 * benchmarks' common input, read without the lake so they time training only.
 */
final class IdxDataset {
  static final String FEATURES = "features";
  static final String LABEL = "label";

  private IdxDataset() {}

  static Dataset<Row> load(SparkSession spark, File dir, String prefix) throws IOException {
    IdxReader.Images images;
    byte[] labels;
    String imagesFile = prefix + "-images-idx3-ubyte.gz";
    String labelsFile = prefix + "-labels-idx1-ubyte.gz";
    try (InputStream in = new FileInputStream(new File(dir, imagesFile))) {
      images = IdxReader.readImages(in, dir + "/" + imagesFile);
    }
    try (InputStream in = new FileInputStream(new File(dir, labelsFile))) {
      labels = IdxReader.readLabels(in, dir + "/" + labelsFile);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> px = jsc.broadcast(images.pixels());
    Broadcast<byte[]> lb = jsc.broadcast(labels);
    int dim = images.rows() * images.cols();
    int count = images.count();
    int partitions = 2;
    // One task per partition, each generating its own slice of the rows.
    JavaRDD<Row> rdd =
        jsc.parallelize(
                java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions)
            .flatMap(
                p -> {
                  byte[] pixels = px.value();
                  byte[] lab = lb.value();
                  int from = (int) ((long) count * p / partitions);
                  int to = (int) ((long) count * (p + 1) / partitions);
                  List<Row> rows = new ArrayList<>(to - from);
                  for (int i = from; i < to; i++) {
                    double[] x = new double[dim];
                    for (int j = 0; j < dim; j++) {
                      x[j] = (pixels[i * dim + j] & 0xFF) / 255.0;
                    }
                    rows.add(RowFactory.create((long) i, Vectors.dense(x), lab[i] & 0xFF));
                  }
                  return rows.iterator();
                });
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add(FEATURES, SQLDataTypes.VectorType())
            .add(LABEL, DataTypes.IntegerType);
    return spark.createDataFrame(rdd, schema).persist(StorageLevel.MEMORY_AND_DISK());
  }
}
