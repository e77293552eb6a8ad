package io.lakeforge.ml;

import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * An algorithm's hyperparameter definitions as Spark ML params: SageMaker's {@code snake_case}
 * names in camelCase ({@code mini_batch_size} → {@code miniBatchSize}), typed where the definition
 * is a plain number or boolean (so {@code ParamGridBuilder} takes numbers), text otherwise ({@code
 * auto}-able values, choices, lists). Defaults, validation and messages stay the definitions' own:
 * an unset param means the definition's default, and every value is checked by the definition.
 */
final class HyperparameterParams {
  private final OptionSet options;
  private final Map<String, Param<?>> bySnakeName = new LinkedHashMap<>();

  HyperparameterParams(String uid, OptionSet options) {
    this.options = options;
    for (OptionDef<?> d : options.definitions()) {
      String doc = d.describe();
      String name = camel(d.name());
      Param<?> p =
          switch (d.typeName()) {
            case "int" -> new IntParam(uid, name, doc);
            case "double" -> new DoubleParam(uid, name, doc);
            case "long" -> new LongParam(uid, name, doc);
            case "boolean" -> new BooleanParam(uid, name, doc);
            default -> new Param<String>(uid, name, doc);
          };
      bySnakeName.put(d.name(), p);
    }
  }

  static String camel(String snake) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  java.util.Collection<Param<?>> all() {
    return bySnakeName.values();
  }

  /** The param of {@code snakeName}; an unknown name is the CLI's error. */
  Param<?> param(String snakeName) {
    Param<?> p = bySnakeName.get(snakeName.toLowerCase(Locale.ROOT));
    if (p == null) {
      // The definitions' own message for an unknown hyperparameter.
      options.parse(Map.of(snakeName, ""));
      throw new IllegalArgumentException("unknown hyperparameter " + snakeName);
    }
    return p;
  }

  /** {@code value} checked by its definition (the CLI's message) in the param's type. */
  Object checked(String snakeName, Object value) {
    Param<?> p = param(snakeName);
    OptionDef<?> d = definition(snakeName);
    Object parsed = d.parse(String.valueOf(value));
    return p instanceof IntParam
            || p instanceof DoubleParam
            || p instanceof LongParam
            || p instanceof BooleanParam
        ? parsed
        : String.valueOf(value);
  }

  private OptionDef<?> definition(String snakeName) {
    for (OptionDef<?> d : options.definitions()) {
      if (d.name().equals(snakeName.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new IllegalStateException(snakeName);
  }

  /**
   * Hands each definition's default to {@code setDefault} (Spark's protected {@code
   * Params.setDefault}, which only the stage can call), so {@code getOrDefault} and {@code
   * explainParams} show the CLI's defaults. Hyperparameters without one (a required {@code k}) stay
   * undefined.
   */
  @SuppressWarnings("unchecked")
  void defaults(BiConsumer<Param<Object>, Object> setDefault) {
    for (OptionDef<?> d : options.definitions()) {
      Object dflt = d.defaultValue();
      if (dflt != null) {
        Param<?> p = bySnakeName.get(d.name());
        Object value = p.getClass() == Param.class ? String.valueOf(d.display(dflt)) : dflt;
        setDefault.accept((Param<Object>) p, value);
      }
    }
  }

  /**
   * The values set on {@code owner} (defaults left to the trainer, as an absent {@code --hp} is),
   * as the text the trainers take.
   */
  Map<String, String> values(Params owner) {
    Map<String, String> out = new LinkedHashMap<>();
    bySnakeName.forEach(
        (snake, p) -> {
          Param<Object> param = owner.getParam(p.name());
          if (owner.isSet(param)) {
            out.put(snake, String.valueOf(owner.getOrDefault(param)));
          }
        });
    return out;
  }
}
