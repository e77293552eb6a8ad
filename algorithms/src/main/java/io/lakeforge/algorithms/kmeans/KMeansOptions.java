package io.lakeforge.algorithms.kmeans;

import static io.lakeforge.algorithms.options.OptionDef.choice;
import static io.lakeforge.algorithms.options.OptionDef.choiceList;
import static io.lakeforge.algorithms.options.OptionDef.doubleOption;
import static io.lakeforge.algorithms.options.OptionDef.intOption;
import static io.lakeforge.algorithms.options.OptionDef.intOrAuto;

import io.lakeforge.algorithms.options.AlgorithmOptions;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.ParsedOptions;
import io.lakeforge.algorithms.options.SharedOptions;
import java.util.List;
import java.util.Map;

/**
 * K-Means hyperparameters with Amazon SageMaker's names, plus {@code mode}, {@code max_iter},
 * {@code tol} and {@code seed}. Built from text and validated before any Spark work starts.
 */
public final class KMeansOptions extends AlgorithmOptions {
  private static final long serialVersionUID = 1L;

  public static final OptionDef<Integer> K =
      intOption("k", null, 1, 1_000_000, "number of clusters");
  public static final OptionDef<String> MODE =
      choice(
          "mode",
          "webscale",
          "webscale: SageMaker's mini-batch algorithm; lloyd: distributed full-batch Lloyd",
          "webscale",
          "lloyd");
  public static final OptionDef<Integer> EPOCHS =
      SharedOptions.epochs(1, "webscale: passes over the data");
  public static final OptionDef<Integer> MINI_BATCH_SIZE =
      SharedOptions.miniBatchSize(5000, 10_000_000, "webscale: rows per mini-batch");
  public static final OptionDef<Integer> EXTRA_CENTER_FACTOR =
      intOrAuto(
          "extra_center_factor",
          "webscale: each partition keeps k × this many centers (auto = 10 for k <= 10, "
              + "falling to 2 from k = 50: about 100 centers or 2k)",
          1,
          1000);
  public static final OptionDef<String> INIT_METHOD =
      choice(
          "init_method",
          "auto",
          "initialization (auto = random for webscale, kmeans|| for lloyd; kmeans|| is lloyd only)",
          "auto",
          "random",
          "kmeans++",
          "kmeans||");
  public static final OptionDef<String> LOCAL_LLOYD_INIT_METHOD =
      choice(
          "local_lloyd_init_method",
          "kmeans++",
          "webscale: initialization of the final local Lloyd reduction",
          "kmeans++",
          "random");
  public static final OptionDef<Integer> LOCAL_LLOYD_NUM_TRIALS =
      intOrAuto(
          "local_lloyd_num_trials", "webscale: local Lloyd trials, best kept (auto = 10)", 1, 1000);
  public static final OptionDef<Integer> LOCAL_LLOYD_MAX_ITER =
      intOption(
          "local_lloyd_max_iter",
          300,
          1,
          1_000_000,
          "webscale: iterations of each local Lloyd trial");
  public static final OptionDef<Double> LOCAL_LLOYD_TOL =
      doubleOption(
          "local_lloyd_tol",
          1e-4,
          0.0,
          1.0,
          "webscale: local Lloyd stops when the relative cost change is at most this");
  public static final OptionDef<Integer> HALF_LIFE_TIME_SIZE =
      intOption(
          "half_life_time_size",
          0,
          0,
          Integer.MAX_VALUE,
          "webscale: a point's weight in a center halves after this many points (0 = no decay)");
  public static final OptionDef<List<String>> EVAL_METRICS =
      choiceList(
          "eval_metrics", List.of("msd"), "metrics reported on the validation split", "msd", "ssd");
  public static final OptionDef<Integer> MAX_ITER =
      intOption("max_iter", 20, 1, 1_000_000, "lloyd: maximum iterations");
  public static final OptionDef<Double> TOL =
      doubleOption(
          "tol",
          1e-4,
          0.0,
          Double.MAX_VALUE,
          "lloyd: stops when no center moves farther than this (0 = run max_iter iterations)");
  public static final OptionSet DEFINITIONS =
      new OptionSet(
          "kmeans",
          List.of(
              K,
              SharedOptions.FEATURE_DIM,
              MODE,
              EPOCHS,
              MINI_BATCH_SIZE,
              EXTRA_CENTER_FACTOR,
              INIT_METHOD,
              LOCAL_LLOYD_INIT_METHOD,
              LOCAL_LLOYD_NUM_TRIALS,
              LOCAL_LLOYD_MAX_ITER,
              LOCAL_LLOYD_TOL,
              HALF_LIFE_TIME_SIZE,
              EVAL_METRICS,
              MAX_ITER,
              TOL,
              SharedOptions.SEED));

