package io.lakeforge.datalake.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private IdxReader.Images read(Path p) throws IOException {
    try (var in = new FileInputStream(p.toFile())) {
      return IdxReader.readImages(in, p.toString());
    }
  }

  @Test
  void readsTheShippedSample() throws IOException {
    IdxReader.Images im = IdxFiles.sampleImages();
    assertThat(im.count()).isEqualTo(10_000);
    assertThat(im.rows()).isEqualTo(28);
    assertThat(im.cols()).isEqualTo(28);
    assertThat(IdxFiles.sampleLabels()).hasSize(10_000);
  }

  @Test
  void gzipAndPlainFilesGiveTheSameImages() throws IOException {
    IdxReader.Images gz = read(IdxFiles.images(dir.resolve("a.gz"), 5, 25, true));
    IdxReader.Images plain = read(IdxFiles.images(dir.resolve("a.idx"), 5, 25, false));
    assertThat(gz.count()).isEqualTo(20);
    assertThat(gz.pixels()).isEqualTo(plain.pixels());
    assertThat(gz.pixels())
        .isEqualTo(Arrays.copyOfRange(IdxFiles.sampleImages().pixels(), 5 * 784, 25 * 784));
  }

  @Test
  void truncatedGzipNamesTheFile() throws IOException {
    Path full = IdxFiles.images(dir.resolve("full.gz"), 0, 50, true);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(cut.toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedPlainFileSaysHowManyBytesWereExpected() throws IOException {
    Path full = IdxFiles.images(dir.resolve("full.idx"), 0, 3, false);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = Files.write(dir.resolve("cut.idx"), Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected 2352 bytes of image data, found 2342");
  }

  @Test
  void wrongMagicNumberIsRejected() throws IOException {
    Path labels = IdxFiles.labels(dir.resolve("labels.gz"), 0, 10, true);
    assertThatThrownBy(() -> read(labels))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("IDX magic number 2049 is not 2051");
  }

  @Test
  void headerOnlyFileEndsInsideTheHeader() {
    assertThatThrownBy(
            () ->
                IdxReader.readImages(
                    new ByteArrayInputStream(new byte[] {0, 0, 8, 3, 0, 0}), "tiny.idx"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tiny.idx: file ends inside the IDX header");
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    Path full = IdxFiles.labels(dir.resolve("l.idx"), 0, 10, false);
    Files.write(full, new byte[] {1, 2}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(
            () -> {
              try (var in = new FileInputStream(full.toFile())) {
                IdxReader.readLabels(in, full.toString());
              }
            })
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bytes after the last");
  }

  /** Bytes of an images header declaring {@code count} images of rows × cols, then data. */
  private static byte[] imagesFile(int count, int rows, int cols, int dataBytes) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + dataBytes);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
    return b.array();
  }

  private static long allocatedBytes(Runnable r) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    r.run();
    return mx.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void aHeaderDeclaringTwoGibibytesAllocatesOnlyWhatThe100BytesPresentNeed() {
    // 2,147,483,000 bytes declared (one image of 46340 x 46341), 100 bytes present.
    byte[] file = imagesFile(1, 46_340, 46_341, 100);
    long[] allocated = new long[1];
    allocated[0] =
        allocatedBytes(
            () ->
                assertThatThrownBy(
                        () ->
                            IdxReader.readImages(
                                new ByteArrayInputStream(file),
                                "big.idx",
                                IdxReader.LIMIT_MAX_BYTES))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("big.idx: file is truncated at byte 116")
                    .hasMessageContaining("found 100"));
    assertThat(allocated[0]).as("bytes allocated while reading").isLessThan(16L << 20);
    long streamed =
        allocatedBytes(
            () ->
                assertThatThrownBy(
                        () ->
                            IdxReader.checkImages(
                                new ByteArrayInputStream(file),
                                "big.idx",
                                IdxReader.LIMIT_MAX_BYTES))
                    .hasMessageContaining("file is truncated"));
    assertThat(streamed).isLessThan(16L << 20);
  }

  @Test
  void declaredSizesAboveMaxBytesAreRefusedBeforeAnyDataIsRead() {
    byte[] file = imagesFile(2_000_000, 28, 28, 0);
    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(file), "huge.idx"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "huge.idx: IDX header (bytes 4..15) declares 2000000 images of "
                + "28x28 (1568000000 bytes of data), more than the 1073741824 bytes allowed")
        .hasMessageNotContaining("truncated");
    assertThatThrownBy(
            () ->
                IdxReader.readImages(
                    new ByteArrayInputStream(imagesFile(20, 28, 28, 20 * 784)),
                    "small.idx",
                    10_000))
        .hasMessageContaining("more than the 10000 bytes allowed")
        .hasMessageContaining("reader-options.max-bytes");
    java.nio.ByteBuffer labels =
        java.nio.ByteBuffer.allocate(8)
            .putInt(IdxReader.LABELS_MAGIC)
            .putInt(Integer.MAX_VALUE - 100);
    long allocated =
        allocatedBytes(
            () ->
                assertThatThrownBy(
                        () ->
                            IdxReader.readLabels(
                                new ByteArrayInputStream(labels.array()),
                                "l.idx",
                                IdxReader.LIMIT_MAX_BYTES))
                    .hasMessageContaining("l.idx: file is truncated at byte 8"));
    assertThat(allocated).isLessThan(16L << 20);
  }

  @Test
  void errorsSayWhereInTheFileTheyAre() throws IOException {
    assertThatThrownBy(
            () ->
                IdxReader.readImages(new ByteArrayInputStream(imagesFile(0, 0, 28, 0)), "zero.idx"))
        .hasMessageContaining("zero.idx: IDX header says 0 images of 0x28 (bytes 4..15)");
    Path full = IdxFiles.images(dir.resolve("g.gz"), 0, 3, true);
    byte[] bytes = Files.readAllBytes(full);
    // Damage the deflate stream in the middle of the data.
    for (int i = 40; i < 60; i++) {
      bytes[i] = (byte) 0xff;
    }
    Path bad = Files.write(dir.resolve("bad.gz"), bytes);
    assertThatThrownBy(() -> read(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(bad.toString())
        .hasMessageMatching(".*at byte \\d+ of the uncompressed data.*");
    Path plain = IdxFiles.images(dir.resolve("p.idx"), 0, 3, false);
    Path cut =
        Files.write(
            dir.resolve("pcut.idx"), Arrays.copyOf(Files.readAllBytes(plain), 16 + 784 + 100));
    assertThatThrownBy(() -> read(cut))
        .hasMessageContaining(
            "file is truncated at byte 900: expected 2352 bytes of image "
                + "data, found 884 (image 2 of 3 is incomplete)");
  }
}
