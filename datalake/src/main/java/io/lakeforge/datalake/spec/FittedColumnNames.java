package io.lakeforge.datalake.spec;

import io.lakeforge.models.features.FittedColumn;
import java.util.List;

/** The transform and impute names a spec may use: those the fitted spec knows. */
final class FittedColumnNames {
  static final List<String> NUMERIC = FittedColumn.NUMERIC_TRANSFORMS;
  static final List<String> CATEGORICAL = FittedColumn.CATEGORICAL_TRANSFORMS;
  static final List<String> IMPUTES = FittedColumn.IMPUTES;

  private FittedColumnNames() {}
}
