package io.lakeforge.datalake.readers;

import io.lakeforge.datalake.spec.DatasetSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a dataset's source files into rows as read: one column per schema field (typed as the
 * format gives it, e.g. strings for CSV), plus {@code _record} (the row's position in the file,
 * when the format has one) and {@code _parse_error} (why a row could not be parsed, else null).
 * Whole-file problems throw {@link io.lakeforge.datalake.InvalidInputException} before any row is
 * returned.
 */
public interface SourceReader {
  String RECORD_COL = "_record";
  String PARSE_ERROR_COL = "_parse_error";

  Dataset<Row> read(SparkSession spark, DatasetSpec spec);

  static SourceReader forFormat(String format) {
    return switch (format) {
      case "idx" -> new IdxReader();
      case "csv" -> new CsvReader();
      case "libsvm" -> new LibsvmReader();
      case "jsonl" -> new JsonLinesReader();
      case "parquet" -> new ParquetReader();
      default -> throw new IllegalArgumentException("unknown format " + format);
    };
  }
}
