package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.lit;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
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
 * truncated file, a wrong magic number or differing counts fail with the file's name and the byte
 * where the problem is. Sizes in a header are never trusted for memory: the declared data must fit
 * the reader option {@code max-bytes} (default 1 GiB), the driver streams the images without
 * keeping them, and buffers grow only as data actually arrives.
 */
public final class IdxReader implements SourceReader {
  public static final int IMAGES_MAGIC = 2051;
  public static final int LABELS_MAGIC = 2049;

  /** Reader option: the most bytes of data (count × rows × cols) one IDX file may declare. */
  public static final String MAX_BYTES_OPTION = "max-bytes";

  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  /** Arrays cannot be larger; no max-bytes can be either. */
  public static final long LIMIT_MAX_BYTES = Integer.MAX_VALUE - 8;

  private static final int CHUNK = 1 << 16;

  /** Decoded images: {@code count} images of {@code rows × cols} unsigned bytes. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /** What an IDX header declares. */
  record Header(int count, int rows, int cols, int headerBytes) {
    long recordBytes() {
      return (long) rows * cols;
    }

    long dataBytes() {
      return count * recordBytes();
    }
  }

  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String imagesUri = spec.sources().get("images");
    String labelsUri = spec.sources().get("labels");
    SourceFiles.require(conf, imagesUri, "an IDX images file (magic 2051)");
    SourceFiles.require(conf, labelsUri, "an IDX labels file (magic 2049)");
    long maxBytes = maxBytes(spec);
    Header images;
    byte[] labels;
    try (InputStream in = SourceFiles.open(conf, imagesUri)) {
      images = checkImages(in, imagesUri, maxBytes);
    } catch (IOException e) {
      throw new InvalidInputException(imagesUri + ": cannot be read: " + e.getMessage(), e);
    }
    try (InputStream in = SourceFiles.open(conf, labelsUri)) {
      labels = readLabels(in, labelsUri, maxBytes);
    } catch (IOException e) {
      throw new InvalidInputException(labelsUri + ": cannot be read: " + e.getMessage(), e);
    }
    if (images.count() != labels.length) {
      throw new InvalidInputException(
          String.format(
              "%s has %d images but %s has %d labels (the counts at bytes 4..7 of their headers); "
                  + "expected the same count in both files",
              imagesUri, images.count(), labelsUri, labels.length));
    }
    // The driver has checked both files whole; the rows are decoded again on an executor, one
    // image at a time, so that 60,000 images never travel inside a task description and never
    // sit in memory all at once.
    byte[] labelBytes = labels;
    String labelField = spec.readerOptions().getOrDefault("label-field", "label");
    String imageField = spec.readerOptions().getOrDefault("image-field", "pixels");
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .binaryFiles(imagesUri, 1)
            .flatMap(
                file -> {
                  InputStream in = file._2().open();
                  TaskContext task = TaskContext.get();
                  if (task != null) {
                    task.addTaskCompletionListener(
                        (org.apache.spark.util.TaskCompletionListener) ctx -> closeQuietly(in));
                  }
                  return new ImageRows(in, imagesUri, maxBytes, labelBytes);
                });
    StructType schema =
        new StructType()
            .add(RECORD_COL, DataTypes.LongType, false)
            .add(labelField, DataTypes.IntegerType, false)
            .add(imageField, DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    return spark
        .createDataFrame(rows, schema)
        .withColumn(PARSE_ERROR_COL, lit(null).cast(DataTypes.StringType));
  }

  /** The spec's {@code max-bytes} reader option, or the default. */
  static long maxBytes(DatasetSpec spec) {
    long max = spec.readerBytes(MAX_BYTES_OPTION, DEFAULT_MAX_BYTES);
    if (max < 1 || max > LIMIT_MAX_BYTES) {
      throw new InvalidInputException(
          String.format(
              "dataset spec %s: reader-options.%s = %d is " + "invalid; expected 1 to %d bytes",
              spec.specFile(), MAX_BYTES_OPTION, max, LIMIT_MAX_BYTES));
    }
    return max;
  }

  /** Parses an IDX images file whole; {@code name} is used in error messages. */
  public static Images readImages(InputStream raw, String name) {
    return readImages(raw, name, DEFAULT_MAX_BYTES);
  }

