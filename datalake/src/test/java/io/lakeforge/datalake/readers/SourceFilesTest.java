package io.lakeforge.datalake.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.datalake.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source directories are listed and checksummed at every depth, as Spark reads them. */
class SourceFilesTest {
  static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  private static Path write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void aNewPartitionFolderChangesTheChecksum() throws IOException {
    Path src = dir.resolve("events");
    write(src.resolve("day=2026-11-01/part-0.json"), "{\"a\": 1}\n");
    String before = SourceFiles.sha256(CONF, src.toString());
    assertThat(before)
        .isNotEqualTo(
            SourceFiles.sha256(CONF, Files.createDirectories(dir.resolve("empty")).toString()));
    write(src.resolve("day=2026-11-02/part-0.json"), "{\"a\": 2}\n");
    String after = SourceFiles.sha256(CONF, src.toString());
    assertThat(after).isNotEqualTo(before);
    assertThat(SourceFiles.list(CONF, src.toString()))
        .extracting(SourceFiles.DataFile::relative)
        .containsExactly("day=2026-11-01/part-0.json", "day=2026-11-02/part-0.json");
  }

  @Test
  void renamingOrMovingAFileChangesTheChecksumButMarkerFilesDoNot() throws IOException {
    Path src = dir.resolve("src");
    write(src.resolve("k=1/a.json"), "{}\n");
    String base = SourceFiles.sha256(CONF, src.toString());
    write(src.resolve("_SUCCESS"), "");
    write(src.resolve("k=1/.a.json.crc"), "xx");
    write(src.resolve("_temporary/0/x.json"), "{}\n");
    assertThat(SourceFiles.sha256(CONF, src.toString())).isEqualTo(base);
    Files.createDirectories(src.resolve("k=2"));
    Files.move(src.resolve("k=1/a.json"), src.resolve("k=2/a.json"));
    assertThat(SourceFiles.sha256(CONF, src.toString())).isNotEqualTo(base);
  }

  @Test
  void aSingleFileKeepsItsChecksumFromBeforeDirectoriesWereRecursive() throws Exception {
    Path f = write(dir.resolve("points.csv"), "a,b\n1,2\n");
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    md.update("points.csv".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    md.update(Files.readAllBytes(f));
    assertThat(SourceFiles.sha256(CONF, f.toString()))
        .isEqualTo(java.util.HexFormat.of().formatHex(md.digest()));
  }

  @Test
  void partitionLayoutIsRecognisedAndMixedTreesAreNot() throws IOException {
    Path p = dir.resolve("p");
    write(p.resolve("y=1/m=2/a.parquet"), "x");
    write(p.resolve("y=2/m=1/b.parquet"), "x");
    assertThat(SourceFiles.partitionLayout(SourceFiles.list(CONF, p.toString()))).isTrue();
    write(p.resolve("top.parquet"), "x");
    assertThat(SourceFiles.partitionLayout(SourceFiles.list(CONF, p.toString()))).isFalse();
    Path n = dir.resolve("n");
    write(n.resolve("2026/11/a.json"), "x");
    assertThat(SourceFiles.partitionLayout(SourceFiles.list(CONF, n.toString()))).isFalse();
    assertThat(SourceFiles.isHidden("k=1/_SUCCESS")).isTrue();
    assertThat(SourceFiles.isHidden("_k=1/a.json")).isFalse();
    assertThat(SourceFiles.isHidden("a.json._COPYING_")).isTrue();
  }

  @Test
  void aDirectoryWithoutDataFilesIsRefused() throws IOException {
    Path d = dir.resolve("only-markers");
    write(d.resolve("_SUCCESS"), "");
    assertThatThrownBy(() -> SourceFiles.require(CONF, d.toString(), "JSON lines", true))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(d + ": directory has no data files");
    assertThat(SourceFiles.list(CONF, d.toString())).isEqualTo(List.of());
  }
}
