package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Parquet (a file, or a directory at any depth, partition folders included); every schema
 * field must be a column. Before Spark reads anything the driver checks each file's footer and that
 * every file gives each field the same type, one the field's declared type can be converted from,
 * so a bad file fails with its name instead of deep inside the write.
 */
public final class ParquetReader implements SourceReader {
  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String uri = spec.sources().get("path");
    SourceFiles.require(conf, uri, "a Parquet file or directory", true);
    checkFiles(conf, uri, spec);
    Dataset<Row> df;
    try {
      df = SourceFiles.load(spark.read().format("parquet"), conf, uri);
    } catch (Exception e) {
      throw new InvalidInputException(
          uri + ": is not readable as Parquet: " + ParquetFiles.firstLine(e.getMessage()), e);
    }
    List<String> present = Arrays.asList(df.columns());
    List<Column> out = new ArrayList<>();
    out.add(lit(null).cast(DataTypes.LongType).as(RECORD_COL));
    for (String f : spec.fieldNames()) {
      if (!present.contains(f)) {
        throw new InvalidInputException(
            String.format(
                "%s: has no column '%s'; expected the columns %s (found %s)",
                uri, f, spec.fieldNames(), present));
      }
      out.add(col(f));
    }
    out.add(lit(null).cast(DataTypes.StringType).as(PARSE_ERROR_COL));
    return df.select(out.toArray(new Column[0]));
  }

  /** Footers readable, and every file types each field alike and convertibly. */
  private static void checkFiles(Configuration conf, String uri, DatasetSpec spec) {
    StructType first = null;
    SourceFiles.DataFile firstFile = null;
    for (SourceFiles.DataFile f : SourceFiles.list(conf, uri)) {
      StructType schema = ParquetFiles.schema(conf, f);
      for (FieldSpec field : spec.schema()) {
        StructField actual = find(schema, field.name());
        if (actual == null) {
          continue; // a partition column, or missing: checked on the whole source below
        }
        if (!convertible(actual.dataType(), field)) {
          throw new InvalidInputException(
              String.format(
                  "%s: column '%s' is %s, which cannot be " + "read as %s; expected a %s column",
                  f.path(),
                  field.name(),
                  actual.dataType().simpleString(),
                  field.type(),
                  field.type()));
        }
        StructField before = first == null ? null : find(first, field.name());
        if (before != null && !before.dataType().equals(actual.dataType())) {
          throw new InvalidInputException(
              String.format(
                  "%s: column '%s' is %s but it is %s in "
                      + "%s; expected the same type in every file",
                  f.path(),
                  field.name(),
                  actual.dataType().simpleString(),
                  before.dataType().simpleString(),
                  firstFile.path()));
        }
      }
      if (first == null) {
        first = schema;
        firstFile = f;
      }
    }
  }

  private static StructField find(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** Whether curate's conversion of a column of type {@code from} to the field's type plans. */
  static boolean convertible(DataType from, FieldSpec field) {
    DataType to = field.sparkType();
    if (from.equals(to)) {
      return true;
    }
    if (field.isVector()) {
      return from.equals(SQLDataTypes.VectorType());
    }
    if (field.isArray() && from.equals(DataTypes.StringType)) {
      return true;
    }
    if (field.isArray() && !(from instanceof ArrayType)) {
      return false;
    }
    return Cast.canTryCast(from, to);
  }
}
