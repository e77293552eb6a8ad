package io.lakeforge.datalake.readers;

import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, cut from the MNIST sample shipped in the repo. */
public final class IdxFiles {
  public static final Path SAMPLE =
      Path.of(System.getProperty("lakeforge.home", ".."), "datalake/samples/mnist");

  private IdxFiles() {}

  public static IdxReader.Images sampleImages() throws IOException {
    try (var in = new FileInputStream(SAMPLE.resolve("mnist-10k-images-idx3-ubyte.gz").toFile())) {
      return IdxReader.readImages(in, "sample");
    }
  }

  public static byte[] sampleLabels() throws IOException {
    try (var in = new FileInputStream(SAMPLE.resolve("mnist-10k-labels-idx1-ubyte.gz").toFile())) {
      return IdxReader.readLabels(in, "sample");
    }
  }

  /** Writes images [from, to) of the sample as an IDX images file. */
  public static Path images(Path file, int from, int to, boolean gzip) throws IOException {
    IdxReader.Images im = sampleImages();
    int dim = im.rows() * im.cols();
    try (DataOutputStream out = new DataOutputStream(open(file, gzip))) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(to - from);
      out.writeInt(im.rows());
      out.writeInt(im.cols());
      out.write(im.pixels(), from * dim, (to - from) * dim);
    }
    return file;
  }

  /** Writes labels [from, to) of the sample as an IDX labels file. */
  public static Path labels(Path file, int from, int to, boolean gzip) throws IOException {
    byte[] labels = sampleLabels();
    try (DataOutputStream out = new DataOutputStream(open(file, gzip))) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(to - from);
      out.write(labels, from, to - from);
    }
    return file;
  }

  private static OutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return gzip ? new GZIPOutputStream(out) : out;
  }
}