  /** As {@link #readImages(InputStream, String)} with a limit on the declared data size. */
  public static Images readImages(InputStream raw, String name, long maxBytes) {
    try (Source in = new Source(raw, name)) {
      Header h = imagesHeader(in, maxBytes);
      byte[] pixels = in.readGrowing(h.dataBytes(), "image data", h);
      in.requireEnd(h);
      return new Images(h.count(), h.rows(), h.cols(), pixels);
    } catch (IOException e) {
      throw new InvalidInputException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Parses an IDX labels file. */
  public static byte[] readLabels(InputStream raw, String name) {
    return readLabels(raw, name, DEFAULT_MAX_BYTES);
  }

  /** As {@link #readLabels(InputStream, String)} with a limit on the declared data size. */
  public static byte[] readLabels(InputStream raw, String name, long maxBytes) {
    try (Source in = new Source(raw, name)) {
      int magic = in.headerInt("the magic number");
      if (magic != LABELS_MAGIC) {
        throw new InvalidInputException(
            String.format(
                "%s: IDX magic number %d is not %d (bytes 0..3); expected a labels file (unsigned "
                    + "bytes, 1 dimension)",
                name, magic, LABELS_MAGIC));
      }
      int count = in.headerInt("the label count");
      if (count < 0) {
        throw new InvalidInputException(
            String.format(
                "%s: IDX header says %d labels (bytes " + "4..7); expected a count >= 0",
                name, count));
      }
      Header h = new Header(count, 1, 1, 8);
      requireWithin(name, h, maxBytes, "labels");
      byte[] labels = in.readGrowing(count, "labels", h);
      in.requireEnd(h);
      return labels;
    } catch (IOException e) {
      throw new InvalidInputException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Checks an images file whole, streaming: returns its header, keeps no pixels. */
  static Header checkImages(InputStream raw, String name, long maxBytes) {
    try (Source in = new Source(raw, name)) {
      Header h = imagesHeader(in, maxBytes);
      in.skipExactly(h.dataBytes(), "image data", h);
      in.requireEnd(h);
      return h;
    } catch (IOException e) {
      throw new InvalidInputException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static Header imagesHeader(Source in, long maxBytes) throws IOException {
    int magic = in.headerInt("the magic number");
    if (magic != IMAGES_MAGIC) {
      throw new InvalidInputException(
          String.format(
              "%s: IDX magic number %d is not %d (bytes 0..3); expected an images file (unsigned "
                  + "bytes, 3 dimensions)",
              in.name, magic, IMAGES_MAGIC));
    }
    int count = in.headerInt("the image count");
    int rows = in.headerInt("the row count");
    int cols = in.headerInt("the column count");
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new InvalidInputException(
          String.format(
              "%s: IDX header says %d images of %dx%d (bytes 4..15); expected positive sizes",
              in.name, count, rows, cols));
    }
    Header h = new Header(count, rows, cols, 16);
    requireWithin(in.name, h, maxBytes, "images of " + rows + "x" + cols);
    return h;
  }

  private static void requireWithin(String name, Header h, long maxBytes, String what) {
    if (h.dataBytes() > maxBytes) {
      throw new InvalidInputException(
          String.format(
              "%s: IDX header (bytes 4..%d) declares %d "
                  + "%s (%d bytes of data), more than the %d bytes allowed; expected a smaller file, or "
                  + "raise the dataset's reader-options.%s",
              name,
              h.headerBytes() - 1,
              h.count(),
              what,
              h.dataBytes(),
              maxBytes,
              MAX_BYTES_OPTION));
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the task is over; nothing to do
    }
  }

  /**
   * An IDX stream (gzip or plain) that knows its byte position in the IDX data, so every error can
   * say where the file went wrong.
   */
  private static final class Source implements AutoCloseable {
    final String name;
    final DataInputStream in;
    final boolean gzip;
    long position;

    Source(InputStream raw, String name) throws IOException {
      this.name = name;
      BufferedInputStream b = new BufferedInputStream(raw, CHUNK);
      b.mark(2);
      int b1 = b.read();
      int b2 = b.read();
      b.reset();
      this.gzip = b1 == 0x1f && b2 == 0x8b;
      this.in = new DataInputStream(gzip ? new GZIPInputStream(b, CHUNK) : b);
    }

    private String at(long pos) {
      return "byte " + pos + (gzip ? " of the uncompressed data" : "");
    }

    int headerInt(String what) throws IOException {
      try {
        int v = in.readInt();
        position += 4;
        return v;
      } catch (EOFException e) {
        throw new InvalidInputException(
            String.format(
                "%s: file ends inside the IDX header "
                    + "(reading %s at %s); expected a complete IDX file",
                name, what, at(position)));
      } catch (ZipException e) {
        throw corrupt(e);
      }
    }

    /** Reads {@code n} bytes into an array that grows with the data actually read. */
    byte[] readGrowing(long n, String what, Header h) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 1 << 20)];
      int off = 0;
      while (off < n) {
        if (off == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
        }
        int r = read(buf, off, buf.length - off);
        if (r < 0) {
          throw truncated(n, what, off, h);
        }
        off += r;
      }
      return buf;
    }

    void skipExactly(long n, String what, Header h) throws IOException {
      byte[] buf = new byte[CHUNK];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          throw truncated(n, what, done, h);
        }
        done += r;
      }
    }

    int read(byte[] dst, int off, int len) throws IOException {
      int r;
      try {
        r = in.read(dst, off, len);
      } catch (EOFException e) {
        r = -1;
      } catch (ZipException e) {
        throw corrupt(e);
      }
      if (r > 0) {
        position += r;
      }
      return r;
    }

    private InvalidInputException truncated(long expected, String what, long found, Header h) {
      String record =
          h.recordBytes() > 1
              ? String.format(
                  " (image %d of %d is incomplete)", found / h.recordBytes() + 1, h.count())
              : "";
      return new InvalidInputException(
          String.format(
              "%s: file is truncated at %s: expected %d " + "bytes of %s, found %d%s",
              name, at(position), expected, what, found, record));
    }

    private InvalidInputException corrupt(IOException e) {
      return new InvalidInputException(
          String.format(
              "%s: is truncated or not a valid gzip "
                  + "stream (%s) at %s; expected a complete IDX file",
              name, e.getMessage(), at(position)),
          e);
    }

    void requireEnd(Header h) throws IOException {
      int next;
      try {
        next = in.read();
      } catch (EOFException e) {
        next = -1;
      } catch (ZipException e) {
        throw corrupt(e);
      }
      if (next >= 0) {
        throw new InvalidInputException(
            String.format(
                "%s: has bytes after the last record "
                    + "(from %s); expected exactly the %d records its header declares",
                name, at(position), h.count()));
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Rows of an images file, decoded one image at a time as Spark asks for them. */
  private static final class ImageRows implements Iterator<Row> {
    private final Source in;
    private final Header header;
    private final byte[] labels;
    private final byte[] image;
    private int next;

    ImageRows(InputStream raw, String name, long maxBytes, byte[] labels) throws IOException {
      this.in = new Source(raw, name);
      this.header = imagesHeader(in, maxBytes);
      this.labels = labels;
      if (header.count() != labels.length) {
        throw new InvalidInputException(
            name
                + ": changed while it was read: its header now "
                + "says "
                + header.count()
                + " images; expected "
                + labels.length);
      }
      // One image's bytes: the driver has checked that the file holds every image in full.
      this.image = new byte[header.count() == 0 ? 0 : (int) header.recordBytes()];
    }

    @Override
    public boolean hasNext() {
      if (next < header.count()) {
        return true;
      }
      closeQuietly(in.in);
      return false;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        int off = 0;
        while (off < image.length) {
          int r = in.read(image, off, image.length - off);
          if (r < 0) {
            throw in.truncated(
                header.dataBytes(), "image data", (long) next * image.length + off, header);
          }
          off += r;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(in.name + ": cannot be read: " + e.getMessage(), e);
      }
      int[] px = new int[image.length];
      for (int j = 0; j < px.length; j++) {
        px[j] = image[j] & 0xFF;
      }
      Row row = RowFactory.create((long) next, labels[next] & 0xFF, px);
      next++;
      return row;
    }
  }
}
