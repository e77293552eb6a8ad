package io.lakeforge.models.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.models.ModelFormatException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTablesTest {
  private final Configuration conf = new Configuration();

  @Test
  void everyColumnTypeRoundTripsInOrder(@TempDir Path dir) throws Exception {
    double[][] arrays = new double[2500][];
    int[] idx = new int[2500];
    long[] longs = new long[2500];
    double[] doubles = new double[2500];
    String[] strings = new String[2500];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = i % 7 == 0 ? new double[0] : new double[] {i, -i, i * 0.5, Double.MIN_VALUE};
      idx[i] = i;
      longs[i] = Long.MAX_VALUE - i;
      doubles[i] = i % 3 == 0 ? Double.NaN : 1.0 / (i + 1);
      strings[i] = i % 5 == 0 ? null : "é" + i;
    }
    ModelTable t =
        ModelTable.builder()
            .ints("i", idx)
            .longs("l", longs)
            .doubles("d", doubles)
            .strings("s", strings)
            .arrays("a", arrays)
            .build();
    String uri = dir.resolve("t.parquet").toString();
    ParquetTables.write(conf, uri, t);
    ModelTable back = ParquetTables.read(conf, uri);
    assertThat(back.rows()).isEqualTo(2500);
    assertThat(back.ints("i")).containsExactly(idx);
    assertThat(back.longs("l")).containsExactly(longs);
    assertThat(back.doubles("d")).containsExactly(doubles);
    assertThat(back.strings("s")).containsExactly(strings);
    assertThat(back.arrays("a")).isDeepEqualTo(arrays);
    // The layout Spark writes: a folder with one part file.
    assertThat(new File(uri)).isDirectory();
    assertThat(new File(uri, ParquetTables.PART_FILE)).isFile();
  }

  @Test
  void rowMajorNeedsRowsOfOneWidth(@TempDir Path dir) throws Exception {
    ModelTable t = ModelTable.builder().arrays("a", new double[][] {{1, 2}, {3}}).build();
    assertThatThrownBy(() -> t.rowMajor("a"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("row 1 has 1 values, row 0 has 2");
    ModelTable ok = ModelTable.builder().arrays("a", new double[] {1, 2, 3, 4, 5, 6}, 3).build();
    assertThat(ok.rows()).isEqualTo(2);
    assertThat(ok.rowMajor("a")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void sortedByReordersEveryColumn() {
    ModelTable t =
        ModelTable.builder()
            .ints("k", new int[] {2, 0, 1})
            .arrays("a", new double[][] {{2}, {0}, {1}})
            .strings("s", new String[] {"c", "a", "b"})
            .build()
            .sortedBy("k");
    assertThat(t.ints("k")).containsExactly(0, 1, 2);
    assertThat(t.rowMajor("a")).containsExactly(0, 1, 2);
    assertThat(t.strings("s")).containsExactly("a", "b", "c");
  }

  @Test
  void existingDataIsNeverOverwrittenAndMissingDataIsNamed(@TempDir Path dir) throws Exception {
    String uri = dir.resolve("t.parquet").toString();
    ModelTable t = ModelTable.builder().ints("i", new int[] {1}).build();
    ParquetTables.write(conf, uri, t);
    assertThatThrownBy(() -> ParquetTables.write(conf, uri, t))
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> ParquetTables.read(conf, dir.resolve("nope").toString()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("does not exist");
    Path empty = Files.createDirectory(dir.resolve("empty.parquet"));
    assertThatThrownBy(() -> ParquetTables.read(conf, empty.toString()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("holds no Parquet file");
    Path junk = Files.createDirectory(dir.resolve("junk.parquet"));
    Files.writeString(junk.resolve("part-0.parquet"), "not parquet at all");
    assertThatThrownBy(() -> ParquetTables.read(conf, junk.toString()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("part-0.parquet");
  }

  @Test
  void unknownColumnsAndWrongTypesAreNamed() {
    ModelTable t = ModelTable.builder().ints("i", new int[] {1}).build();
    assertThatThrownBy(() -> t.doubles("i")).hasMessageContaining("'i' is INT, expected DOUBLE");
    assertThatThrownBy(() -> t.ints("x")).hasMessageContaining("no column 'x'");
  }
}
