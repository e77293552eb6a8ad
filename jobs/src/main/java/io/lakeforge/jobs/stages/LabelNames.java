package io.lakeforge.jobs.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/** Maps class indices back to a string label's original names (a fitted spec's classes). */
final class LabelNames {
  private LabelNames() {}

  /** The class name of each index in {@code index}; null for null or an index out of range. */
  static Column of(List<String> classes, Column index) {
    ArrayList<String> names = new ArrayList<>(classes);
    UDF1<Integer, String> f = i -> i == null || i < 0 || i >= names.size() ? null : names.get(i);
    return org.apache
        .spark
        .sql
        .functions
        .udf(f, DataTypes.StringType)
        .apply(index.cast(DataTypes.IntegerType));
  }
}