  private static final int AUTO_LOCAL_LLOYD_TRIALS = 10;

  private KMeansOptions(ParsedOptions values) {
    super(values);
    if (!values.isSet(K)) {
      throw new InvalidOptionException(
          "hyperparameter k is required: the number of clusters, " + "e.g. --hp k=10");
    }
    if (initMethod().equals("kmeans||") && mode().equals("webscale")) {
      throw new InvalidOptionException(
          "hyperparameter init_method=kmeans|| is only valid with "
              + "mode=lloyd; webscale initializes each partition from its first mini-batch "
              + "(random | kmeans++)");
    }
  }

  /** Parses {@code name=value} hyperparameters; unknown names and bad values are rejected. */
  public static KMeansOptions parse(Map<String, String> hyperparameters) {
    return new KMeansOptions(DEFINITIONS.parse(hyperparameters));
  }

  public int k() {
    return values.get(K);
  }

  public String mode() {
    return values.get(MODE);
  }

  public int epochs() {
    return values.get(EPOCHS);
  }

  public int miniBatchSize() {
    return values.get(MINI_BATCH_SIZE);
  }

  public int extraCenterFactor() {
    int v = values.get(EXTRA_CENTER_FACTOR);
    // Extra centers buy quality at a cost of n·k·factor·d per epoch plus a local Lloyd over
    // partitions × k·factor points: about 100 centers per partition are plenty for small k,
    // and twice k keeps large k affordable.
    return v != 0 ? v : (int) Math.max(2, Math.min(10, Math.ceil(100.0 / k())));
  }

  /** The initialization actually used, with {@code auto} resolved for the mode. */
  public String initMethod() {
    String v = values.get(INIT_METHOD);
    if (!v.equals("auto")) {
      return v;
    }
    return mode().equals("lloyd") ? "kmeans||" : "random";
  }

  public String localLloydInitMethod() {
    return values.get(LOCAL_LLOYD_INIT_METHOD);
  }

  public int localLloydNumTrials() {
    int v = values.get(LOCAL_LLOYD_NUM_TRIALS);
    return v == 0 ? AUTO_LOCAL_LLOYD_TRIALS : v;
  }

  public int localLloydMaxIter() {
    return values.get(LOCAL_LLOYD_MAX_ITER);
  }

  public double localLloydTol() {
    return values.get(LOCAL_LLOYD_TOL);
  }

  public int halfLifeTimeSize() {
    return values.get(HALF_LIFE_TIME_SIZE);
  }

  public List<String> evalMetrics() {
    return values.get(EVAL_METRICS);
  }

  public int maxIter() {
    return values.get(MAX_ITER);
  }

  public double tol() {
    return values.get(TOL);
  }

  @Override
  protected void resolve(Map<String, Object> m) {
    m.put(EXTRA_CENTER_FACTOR.name(), extraCenterFactor());
    m.put(INIT_METHOD.name(), initMethod());
    m.put(LOCAL_LLOYD_NUM_TRIALS.name(), localLloydNumTrials());
  }
}
