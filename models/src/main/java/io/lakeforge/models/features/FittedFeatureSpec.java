package io.lakeforge.models.features;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lakeforge.models.ModelJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset's feature spec with its fitted statistics: everything needed to turn a curated row
 * into exactly the features a model was trained on. Stored as JSON on the features table's
 * commit, next to the table, and in every model's {@code model.json}.
 */
public record FittedFeatureSpec(
    String dataset,
    String vectorField,
    List<String> columns,
    String scaling,
    double divisor,
    double[] means,
    double[] stds,
    String label,
    int dim,
    double validationFraction,
    long splitSeed) {

  public FittedFeatureSpec {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  /** The spec as plain JSON values (snake_case keys), for commit metadata and lineage. */
  public Map<String, Object> toMap() {
    return ModelJson.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
  }

  public static FittedFeatureSpec fromMap(Map<String, Object> m) {
    return ModelJson.MAPPER.convertValue(m, FittedFeatureSpec.class);
  }

  /** Two specs are the same transform when all their fields agree (arrays by content). */
  public boolean sameTransformAs(FittedFeatureSpec o) {
    return o != null
        && Objects.equals(dataset, o.dataset)
        && Objects.equals(vectorField, o.vectorField)
        && columns.equals(o.columns)
        && Objects.equals(scaling, o.scaling)
        && divisor == o.divisor
        && Arrays.equals(means, o.means)
        && Arrays.equals(stds, o.stds)
        && Objects.equals(label, o.label)
        && dim == o.dim
        && validationFraction == o.validationFraction
        && splitSeed == o.splitSeed;
  }
}
