package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads LIBSVM text ({@code label index:value ...}) through Spark's libsvm source. The schema has
 * a {@code double} label field and a {@code vector} field whose {@code length} is the number of
 * features; a malformed line fails the file (Spark's reader has no per-row recovery).
 */
public final class LibsvmReader implements SourceReader {
  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    String uri = spec.sources().get("path");
    SourceFiles.require(spark.sparkContext().hadoopConfiguration(), uri, "a LIBSVM text file", true);
    FieldSpec label = spec.schema().stream().filter(f -> !f.isVector()).findFirst()
        .orElseThrow(() -> new InvalidInputException(spec.specFile()
            + ": a libsvm dataset needs a label field of type double"));
    FieldSpec vector = spec.schema().stream().filter(FieldSpec::isVector).findFirst()
        .orElseThrow(() -> new InvalidInputException(spec.specFile()
            + ": a libsvm dataset needs a field of type vector with a length"));
    if (vector.length() <= 0) {
      throw new InvalidInputException(spec.specFile() + ": field " + vector.name()
          + " needs length = <number of features> for libsvm");
    }
    try {
      Dataset<Row> df = spark.read().format("libsvm")
          .option("numFeatures", String.valueOf(vector.length())).load(uri);
      return df.select(lit(null).cast(DataTypes.LongType).as(RECORD_COL),
          col("label").as(label.name()), col("features").as(vector.name()),
          lit(null).cast(DataTypes.StringType).as(PARSE_ERROR_COL));
    } catch (Exception e) {
      throw new InvalidInputException(uri + ": is not valid LIBSVM text: " + e.getMessage(), e);
    }
  }
}
