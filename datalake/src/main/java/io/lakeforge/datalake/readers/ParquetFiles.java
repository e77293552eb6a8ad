package io.lakeforge.datalake.readers;

import io.lakeforge.datalake.InvalidInputException;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * What the driver can check of a Parquet file without reading its data: the footer (magic bytes,
 * file metadata) and the schema as Spark reads it; and, once a read has failed, where in the file
 * the damage is (row group, rows, byte offset, column).
 */
final class ParquetFiles {
  private ParquetFiles() {}

  /** The file's schema as Spark types; a file that is not Parquet fails naming the position. */
  static StructType schema(Configuration conf, SourceFiles.DataFile file) {
    long len = file.status().getLen();
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromStatus(file.status(), conf))) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      return new ParquetToSparkSchemaConverter(SQLConf.get()).convert(schema);
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      String where =
          why.contains("magic number") || why.contains("length is too low")
              ? String.format(
                  "no Parquet footer (the magic bytes PAR1 must end the file, at bytes "
                      + "%d..%d)",
                  Math.max(0, len - 4), Math.max(0, len - 1))
              : "its footer (the last bytes before byte "
                  + len
                  + ") cannot be read: "
                  + firstLine(why);
      throw new InvalidInputException(
          String.format(
              "%s: is not a valid Parquet file: %s; " + "expected a Parquet file",
              file.path(), where),
          e);
    }
  }

  /**
   * Reads every page of every row group of {@code path} and returns where the first one fails to
   * decode, such as {@code row group 1 (rows 1001..2000, from byte 8192), column x1}.
   */
  static Optional<String> locateDamage(Configuration conf, Path path) {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      long firstRow = 0;
      int group = 0;
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        String where =
            String.format(
                "row group %d (rows %d..%d, from byte %d)",
                group, firstRow + 1, firstRow + block.getRowCount(), block.getStartingPos());
        PageReadStore pages;
        try {
          pages = r.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
          return Optional.of(where);
        }
        for (ColumnDescriptor c : schema.getColumns()) {
          try {
            PageReader pr = pages.getPageReader(c);
            pr.readDictionaryPage();
            for (DataPage p = pr.readPage(); p != null; p = pr.readPage()) {
              p.accept(
                  new DataPage.Visitor<Void>() {
                    @Override
                    public Void visit(org.apache.parquet.column.page.DataPageV1 v1) {
                      force(() -> v1.getBytes().toByteArray());
                      return null;
                    }

                    @Override
                    public Void visit(org.apache.parquet.column.page.DataPageV2 v2) {
                      force(() -> v2.getData().toByteArray());
                      return null;
                    }
                  });
            }
          } catch (RuntimeException e) {
            return Optional.of(where + ", column " + String.join(".", c.getPath()));
          }
        }
        firstRow += block.getRowCount();
        group++;
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private interface Bytes {
    byte[] get() throws IOException;
  }

  private static void force(Bytes b) {
    try {
      b.get();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }
}
