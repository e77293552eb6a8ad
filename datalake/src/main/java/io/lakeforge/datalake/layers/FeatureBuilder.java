package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.spec.ColumnSpec;
import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FeatureSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import io.lakeforge.models.features.FeatureVectorizer;
import io.lakeforge.models.features.FittedColumn;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns curated rows into {@code id, features, label, split}: fits a feature spec's statistics on
 * the train split of a curated table, and applies a fitted spec through {@link FeatureVectorizer},
 * the same code for training, batch inference and serving. The id is derived from the row's content
 * hash and the split from the id, so a row keeps its id and its split when data is appended.
 */
public final class FeatureBuilder {
  public static final String ID = "id";
  public static final String FEATURES = "features";
  public static final String LABEL = "label";
  public static final String SPLIT = "split";
  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  private static final int SPLIT_BUCKETS = 10_000;

  private FeatureBuilder() {}

  /**
   * Fits the spec on the train split of curated rows: the dimension, the scaling statistics, the
   * impute values, the categories and the label's classes. Validation rows never move them.
   */
  public static FittedFeatureSpec fit(Dataset<Row> curated, DatasetSpec spec) {
    FeatureSpec fs = spec.features();
    Column id = id();
    Dataset<Row> train =
        curated.where(split(id, spec.validationFraction(), spec.splitSeed()).equalTo(TRAIN));
    List<String> labelClasses = labelClasses(train, spec);
    if (!fs.transforms().isEmpty()) {
      List<FittedColumn> columns = new ArrayList<>();
      List<ColumnSpec> resolved = fs.transforms().stream().map(spec::resolved).toList();
      Map<String, Row> numeric = numericStats(train, resolved);
      int dim = 0;
      for (ColumnSpec t : resolved) {
        FittedColumn c =
            t.categorical()
                ? fitCategorical(train, spec.field(t.name()), t)
                : fitNumeric(train, t, numeric.get(t.name()));
        columns.add(c);
        dim += c.width();
      }
      return new FittedFeatureSpec(
          spec.name(),
          null,
          fs.columns(),
          "none",
          fs.divisor(),
          null,
          null,
          fs.label(),
          dim,
          spec.validationFraction(),
          spec.splitSeed(),
          columns,
          labelClasses);
    }
    Column raw = rawArray(spec);
    double[] means = null;
    double[] stds = null;
    int dim;
    if (fs.scaling().equals("standardize")) {
      StableMoments.Moments m = StableMoments.of(train, col(CuratedLayer.CONTENT_HASH), raw);
      means = m.mean();
      stds = m.std();
      dim = means.length;
    } else {
      Row first = curated.select(org.apache.spark.sql.functions.size(raw)).first();
      dim = first == null ? 0 : first.getInt(0);
    }
    return new FittedFeatureSpec(
        spec.name(),
        fs.vectorField(),
        fs.columns(),
        fs.scaling(),
        fs.divisor(),
        means,
        stds,
        fs.label(),
        dim,
        spec.validationFraction(),
        spec.splitSeed(),
        null,
        labelClasses);
  }

  /**
   * A string label's classes, most frequent first and then by name, from the train split; null for
   * a numeric label (it is used as it is).
   */
  private static List<String> labelClasses(Dataset<Row> train, DatasetSpec spec) {
    String label = spec.features().label();
    if (label == null || !spec.field(label).type().equals("string")) {
      return null;
    }
    List<String> classes = new ArrayList<>(ranked(train, col(RowValidator.quoted(label))).keySet());
    if (classes.isEmpty()) {
      throw new InvalidInputException(
          "label '"
              + label
              + "' of dataset "
              + spec.name()
              + " has no values in the train split; check the curated table (lakeforge lake "
              + "profile curated/"
              + spec.name()
              + ")");
    }
    return classes;
  }

