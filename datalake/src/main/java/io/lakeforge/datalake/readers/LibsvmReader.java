package io.lakeforge.datalake.readers;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Reads LIBSVM text ({@code label index:value ...}, one-based ascending indices; empty lines and
 * {@code #} comments skipped, as Spark's libsvm source does). The schema has a {@code double} label
 * field and a {@code vector} field whose {@code length} is the number of features. Each line is
 * parsed on its own, so a malformed line becomes a row with a parse error naming the file, the
 * line's byte offset and what is wrong (quarantined by curate) instead of failing the job; {@code
 * _record} is the line's byte offset in its file.
 */
public final class LibsvmReader implements SourceReader {
  @Override
  public Dataset<Row> read(SparkSession spark, DatasetSpec spec) {
    String uri = spec.sources().get("path");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SourceFiles.require(conf, uri, "a LIBSVM text file", true);
    FieldSpec label =
        spec.schema().stream()
            .filter(f -> !f.isVector())
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        spec.specFile() + ": a libsvm dataset needs a label field of type double"));
    FieldSpec vector =
        spec.schema().stream()
            .filter(FieldSpec::isVector)
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        spec.specFile()
                            + ": a libsvm dataset needs a field of type vector with a length"));
    if (vector.length() <= 0) {
      throw new InvalidInputException(
          spec.specFile()
              + ": field "
              + vector.name()
              + " needs length = <number of features> for libsvm");
    }
    int numFeatures = vector.length();
    Job job;
    try {
      job = Job.getInstance(conf);
      // Exactly the files SourceFiles lists (and checksums), at any depth.
      FileInputFormat.setInputPaths(
          job,
          SourceFiles.list(conf, uri).stream()
              .map(SourceFiles.DataFile::path)
              .toArray(Path[]::new));
    } catch (IOException e) {
      throw new IllegalStateException("cannot configure the LIBSVM input: " + e.getMessage(), e);
    }
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines =
        (JavaNewHadoopRDD<LongWritable, Text>)
            JavaSparkContext.fromSparkContext(spark.sparkContext())
                .newAPIHadoopRDD(
                    job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
    JavaRDD<Row> rows =
        lines.mapPartitionsWithInputSplit((split, it) -> parse(split, it, numFeatures), false);
    StructType schema =
        new StructType()
            .add(RECORD_COL, DataTypes.LongType, false)
            .add(label.name(), DataTypes.DoubleType, true)
            .add(vector.name(), SQLDataTypes.VectorType(), true)
            .add(PARSE_ERROR_COL, DataTypes.StringType, true);
    return spark.createDataFrame(rows, schema);
  }

  private static Iterator<Row> parse(
      InputSplit split, Iterator<Tuple2<LongWritable, Text>> it, int numFeatures) {
    String file = split instanceof FileSplit fs ? fs.getPath().toString() : "?";
    return new Iterator<>() {
      private long end = split instanceof FileSplit fs ? fs.getStart() : 0;
      private Row next = advance();

      private Row advance() {
        while (true) {
          Tuple2<LongWritable, Text> t;
          try {
            if (!it.hasNext()) {
              return null;
            }
            t = it.next();
          } catch (Exception e) {
            // Hadoop's record reader throws IOException through the iterator: the text itself
            // cannot be read (a truncated or damaged compressed file).
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
              root = root.getCause();
            }
            throw new SourceErrors.DamagedFile(
                file,
                String.format(
                    "%s: cannot be read as "
                        + "libsvm after byte %d of its text: %s; expected a complete, valid libsvm file",
                    file,
                    end,
                    root.getMessage() == null
                        ? root.getClass().getSimpleName()
                        : root.getMessage()),
                e);
          }
          end = t._1().get() + t._2().getLength() + 1;
          String line = t._2().toString().trim();
          if (!line.isEmpty() && !line.startsWith("#")) {
            return parseLine(file, t._1().get(), line, numFeatures);
          }
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new java.util.NoSuchElementException();
        }
        Row r = next;
        next = advance();
        return r;
      }
    };
  }

  /** One LIBSVM line as (offset, label, features, null) or (offset, null, null, error). */
  static Row parseLine(String file, long offset, String line, int numFeatures) {
    try {
      String[] items = line.split("\\s+");
      double label = number(items[0], "label");
      List<Integer> indices = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      int previous = 0;
      for (int i = 1; i < items.length; i++) {
        String item = items[i];
        int colon = item.indexOf(':');
        if (colon <= 0 || colon == item.length() - 1 || item.indexOf(':', colon + 1) >= 0) {
          throw new IllegalArgumentException("'" + item + "' is not index:value");
        }
        int index;
        try {
          index = Integer.parseInt(item.substring(0, colon));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "index '" + item.substring(0, colon) + "' is not an integer");
        }
        if (index < 1) {
          throw new IllegalArgumentException(
              "index " + index + " is below 1 (indices are " + "one-based)");
        }
        if (index > numFeatures) {
          throw new IllegalArgumentException(
              "index " + index + " is beyond the vector " + "length " + numFeatures);
        }
        if (index <= previous) {
          throw new IllegalArgumentException(
              "index " + index + " follows index " + previous + " (indices must ascend)");
        }
        previous = index;
        indices.add(index - 1);
        values.add(number(item.substring(colon + 1), "the value of index " + index));
      }
      int[] idx = indices.stream().mapToInt(Integer::intValue).toArray();
      double[] val = values.stream().mapToDouble(Double::doubleValue).toArray();
      return RowFactory.create(offset, label, Vectors.sparse(numFeatures, idx, val), null);
    } catch (IllegalArgumentException e) {
      return RowFactory.create(
          offset,
          null,
          null,
          String.format(
              "libsvm line at byte %d of %s: " + "%s: '%s'",
              offset, file, e.getMessage(), Snippets.of(line)));
    }
  }

  private static double number(String text, String what) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a number");
    }
  }
}
