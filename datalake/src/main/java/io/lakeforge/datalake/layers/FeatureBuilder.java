package io.lakeforge.datalake.layers;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.lakeforge.datalake.spec.DatasetSpec;
import io.lakeforge.datalake.spec.FeatureSpec;
import io.lakeforge.datalake.spec.FieldSpec;
import io.lakeforge.models.features.FittedFeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns curated rows into {@code id, features, label, split}: fits the scaling statistics of a
 * feature spec on a curated table, and applies a fitted spec, the same code for training and for
 * inference. The id is derived from the row's content hash and the split from the id, so a row
 * keeps its id and its split when data is appended.
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

  /** Fits the spec's statistics (dimension, and means/stds for standardize) on curated rows. */
  public static FittedFeatureSpec fit(Dataset<Row> curated, DatasetSpec spec) {
    FeatureSpec fs = spec.features();
    Column raw = rawArray(spec);
    double[] means = null;
    double[] stds = null;
    int dim;
    if (fs.scaling().equals("standardize")) {
      StableMoments.Moments m = StableMoments.of(curated, col(CuratedLayer.CONTENT_HASH), raw);
      means = m.mean();
      stds = m.std();
      dim = means.length;
    } else {
      Row first = curated.select(functionsSize(raw)).first();
      dim = first == null ? 0 : first.getInt(0);
    }
    return new FittedFeatureSpec(spec.name(), fs.vectorField(), fs.columns(), fs.scaling(),
        fs.divisor(), means, stds, fs.label(), dim, spec.validationFraction(), spec.splitSeed());
  }

  private static Column functionsSize(Column arr) {
    return org.apache.spark.sql.functions.size(arr);
  }

  /** Applies a fitted spec to curated rows; output columns: id, features, label, split. */
  public static Dataset<Row> apply(Dataset<Row> curated, DatasetSpec spec,
      FittedFeatureSpec fitted) {
    Column arr = rawArray(spec);
    Column scaled = switch (fitted.scaling()) {
      case "divide" -> expr("transform(__arr, x -> x / " + fitted.divisor() + "D)");
      case "standardize" -> expr("zip_with(zip_with(__arr, " + literal(fitted.means())
          + ", (x, m) -> x - m), " + literal(fitted.stds())
          + ", (y, s) -> CASE WHEN s > 0 THEN y / s ELSE 0D END)");
      default -> col("__arr");
    };
    Column id = id();
    List<Column> out = new ArrayList<>();
    out.add(id.as(ID));
    out.add(org.apache.spark.ml.functions.array_to_vector(scaled).as(FEATURES));
    if (fitted.label() != null) {
      out.add(col(RowValidator.quoted(fitted.label())).as(LABEL));
    }
    out.add(split(id, fitted.validationFraction(), fitted.splitSeed()).as(SPLIT));
    return curated.withColumn("__arr", arr).select(out.toArray(new Column[0]));
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
      return f.isVector() ? org.apache.spark.ml.functions.vector_to_array(c, "float64")
          : c.cast(DataTypes.createArrayType(DataTypes.DoubleType));
    }
    Column[] cols = fs.columns().stream()
        .map(n -> col(RowValidator.quoted(n)).cast(DataTypes.DoubleType)).toArray(Column[]::new);
    return array(cols);
  }

  private static String literal(double[] values) {
    return "array(" + java.util.Arrays.stream(values).mapToObj(v -> Double.toString(v) + "D")
        .collect(Collectors.joining(", ")) + ")";
  }
}
