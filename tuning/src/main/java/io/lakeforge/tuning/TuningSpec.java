package io.lakeforge.tuning;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.lakeforge.algorithms.api.Algorithms;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tuning job's spec ({@code conf/tuning/NAME.conf}, HOCON under {@code tuning}), checked whole
 * when read: every field, every range against the algorithm's own hyperparameter definitions, and
 * the strategy against the ranges, so a bad spec fails before Spark starts with one line naming the
 * field.
 */
public record TuningSpec(
    String dataset,
    String algorithm,
    String modelName,
    Map<String, String> hyperparameters,
    List<ParameterRange> ranges,
    Objective objective,
    Strategy strategy,
    int maxJobs,
    int maxParallelJobs,
    boolean earlyStopping,
    long seed,
    List<String> warmStart) {

  /** The search strategies a spec may name. */
  public enum Strategy {
    RANDOM,
    GRID,
    BAYESIAN,
    HYPERBAND
  }

  private static final Set<String> FIELDS =
      Set.of(
          "dataset",
          "algorithm",
          "model-name",
          "hyperparameters",
          "ranges",
          "objective",
          "strategy",
          "max-jobs",
          "max-parallel-jobs",
          "early-stopping",
          "seed",
          "warm-start");

  public TuningSpec {
    hyperparameters = Map.copyOf(hyperparameters);
    ranges = List.copyOf(ranges);
    warmStart = List.copyOf(warmStart);
  }

  /** The strategy this spec names, over its ranges. */
  public SearchStrategy search() {
    return switch (strategy) {
      case GRID -> new GridSearch(ranges);
      case RANDOM -> new RandomSearch(ranges, seed);
      case BAYESIAN -> new BayesianSearch(ranges, objective, seed);
      case HYPERBAND ->
          new Hyperband(
              ranges, Algorithms.get(algorithm).resource().orElseThrow(), objective, seed, maxJobs);
    };
  }

  /** Reads and checks {@code file}. */
  public static TuningSpec read(File file) {
    if (!file.isFile()) {
      throw new TuningSpecException("tuning spec " + file + " does not exist");
    }
    Config root;
    try {
      root = ConfigFactory.parseFile(file).resolve();
    } catch (ConfigException e) {
      throw new TuningSpecException(
          "tuning spec " + file + " is not valid HOCON: " + e.getMessage());
    }
    return parse(root, file.getPath());
  }

  /** Checks a parsed spec; {@code origin} names it in messages. */
  public static TuningSpec parse(Config root, String origin) {
    return new Reader(root, origin).read();
  }

  /** Reads one spec, naming {@code origin} and the field in every error. */
  private static final class Reader {
    private final Config root;
    private final String origin;

    Reader(Config root, String origin) {
      this.root = root;
      this.origin = origin;
    }

    private TuningSpecException bad(String field, String problem) {
      return new TuningSpecException("tuning spec " + origin + ": tuning." + field + " " + problem);
    }

    TuningSpec read() {
      if (!root.hasPath("tuning")) {
        throw new TuningSpecException("tuning spec " + origin + " has no tuning { ... } block");
      }
      Config c = root.getConfig("tuning");
      for (String key : c.root().keySet()) {
        if (!FIELDS.contains(key)) {
          throw bad(key, "is not a field; expected one of " + new TreeSet<>(FIELDS));
        }
      }
      String algorithm = text(c, "algorithm");
      OptionSet options;
      try {
        options = Algorithms.get(algorithm).options();
      } catch (InvalidOptionException e) {
        throw bad("algorithm", "= " + algorithm + ": " + e.getMessage());
      }
      Map<String, String> fixed = fixed(c, options);
      List<ParameterRange> ranges = ranges(c, options, fixed.keySet());
      Strategy strategy = strategy(c);
      int maxJobs = positive(c, "max-jobs", null);
      int parallel = positive(c, "max-parallel-jobs", 1);
      if (parallel > maxJobs) {
        throw bad("max-parallel-jobs", "= " + parallel + " is more than max-jobs = " + maxJobs);
      }
      if (strategy == Strategy.GRID) {
        checkGrid(ranges, maxJobs);
      }
      if (strategy == Strategy.HYPERBAND) {
        checkResource(algorithm, ranges);
      }
      return new TuningSpec(
          text(c, "dataset"),
          algorithm,
          text(c, "model-name"),
          fixed,
          ranges,
          objective(c),
          strategy,
          maxJobs,
          parallel,
          earlyStopping(c),
          c.hasPath("seed") ? longValue(c, "seed") : 42L,
          c.hasPath("warm-start") ? stringList(c, "warm-start") : List.of());
    }

    private String text(Config c, String field) {
      if (!c.hasPath(field)) {
        throw bad(field, "is required");
      }
      if (c.getValue(field).valueType() != ConfigValueType.STRING
          && c.getValue(field).valueType() != ConfigValueType.NUMBER) {
        throw bad(field, "must be a string");
      }
      String s = c.getString(field).trim();
      if (s.isEmpty()) {
        throw bad(field, "must not be empty");
      }
      return s;
    }

    private Map<String, String> fixed(Config c, OptionSet options) {
      Map<String, String> out = new TreeMap<>();
      if (!c.hasPath("hyperparameters")) {
        return out;
      }
      Config hp = object(c, "hyperparameters");
      for (Map.Entry<String, ConfigValue> e : hp.root().entrySet()) {
        out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
      try {
        options.parse(out);
      } catch (InvalidOptionException e) {
        throw bad("hyperparameters", "are invalid: " + e.getMessage());
      }
      return out;
    }

    private List<ParameterRange> ranges(Config c, OptionSet options, Set<String> fixed) {
      Config rs = object(c, "ranges");
      Map<String, OptionDef<?>> defs = new HashMap<>();
      options.definitions().forEach(d -> defs.put(d.name(), d));
      List<ParameterRange> out = new ArrayList<>();
      // In name order: HOCON objects have none, and the search must not depend on the parser.
      for (String name : new TreeSet<>(rs.root().keySet())) {
        String field = "ranges." + name;
        OptionDef<?> d = defs.get(name);
        if (d == null) {
          throw bad(
              field,
              "is not a hyperparameter of " + options.owner() + "; valid names: " + defs.keySet());
        }
        if (fixed.contains(name)) {
          throw bad(field, "is also fixed in tuning.hyperparameters; keep one of the two");
        }
        out.add(range(object(rs, name), field, d));
      }
      if (out.isEmpty()) {
        throw bad("ranges", "is empty: name at least one hyperparameter to search");
      }
      return out;
    }

    private ParameterRange range(Config r, String field, OptionDef<?> d) {
      String type = r.hasPath("type") ? r.getString("type") : "";
      switch (type) {
        case "categorical" -> {
          List<String> values = stringList(r, "values", field);
          if (values.isEmpty() || new TreeSet<>(values).size() != values.size()) {
            throw bad(field + ".values", "must be distinct values, at least one");
          }
          values.forEach(v -> valid(d, v, field + ".values"));
          return new ParameterRange.Categorical(d.name(), values);
        }
        case "integer", "continuous" -> {
          boolean integer = type.equals("integer");
          if (integer ? !d.typeName().startsWith("int") : !numeric(d)) {
            throw bad(
                field + ".type",
                "= " + type + " does not fit " + d.name() + " (a " + d.typeName() + ")");
          }
          double min = number(r, "min", field);
          double max = number(r, "max", field);
          if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
            throw bad(field, "is an integer range: min and max must be integers");
          }
          if (!(min < max)) {
            throw bad(field, "needs min < max, not min = " + min + ", max = " + max);
          }
          Scaling scaling = scaling(r, field);
          if (scaling == Scaling.LOG && min <= 0) {
            throw bad(field + ".min", "must be > 0 with scaling = log, not " + min);
          }
          valid(d, integer ? String.valueOf((long) min) : String.valueOf(min), field + ".min");
          valid(d, integer ? String.valueOf((long) max) : String.valueOf(max), field + ".max");
          return integer
              ? new ParameterRange.Integral(d.name(), (long) min, (long) max, scaling)
              : new ParameterRange.Continuous(d.name(), min, max, scaling);
        }
        default ->
            throw bad(
                field + ".type",
                (type.isEmpty() ? "is required" : "= " + type + " is unknown")
                    + "; expected integer | continuous | categorical");
      }
    }

    private static boolean numeric(OptionDef<?> d) {
      return d.typeName().equals("double")
          || d.typeName().equals("number|auto")
          || d.typeName().startsWith("int");
    }

    private void valid(OptionDef<?> d, String value, String field) {
      try {
        d.parse(value);
      } catch (InvalidOptionException e) {
        throw bad(field, "= " + value + " is outside what the algorithm takes: " + e.getMessage());
      }
    }

    private Scaling scaling(Config r, String field) {
      String s = r.hasPath("scaling") ? r.getString("scaling") : "linear";
      return switch (s) {
        case "linear" -> Scaling.LINEAR;
        case "log" -> Scaling.LOG;
        default -> throw bad(field + ".scaling", "= " + s + " is unknown; expected linear | log");
      };
    }

    private Objective objective(Config c) {
      Config o = object(c, "objective");
      String metric = text(o, "metric", "objective.metric");
      String goal = o.hasPath("goal") ? o.getString("goal") : "";
      return switch (goal) {
        case "maximize" -> new Objective(metric, true);
        case "minimize" -> new Objective(metric, false);
        default ->
            throw bad(
                "objective.goal",
                (goal.isEmpty() ? "is required" : "= " + goal + " is unknown")
                    + "; expected maximize | minimize");
      };
    }

    private Strategy strategy(Config c) {
      String s = c.hasPath("strategy") ? c.getString("strategy") : "random";
      try {
        return Strategy.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(
            "strategy", "= " + s + " is unknown; expected random | grid | bayesian | hyperband");
      }
    }

    private void checkGrid(List<ParameterRange> ranges, int maxJobs) {
      for (ParameterRange r : ranges) {
        if (r instanceof ParameterRange.Continuous) {
          throw bad(
              "ranges." + r.name(),
              "is continuous: strategy = grid takes categorical and integer ranges only");
        }
      }
      long points = GridSearch.points(ranges);
      if (points > GridSearch.MAX_POINTS) {
        throw bad("ranges", "make a grid of more than " + GridSearch.MAX_POINTS + " points");
      }
      if (maxJobs < points) {
        throw bad(
            "max-jobs", "= " + maxJobs + " is fewer than the grid's " + points + " combinations");
      }
    }

    /** Hyperband needs the algorithm's resource as an integer range it can divide by 3. */
    private void checkResource(String algorithm, List<ParameterRange> ranges) {
      String resource = Algorithms.get(algorithm).resource().orElse(null);
      if (resource == null) {
        List<String> with = new ArrayList<>();
        Algorithms.all().values().forEach(x -> x.resource().ifPresent(r -> with.add(x.name())));
        throw bad(
            "strategy",
            "= hyperband needs a resource (epochs or iterations); "
                + algorithm
                + " has none (algorithms with one: "
                + with
                + ")");
      }
      ParameterRange r =
          ranges.stream().filter(x -> x.name().equals(resource)).findFirst().orElse(null);
      if (!(r instanceof ParameterRange.Integral i)) {
        throw bad(
            "ranges." + resource,
            "is required with strategy = hyperband: an integer range "
                + "{ type = integer, min = 1, max = 27 } bounds the resource");
      }
      if (i.min() < 1 || i.max() < Hyperband.ETA * i.min()) {
        throw bad(
            "ranges." + resource,
            "needs 1 <= min and max >= "
                + Hyperband.ETA
                + " * min for hyperband, not min = "
                + i.min()
                + ", max = "
                + i.max());
      }
    }

    private boolean earlyStopping(Config c) {
      String s = c.hasPath("early-stopping") ? c.getString("early-stopping") : "off";
      return switch (s) {
        case "off" -> false;
        case "auto" -> true;
        default -> throw bad("early-stopping", "= " + s + " is unknown; expected off | auto");
      };
    }

    private int positive(Config c, String field, Integer dflt) {
      if (!c.hasPath(field)) {
        if (dflt == null) {
          throw bad(field, "is required");
        }
        return dflt;
      }
      long v = longValue(c, field);
      if (v < 1 || v > 10_000) {
        throw bad(field, "= " + v + " must be in 1..10000");
      }
      return (int) v;
    }

    private long longValue(Config c, String field) {
      try {
        return c.getLong(field);
      } catch (ConfigException e) {
        throw bad(field, "must be an integer, not " + c.getValue(field).render());
      }
    }

    private double number(Config r, String key, String field) {
      if (!r.hasPath(key)) {
        throw bad(field + "." + key, "is required");
      }
      try {
        return r.getDouble(key);
      } catch (ConfigException e) {
        throw bad(field + "." + key, "must be a number, not " + r.getValue(key).render());
      }
    }

    private Config object(Config c, String field) {
      if (!c.hasPath(field)) {
        throw bad(field, "is required");
      }
      if (c.getValue(field).valueType() != ConfigValueType.OBJECT) {
        throw bad(field, "must be an object { ... }");
      }
      return c.getConfig(field);
    }

    private String text(Config c, String key, String field) {
      if (!c.hasPath(key) || c.getString(key).isBlank()) {
        throw bad(field, "is required");
      }
      return c.getString(key).trim();
    }

    private List<String> stringList(Config c, String field) {
      return stringList(c, field, null);
    }

    private List<String> stringList(Config c, String key, String prefix) {
      String field = prefix == null ? key : prefix + "." + key;
      if (!c.hasPath(key) || c.getValue(key).valueType() != ConfigValueType.LIST) {
        throw bad(field, "must be a list [ ... ]");
      }
      List<String> out = new ArrayList<>();
      c.getList(key).forEach(v -> out.add(String.valueOf(v.unwrapped())));
      return out;
    }
  }
}