  /** Value → count of a column's non-null values, by count descending and then by value. */
  private static LinkedHashMap<String, Long> ranked(Dataset<Row> rows, Column c) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row r : rows.where(c.isNotNull()).groupBy(c.as("v")).agg(count(lit(1))).collectAsList()) {
      counts.merge(FeatureVectorizer.categoryText(r.get(0)), r.getLong(1), Long::sum);
    }
    LinkedHashMap<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** One Spark job for every numeric column: count, mean, sample std, min, max, median. */
  private static Map<String, Row> numericStats(Dataset<Row> train, List<ColumnSpec> columns) {
    List<Column> aggs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ColumnSpec t : columns) {
      if (t.categorical()) {
        continue;
      }
      Column x = col(RowValidator.quoted(t.name())).cast(DataTypes.DoubleType);
      names.add(t.name());
      aggs.add(
          struct(
              count(x).as("n"),
              org.apache.spark.sql.functions.avg(x).as("mean"),
              org.apache.spark.sql.functions.stddev_samp(x).as("std"),
              org.apache.spark.sql.functions.min(x).as("min"),
              org.apache.spark.sql.functions.max(x).as("max"),
              "median".equals(t.impute())
                  ? org.apache.spark.sql.functions.percentile(x, lit(0.5)).as("median")
                  : lit(null).cast(DataTypes.DoubleType).as("median")));
    }
    Map<String, Row> out = new LinkedHashMap<>();
    if (aggs.isEmpty()) {
      return out;
    }
    Row r = train.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), r.getStruct(i));
    }
    return out;
  }

  private static FittedColumn fitNumeric(Dataset<Row> train, ColumnSpec t, Row s) {
    String col = "features column '" + t.name() + "'";
    if (s.getLong(0) == 0) {
      throw new InvalidInputException(
          col
              + " has no values in the train split: every value "
              + "is missing; leave it out of features.columns");
    }
    double mean = s.getDouble(1);
    double std = s.isNullAt(2) || Double.isNaN(s.getDouble(2)) ? 0.0 : s.getDouble(2);
    double min = s.getDouble(3);
    double max = s.getDouble(4);
    if (t.transform().equals("log1p") && min < 0) {
      throw new InvalidInputException(
          String.format(
              "%s transform = log1p needs values >= 0, "
                  + "but the train split has %s; use standardize, minmax or none",
              col, min));
    }
    Double fill = null;
    if (t.impute() != null) {
      fill =
          switch (t.impute()) {
            case "mean" -> mean;
            case "median" -> s.getDouble(5);
            case "most-frequent" ->
                Double.parseDouble(
                    ranked(train, col(RowValidator.quoted(t.name())).cast(DataTypes.DoubleType))
                        .keySet()
                        .iterator()
                        .next());
            default -> Double.parseDouble(t.constant());
          };
    }
    double center =
        switch (t.transform()) {
          case "standardize" -> mean;
          case "minmax" -> min;
          default -> 0.0;
        };
    double scale =
        switch (t.transform()) {
          case "standardize" -> std;
          case "minmax" -> max - min;
          default -> 1.0;
        };
    return new FittedColumn(
        t.name(),
        FittedColumn.NUMERIC,
        t.transform(),
        t.impute(),
        fill,
        null,
        center,
        scale,
        null,
        false);
  }

  private static FittedColumn fitCategorical(Dataset<Row> train, FieldSpec f, ColumnSpec t) {
    Column c = col(RowValidator.quoted(f.name()));
    LinkedHashMap<String, Long> present = ranked(train, c);
    String fill = null;
    if ("most-frequent".equals(t.impute()) && !present.isEmpty()) {
      fill = present.keySet().iterator().next();
    } else if ("constant".equals(t.impute())) {
      fill = t.constant();
    }
    // The fill value counts as a category: a constant such as "unknown" is learned like any other.
    LinkedHashMap<String, Long> counts =
        fill == null
            ? present
            : ranked(
                train,
                org.apache.spark.sql.functions.coalesce(c.cast(DataTypes.StringType), lit(fill)));
    if (counts.isEmpty()) {
      throw new InvalidInputException(
          "features column '"
              + f.name()
              + "' has no categories in "
              + "the train split (every value is missing); leave it out of features.columns or give "
              + "it impute = constant with constant = VALUE");
    }
    List<String> categories =
        new ArrayList<>(counts.keySet()).subList(0, Math.min(counts.size(), t.maxCategories()));
    return new FittedColumn(
        f.name(),
        FittedColumn.CATEGORICAL,
        t.transform(),
        t.impute(),
        null,
        fill,
        0.0,
        1.0,
        categories,
        t.transform().equals("one-hot") && t.other());
  }

  /** Applies a fitted spec to curated rows; output columns: id, features, label, split. */
  public static Dataset<Row> apply(
      Dataset<Row> curated, DatasetSpec spec, FittedFeatureSpec fitted) {
    Column id = id();
    List<Column> out = new ArrayList<>();
    out.add(id.as(ID));
    out.add(features(fitted));
    if (fitted.label() != null) {
      Column label = col(RowValidator.quoted(fitted.label()));
      out.add((fitted.labelClasses() == null ? label : labelIndex(fitted).apply(label)).as(LABEL));
    }
    out.add(split(id, fitted.validationFraction(), fitted.splitSeed()).as(SPLIT));
    return curated.select(out.toArray(new Column[0]));
  }

  /** The {@code features} vector column of a fitted spec, computed by its vectorizer. */
  public static Column features(FittedFeatureSpec fitted) {
    FeatureVectorizer vz = FeatureVectorizer.of(fitted);
    Column[] inputs =
        vz.inputFields().stream().map(n -> col(RowValidator.quoted(n))).toArray(Column[]::new);
    UDF1<Row, Vector> f = r -> Vectors.dense(vz.vectorize(record(r)));
    UserDefinedFunction udf =
        org.apache.spark.sql.functions.udf(f, SQLDataTypes.VectorType()).asNonNullable();
    return udf.apply(struct(inputs)).as(FEATURES);
  }

  /** A Spark row's values as the vectorizer takes them: arrays as lists, vectors as arrays. */
  private static Object[] record(Row r) {
    Object[] rec = new Object[r.size()];
    for (int i = 0; i < rec.length; i++) {
      Object v = r.get(i);
      if (v instanceof scala.collection.Seq<?>) {
        v = r.getList(i);
      } else if (v instanceof Vector vec) {
        v = vec.toArray();
      }
      rec[i] = v;
    }
    return rec;
  }

  private static UserDefinedFunction labelIndex(FittedFeatureSpec fitted) {
    // A plain map in the closure: the task carries it, not the whole spec.
    java.util.HashMap<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < fitted.labelClasses().size(); i++) {
      index.put(fitted.labelClasses().get(i), i);
    }
    UDF1<String, Integer> f = index::get;
    return org.apache.spark.sql.functions.udf(f, DataTypes.IntegerType);
  }

  /** The stable row id: the first 60 bits of the content hash. */
  public static Column id() {
    return conv(substring(col(CuratedLayer.CONTENT_HASH), 1, 15), 16, 10).cast(DataTypes.LongType);
  }

  /** train or validation, from a hash of the id: stable under appends. */
  public static Column split(Column id, double validationFraction, long seed) {
    long cut = Math.round(validationFraction * SPLIT_BUCKETS);
    return when(pmod(xxhash64(id, lit(seed)), lit(SPLIT_BUCKETS)).lt(cut), lit(VALIDATION))
        .otherwise(lit(TRAIN));
  }

  private static Column rawArray(DatasetSpec spec) {
    FeatureSpec fs = spec.features();
    if (fs.vectorField() != null) {
      FieldSpec f = spec.field(fs.vectorField());
      Column c = col(RowValidator.quoted(f.name()));
      return f.isVector()
          ? org.apache.spark.ml.functions.vector_to_array(c, "float64")
          : c.cast(DataTypes.createArrayType(DataTypes.DoubleType));
    }
    Column[] cols =
        fs.columns().stream()
            .map(n -> col(RowValidator.quoted(n)).cast(DataTypes.DoubleType))
            .toArray(Column[]::new);
    return array(cols);
  }
}
