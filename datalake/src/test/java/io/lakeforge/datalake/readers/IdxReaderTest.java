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
  @TempDir
  Path dir;

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
    assertThat(gz.pixels()).isEqualTo(Arrays.copyOfRange(IdxFiles.sampleImages().pixels(),
        5 * 784, 25 * 784));
  }

  @Test
  void truncatedGzipNamesTheFile() throws IOException {
    Path full = IdxFiles.images(dir.resolve("full.gz"), 0, 50, true);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> read(cut)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(cut.toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedPlainFileSaysHowManyBytesWereExpected() throws IOException {
    Path full = IdxFiles.images(dir.resolve("full.idx"), 0, 3, false);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = Files.write(dir.resolve("cut.idx"), Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> read(cut)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected 2352 bytes of image data, found 2342");
  }

  @Test
  void wrongMagicNumberIsRejected() throws IOException {
    Path labels = IdxFiles.labels(dir.resolve("labels.gz"), 0, 10, true);
    assertThatThrownBy(() -> read(labels)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("IDX magic number 2049 is not 2051");
  }

  @Test
  void headerOnlyFileEndsInsideTheHeader() {
    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(
        new byte[] {0, 0, 8, 3, 0, 0}), "tiny.idx"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tiny.idx: file ends inside the IDX header");
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    Path full = IdxFiles.labels(dir.resolve("l.idx"), 0, 10, false);
    Files.write(full, new byte[] {1, 2}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> {
      try (var in = new FileInputStream(full.toFile())) {
        IdxReader.readLabels(in, full.toString());
      }
    }).isInstanceOf(InvalidInputException.class).hasMessageContaining("bytes after the last");
  }
}
