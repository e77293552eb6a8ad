package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakeforge.datalake.spec.DatasetSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads JSON lines. Each schema field is read as text (a JSON array stays its JSON text), so that
 * the curate stage enforces types; a line that is not a JSON object is kept with a parse error that
 * quotes its start. A directory is read at every depth (see {@link SourceFiles}).
 */
public final class JsonLinesReader implements SourceReader {
  private static final String CORRUPT_COL = "_corrupt_record";

  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    String uri = spec.sources().get("path");
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    SourceFiles.require(conf, uri, "a JSON lines file (one object per line)", true);
    StructType schema = new StructType();
    for (String f : spec.fieldNames()) {
      schema = schema.add(f, DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT_COL, DataTypes.StringType, true);
    Dataset<Row> df =
        SourceFiles.load(
            spark
                .read()
                .format("json")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT_COL)
                .schema(schema),
            conf,
            uri);
    List<Column> out = new ArrayList<>();
    out.add(lit(null).cast(DataTypes.LongType).as(RECORD_COL));
    for (String f : spec.fieldNames()) {
      out.add(col(f));
    }
    out.add(
        when(
                col(CORRUPT_COL).isNotNull(),
                concat(
                    lit("line is not a JSON object: '"), Snippets.of(col(CORRUPT_COL)), lit("'")))
            .as(PARSE_ERROR_COL));
    return df.select(out.toArray(new Column[0]));
  }
}
