package io.lakeforge.datalake.spec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.lakeforge.datalake.InvalidInputException;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset as declared in {@code conf/datasets/<name>.conf}: source format and files, the curated
 * schema, validation rules, how to build features and how to split train from validation. Parsed
 * and checked when loaded, so a bad spec fails before Spark starts.
 */
public record DatasetSpec(
    String name,
    String format,
    Map<String, String> sources,
    Map<String, String> readerOptions,
    List<FieldSpec> schema,
    FeatureSpec features,
    double validationFraction,
    long splitSeed,
    String specFile)
    implements java.io.Serializable {

  public static final List<String> FORMATS = List.of("idx", "csv", "libsvm", "jsonl", "parquet");

  public DatasetSpec {
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    readerOptions = Collections.unmodifiableMap(new LinkedHashMap<>(readerOptions));
    schema = List.copyOf(schema);
  }

  public FieldSpec field(String fieldName) {
    for (FieldSpec f : schema) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    throw new InvalidInputException(
        "dataset " + name + " has no field '" + fieldName + "' (" + specFile + ")");
  }

  /**
   * A size among the reader options ({@code 1048576}, {@code 512m}, {@code 2g}: HOCON's byte
   * units), or {@code defaultValue} when the option is not set.
   */
  public long readerBytes(String option, long defaultValue) {
    String v = readerOptions.get(option);
    return v == null ? defaultValue : bytes(specFile, option, v);
  }

  private static long bytes(String specFile, String option, String value) {
    try {
      return ConfigFactory.parseMap(Map.of("v", value)).getBytes("v");
    } catch (ConfigException e) {
      throw bad(
          specFile,
          "reader-options." + option + " = " + value,
          "a size in bytes such as 1048576, 512m or 2g");
    }
  }

  public List<String> fieldNames() {
    return schema.stream().map(FieldSpec::name).toList();
  }

  /** A copy whose source roles are replaced by {@code overrides} (role → path). */
  public DatasetSpec withSources(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(sources);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!merged.containsKey(e.getKey())) {
        throw new InvalidInputException(
            String.format(
                "dataset %s has no source '%s'; its sources are: %s (use --source ROLE=PATH)",
                name, e.getKey(), String.join(", ", merged.keySet())));
      }
      merged.put(e.getKey(), e.getValue());
    }
    return new DatasetSpec(
        name,
        format,
        merged,
        readerOptions,
        schema,
        features,
        validationFraction,
        splitSeed,
        specFile);
  }

  /**
   * Loads {@code <dir>/<name>.conf}. Relative source paths are resolved against {@code home} (the
   * Lakeforge installation), so the shipped samples are found from any working directory.
   */
  public static DatasetSpec load(File dir, String name, File home) {
    io.lakeforge.datalake.Names.requireDataset(name);
    File file = new File(dir, name + ".conf");
    if (!file.isFile()) {
      String[] known = dir.list((d, n) -> n.endsWith(".conf"));
      List<String> names = new ArrayList<>();
      if (known != null) {
        for (String k : known) {
          names.add(k.substring(0, k.length() - ".conf".length()));
        }
      }
      Collections.sort(names);
      throw new InvalidInputException(
          String.format(
              "unknown dataset '%s': no spec %s; known datasets: %s",
              name, file, names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
    try {
      return parse(ConfigFactory.parseFile(file).resolve(), name, file.getPath(), home);
    } catch (ConfigException e) {
      throw new InvalidInputException("dataset spec " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static DatasetSpec parse(Config c, String name, String specFile, File home) {
    String format = c.getString("format");
    if (!FORMATS.contains(format)) {
      throw bad(specFile, "format = " + format, "one of " + String.join(" | ", FORMATS));
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("source").root().entrySet()) {
      sources.put(e.getKey(), resolvePath(String.valueOf(e.getValue().unwrapped()), home));
    }
    List<String> roles = format.equals("idx") ? List.of("images", "labels") : List.of("path");
    if (!sources.keySet().containsAll(roles)) {
      throw bad(specFile, "source " + sources.keySet(), "the roles " + roles + " for " + format);
    }
    Map<String, String> readerOptions = new LinkedHashMap<>();
    if (c.hasPath("reader-options")) {
      for (Map.Entry<String, ConfigValue> e : c.getConfig("reader-options").root().entrySet()) {
        readerOptions.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    if (readerOptions.containsKey("max-bytes")) {
      bytes(specFile, "max-bytes", readerOptions.get("max-bytes"));
    }
    Map<String, Double[]> ranges = new LinkedHashMap<>();
    if (c.hasPath("rules")) {
      for (Config r : c.getConfigList("rules")) {
        Double min = r.hasPath("min") ? r.getDouble("min") : null;
        Double max = r.hasPath("max") ? r.getDouble("max") : null;
        ranges.put(r.getString("field"), new Double[] {min, max});
      }
    }
    List<FieldSpec> schema = new ArrayList<>();
    for (Config f : c.getConfigList("schema")) {
      String fname = f.getString("name");
      String type = f.getString("type").replace(" ", "");
      if (!FieldSpec.TYPES.contains(type)) {
        throw bad(
            specFile,
            "type of " + fname + " = " + type,
            "one of " + String.join(" | ", FieldSpec.TYPES));
      }
      Double[] range = ranges.remove(fname);
      boolean allowNonFinite = f.hasPath("allow-non-finite") && f.getBoolean("allow-non-finite");
      FieldSpec field =
          new FieldSpec(
              fname,
              type,
              f.hasPath("length") ? f.getInt("length") : 0,
              range == null ? null : range[0],
              range == null ? null : range[1],
              f.hasPath("nullable") && f.getBoolean("nullable"),
              allowNonFinite);
      if (allowNonFinite && !field.isFloatingPoint()) {
        throw bad(
            specFile,
            "allow-non-finite on " + fname + " (" + type + ")",
            "it only on double, array<double> or vector fields");
      }
      schema.add(field);
    }
    if (!ranges.isEmpty()) {
      throw bad(specFile, "rules for " + ranges.keySet(), "fields declared in schema");
    }
    Config fc = c.getConfig("features");
    String scaling = fc.hasPath("scaling") ? fc.getString("scaling") : "none";
    if (!FeatureSpec.SCALINGS.contains(scaling)) {
      throw bad(
          specFile,
          "features.scaling = " + scaling,
          "one of " + String.join(" | ", FeatureSpec.SCALINGS));
    }
    FeatureSpec features = features(fc, scaling, specFile);
    if ((features.vectorField() == null) == features.columns().isEmpty()) {
      throw bad(specFile, "features", "exactly one of features.vector or features.columns");
    }
    double fraction =
        c.hasPath("split.validation-fraction") ? c.getDouble("split.validation-fraction") : 0.2;
    if (!(fraction >= 0 && fraction < 1)) {
      throw bad(specFile, "split.validation-fraction = " + fraction, "a number in [0, 1)");
    }
    long seed = c.hasPath("split.seed") ? c.getLong("split.seed") : 0L;
    DatasetSpec spec =
        new DatasetSpec(
            name, format, sources, readerOptions, schema, features, fraction, seed, specFile);
    if (features.vectorField() != null) {
      spec.field(features.vectorField());
    }
    features.columns().forEach(spec::field);
    if (features.label() != null) {
      FieldSpec label = spec.field(features.label());
      if (!label.isNumeric() && !label.type().equals("string")) {
        throw bad(
            specFile,
            "features.label = " + label.name() + " (" + label.type() + ")",
            "a label of type int, long, double or string (a string label is indexed)");
      }
      if (features.columns().contains(label.name())) {
        throw bad(
            specFile,
            "features column '" + label.name() + "'",
            "the label to be left out of features.columns");
      }
    }
    for (ColumnSpec t : features.transforms()) {
      checkColumn(specFile, spec.field(t.name()), t);
    }
    return spec;
  }

  /** Parses {@code features}: the vector, the column names, or per-column transforms. */
  private static FeatureSpec features(Config fc, String scaling, String specFile) {
    String vector = fc.hasPath("vector") ? fc.getString("vector") : null;
    String label = fc.hasPath("label") ? fc.getString("label") : null;
    double divisor = fc.hasPath("divisor") ? fc.getDouble("divisor") : 1.0;
    if (!fc.hasPath("columns")) {
      return new FeatureSpec(vector, List.of(), scaling, divisor, label);
    }
    com.typesafe.config.ConfigList list = fc.getList("columns");
    boolean objects =
        list.stream().anyMatch(v -> v.valueType() == com.typesafe.config.ConfigValueType.OBJECT);
    if (!objects) {
      return new FeatureSpec(vector, fc.getStringList("columns"), scaling, divisor, label);
    }
    if (fc.hasPath("scaling")) {
      throw bad(
          specFile,
          "features.scaling with per-column transforms",
          "a transform on each column instead, e.g. { name = x, transform = standardize }");
    }
    List<String> names = new ArrayList<>();
    List<ColumnSpec> transforms = new ArrayList<>();
    for (ConfigValue v : list) {
      ColumnSpec t;
      if (v.valueType() == com.typesafe.config.ConfigValueType.STRING) {
        t = new ColumnSpec((String) v.unwrapped(), null, 0, true, null, null);
      } else if (v.valueType() == com.typesafe.config.ConfigValueType.OBJECT) {
        Config o = ((com.typesafe.config.ConfigObject) v).toConfig();
        if (!o.hasPath("name")) {
          throw bad(
              specFile,
              "features.columns entry "
                  + v.render(com.typesafe.config.ConfigRenderOptions.concise()),
              "a name = FIELD in it");
        }
        String name = o.getString("name");
        for (String key : o.root().keySet()) {
          if (!List.of("name", "transform", "max-categories", "other", "impute", "constant")
              .contains(key)) {
            throw bad(
                specFile,
                "features column '" + name + "' key " + key,
                "one of name, transform, max-categories, other, impute, constant");
          }
        }
        t =
            new ColumnSpec(
                name,
                o.hasPath("transform") ? o.getString("transform") : null,
                o.hasPath("max-categories") ? o.getInt("max-categories") : 0,
                !o.hasPath("other") || o.getBoolean("other"),
                o.hasPath("impute") ? o.getString("impute") : null,
                o.hasPath("constant") ? String.valueOf(o.getAnyRef("constant")) : null);
      } else {
        throw bad(
            specFile,
            "features.columns entry " + v.render(),
            "a field name or " + "{ name = FIELD, transform = ..., impute = ... }");
      }
      if (names.contains(t.name())) {
        throw bad(specFile, "features column '" + t.name() + "'", "each column listed once");
      }
      names.add(t.name());
      transforms.add(t);
    }
    return new FeatureSpec(vector, names, "none", divisor, label, transforms);
  }

  /**
   * Checks a per-column transform against its field and fills in the defaults ({@code none} for
   * numbers, {@code one-hot} for strings); the message names the column and what to write.
   */
  private static void checkColumn(String specFile, FieldSpec f, ColumnSpec t) {
    String col = "features column '" + f.name() + "'";
    if (f.isArray() || f.isVector()) {
      throw bad(
          specFile,
          col + " (" + f.type() + ")",
          "an int, long, double or string field "
              + "(an array or vector field is features.vector)");
    }
    String transform =
        t.transform() != null ? t.transform() : f.type().equals("string") ? "one-hot" : "none";
    boolean categorical = FittedColumnNames.CATEGORICAL.contains(transform);
    if (!categorical && !FittedColumnNames.NUMERIC.contains(transform)) {
      throw bad(
          specFile,
          col + " transform = " + transform,
          "one of "
              + String.join(" | ", FittedColumnNames.NUMERIC)
              + " (numbers) or "
              + String.join(" | ", FittedColumnNames.CATEGORICAL)
              + " (categories)");
    }
    if (!categorical && f.type().equals("string")) {
      throw bad(
          specFile,
          col + " transform = " + transform + " on a string field",
          "transform = one-hot or index (or declare the field as a number)");
    }
    if (categorical && f.type().equals("double")) {
      throw bad(
          specFile,
          col + " transform = " + transform + " on a double field",
          "a numeric transform ("
              + String.join(" | ", FittedColumnNames.NUMERIC)
              + "), or declare the field as int, long or string");
    }
    if (t.maxCategories() != 0 && (!categorical || t.maxCategories() < 1)) {
      throw bad(
          specFile,
          col + " max-categories = " + t.maxCategories(),
          categorical ? "a number >= 1" : "it only with transform = one-hot or index");
    }
    if (t.impute() != null) {
      if (!f.nullable()) {
        throw bad(
            specFile,
            col
                + " impute = "
                + t.impute()
                + " on a field that is not "
                + "nullable (a missing value is quarantined)",
            "nullable = true on its schema " + "entry, or no impute");
      }
      boolean keyword = FittedColumnNames.IMPUTES.contains(t.impute());
      if (!keyword && !t.impute().equals("constant")) {
        throw bad(
            specFile,
            col + " impute = " + t.impute(),
            "one of "
                + String.join(" | ", FittedColumnNames.IMPUTES)
                + " | constant (with constant = "
                + "VALUE)");
      }
      if (categorical && (t.impute().equals("mean") || t.impute().equals("median"))) {
        throw bad(
            specFile,
            col + " impute = " + t.impute() + " on a categorical column",
            "impute = most-frequent, or impute = constant with constant = VALUE");
      }
      if (t.impute().equals("constant")) {
        if (t.constant() == null) {
          throw bad(
              specFile,
              col + " impute = constant without a value",
              "constant = VALUE " + "in the column's entry");
        }
        if (!categorical) {
          try {
            Double.parseDouble(t.constant());
          } catch (NumberFormatException e) {
            throw bad(specFile, col + " constant = " + t.constant(), "a number");
          }
        }
      }
    } else if (f.nullable()) {
      throw bad(
          specFile,
          col + " is nullable but has no impute",
          "impute = "
              + String.join(" | ", FittedColumnNames.IMPUTES)
              + " | constant on it (or "
              + "nullable = false, which quarantines rows without a value)");
    } else if (t.constant() != null) {
      throw bad(
          specFile,
          col + " constant = " + t.constant() + " without impute = constant",
          "impute = constant");
    }
  }

  /** The per-column transform of a field with its defaults filled in. */
  public ColumnSpec resolved(ColumnSpec t) {
    FieldSpec f = field(t.name());
    String transform =
        t.transform() != null ? t.transform() : f.type().equals("string") ? "one-hot" : "none";
    int max = t.maxCategories() > 0 ? t.maxCategories() : ColumnSpec.DEFAULT_MAX_CATEGORIES;
    return new ColumnSpec(t.name(), transform, max, t.other(), t.impute(), t.constant());
  }

  private static InvalidInputException bad(String file, String what, String expected) {
    return new InvalidInputException(
        String.format("dataset spec %s: %s is invalid; expected %s", file, what, expected));
  }

  private static String resolvePath(String path, File home) {
    if (path.contains("://") || path.startsWith("/") || home == null) {
      return path;
    }
    return new File(home, path).getAbsolutePath();
  }
}
