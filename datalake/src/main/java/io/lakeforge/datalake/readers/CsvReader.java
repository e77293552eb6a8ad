package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads CSV with a header whose columns must be the dataset's schema fields. Values stay strings
 * (types are enforced by the curate stage); a row with too few or too many columns is kept with a
 * {@code _parse_error} so that it lands in quarantine instead of failing the file.
 */
public final class CsvReader implements SourceReader {
  private static final String CORRUPT_COL = "_corrupt_record";

  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String uri = spec.sources().get("path");
    String delimiter = spec.readerOptions().getOrDefault("delimiter", ",");
    SourceFiles.require(conf, uri, "a CSV file with a header row");
    List<String> expected = spec.fieldNames();
    List<String> header = readHeader(conf, uri, delimiter);
    if (!header.equals(expected)) {
      throw new InvalidInputException(
          String.format(
              "%s: CSV header is %s; expected the columns %s (line 1)", uri, header, expected));
    }
    StructType schema = new StructType();
    for (String f : expected) {
      schema = schema.add(f, DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT_COL, DataTypes.StringType, true);
    Dataset<Row> df =
        spark
            .read()
            .format("csv")
            .option("header", "true")
            .option("enforceSchema", "true")
            .option("sep", delimiter)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT_COL)
            // How the file spells a missing value (e.g. NA); empty fields are missing anyway.
            .option("nullValue", spec.readerOptions().getOrDefault("null-value", ""))
            .schema(schema)
            .load(uri);
    int n = expected.size();
    // Spark flags a row with too few or too many tokens as malformed and keeps its text; the
    // token count (quotes aside) tells the user which.
    Column tokens =
        org.apache.spark.sql.functions.size(
            org.apache.spark.sql.functions.split(
                col(CORRUPT_COL), java.util.regex.Pattern.quote(delimiter), -1));
    Column quoted =
        org.apache.spark.sql.functions.concat(lit(": '"), Snippets.of(col(CORRUPT_COL)), lit("'"));
    Column error =
        when(
                col(CORRUPT_COL).isNotNull().and(tokens.notEqual(n)),
                org.apache.spark.sql.functions.concat(
                    lit("CSV row has "),
                    tokens.cast("string"),
                    lit(" columns; expected " + n),
                    quoted))
            .when(
                col(CORRUPT_COL).isNotNull(),
                org.apache.spark.sql.functions.concat(
                    lit("malformed CSV row; expected " + n + " columns"), quoted));
    List<Column> out = new ArrayList<>();
    out.add(lit(null).cast(DataTypes.LongType).as(RECORD_COL));
    for (String f : expected) {
      out.add(col(f));
    }
    out.add(error.as(PARSE_ERROR_COL));
    return df.select(out.toArray(new Column[0]));
  }

  private static List<String> readHeader(Configuration conf, String uri, String delimiter) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(SourceFiles.open(conf, uri), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      if (line == null || line.isBlank()) {
        throw new InvalidInputException(
            uri + ": has no header row (line 1 is empty); expected " + "a CSV header");
      }
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      return Arrays.stream(line.split(java.util.regex.Pattern.quote(delimiter), -1))
          .map(s -> s.trim().replace("\"", ""))
          .toList();
    } catch (IOException e) {
      throw new InvalidInputException(uri + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
