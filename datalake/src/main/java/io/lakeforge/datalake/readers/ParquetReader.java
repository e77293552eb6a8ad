package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** Reads Parquet files (a file or a folder); every schema field must be a column. */
public final class ParquetReader implements SourceReader {
  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    String uri = spec.sources().get("path");
    SourceFiles.require(spark.sparkContext().hadoopConfiguration(), uri,
        "a Parquet file or directory", true);
    Dataset<Row> df;
    try {
      df = spark.read().parquet(uri);
    } catch (Exception e) {
      throw new InvalidInputException(uri + ": is not readable as Parquet: " + e.getMessage(), e);
    }
    List<String> present = Arrays.asList(df.columns());
    List<Column> out = new ArrayList<>();
    out.add(lit(null).cast(DataTypes.LongType).as(RECORD_COL));
    for (String f : spec.fieldNames()) {
      if (!present.contains(f)) {
        throw new InvalidInputException(String.format(
            "%s: has no column '%s'; expected the columns %s (found %s)", uri, f,
            spec.fieldNames(), present));
      }
      out.add(col(f));
    }
    out.add(lit(null).cast(DataTypes.StringType).as(PARSE_ERROR_COL));
    return df.select(out.toArray(new Column[0]));
  }
}
