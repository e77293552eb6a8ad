package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.lit;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the MNIST IDX format (an images file, magic 2051, and a labels file, magic 2049; gzip or
 * plain, detected from the content). Both files are checked whole before any row is produced: a
 * truncated file, a wrong magic number or differing counts fail with the file's name.
 */
public final class IdxReader implements SourceReader {
  public static final int IMAGES_MAGIC = 2051;
  public static final int LABELS_MAGIC = 2049;

  /** Decoded images: {@code count} images of {@code rows × cols} unsigned bytes. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String imagesUri = spec.sources().get("images");
    String labelsUri = spec.sources().get("labels");
    SourceFiles.require(conf, imagesUri, "an IDX images file (magic 2051)");
    SourceFiles.require(conf, labelsUri, "an IDX labels file (magic 2049)");
    Images images;
    byte[] labels;
    try (InputStream in = SourceFiles.open(conf, imagesUri)) {
      images = readImages(in, imagesUri);
    } catch (IOException e) {
      throw new InvalidInputException(imagesUri + ": cannot be read: " + e.getMessage(), e);
    }
    try (InputStream in = SourceFiles.open(conf, labelsUri)) {
      labels = readLabels(in, labelsUri);
    } catch (IOException e) {
      throw new InvalidInputException(labelsUri + ": cannot be read: " + e.getMessage(), e);
    }
    if (images.count() != labels.length) {
      throw new InvalidInputException(String.format(
          "%s has %d images but %s has %d labels; expected the same count in both files",
          imagesUri, images.count(), labelsUri, labels.length));
    }
    // The driver has checked both files whole; the rows are decoded again on an executor so that
    // 60,000 images never travel inside a task description.
    byte[] labelBytes = labels;
    String labelField = spec.readerOptions().getOrDefault("label-field", "label");
    String imageField = spec.readerOptions().getOrDefault("image-field", "pixels");
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .binaryFiles(imagesUri, 1)
        .flatMap(file -> {
          Images im;
          try (InputStream in = file._2().open()) {
            im = readImages(in, imagesUri);
          }
          int dim = im.rows() * im.cols();
          List<Row> out = new ArrayList<>(im.count());
          for (int i = 0; i < im.count(); i++) {
            int[] px = new int[dim];
            for (int j = 0; j < dim; j++) {
              px[j] = im.pixels()[i * dim + j] & 0xFF;
            }
            out.add(RowFactory.create((long) i, labelBytes[i] & 0xFF, px));
          }
          return out.iterator();
        });
    StructType schema = new StructType()
        .add(RECORD_COL, DataTypes.LongType, false)
        .add(labelField, DataTypes.IntegerType, false)
        .add(imageField, DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    return spark.createDataFrame(rows, schema)
        .withColumn(PARSE_ERROR_COL, lit(null).cast(DataTypes.StringType));
  }

  /** Parses an IDX images file; {@code name} is used in error messages. */
  public static Images readImages(InputStream raw, String name) {
    try (DataInputStream in = new DataInputStream(decompressed(raw))) {
      int magic = readHeaderInt(in, name, "the magic number");
      if (magic != IMAGES_MAGIC) {
        throw new InvalidInputException(String.format(
            "%s: IDX magic number %d is not %d; expected an images file (unsigned bytes, 3 "
                + "dimensions)", name, magic, IMAGES_MAGIC));
      }
      int count = readHeaderInt(in, name, "the image count");
      int rows = readHeaderInt(in, name, "the row count");
      int cols = readHeaderInt(in, name, "the column count");
      if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
        throw new InvalidInputException(String.format(
            "%s: IDX header says %d images of %dx%d; expected positive sizes", name, count, rows,
            cols));
      }
      byte[] pixels = new byte[count * rows * cols];
      readFully(in, pixels, name, "image data");
      requireEnd(in, name);
      return new Images(count, rows, cols, pixels);
    } catch (IOException e) {
      throw corrupt(name, e);
    }
  }

  /** Parses an IDX labels file. */
  public static byte[] readLabels(InputStream raw, String name) {
    try (DataInputStream in = new DataInputStream(decompressed(raw))) {
      int magic = readHeaderInt(in, name, "the magic number");
      if (magic != LABELS_MAGIC) {
        throw new InvalidInputException(String.format(
            "%s: IDX magic number %d is not %d; expected a labels file (unsigned bytes, 1 "
                + "dimension)", name, magic, LABELS_MAGIC));
      }
      int count = readHeaderInt(in, name, "the label count");
      if (count < 0) {
        throw new InvalidInputException(name + ": IDX header says " + count + " labels");
      }
      byte[] labels = new byte[count];
      readFully(in, labels, name, "labels");
      requireEnd(in, name);
      return labels;
    } catch (IOException e) {
      throw corrupt(name, e);
    }
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  private static int readHeaderInt(DataInputStream in, String name, String what)
      throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new InvalidInputException(String.format(
          "%s: file ends inside the IDX header (reading %s); expected a complete IDX file", name,
          what));
    }
  }

  private static void readFully(DataInputStream in, byte[] dst, String name, String what)
      throws IOException {
    int off = 0;
    while (off < dst.length) {
      int n;
      try {
        n = in.read(dst, off, dst.length - off);
      } catch (EOFException e) {
        n = -1;
      }
      if (n < 0) {
        throw new InvalidInputException(String.format(
            "%s: file is truncated: expected %d bytes of %s, found %d", name, dst.length, what,
            off));
      }
      off += n;
    }
  }

  private static void requireEnd(DataInputStream in, String name) throws IOException {
    if (in.read() >= 0) {
      throw new InvalidInputException(String.format(
          "%s: has bytes after the last record; expected exactly the count in its header", name));
    }
  }

  private static InvalidInputException corrupt(String name, IOException e) {
    if (e instanceof ZipException || e instanceof EOFException) {
      return new InvalidInputException(String.format(
          "%s: is truncated or not a valid gzip stream (%s); expected a complete IDX file", name,
          e.getMessage()), e);
    }
    return new InvalidInputException(name + ": cannot be read: " + e.getMessage(), e);
  }
}
