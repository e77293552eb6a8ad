package io.lakeforge.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuningSpecTest {
  private static final String GOOD =
      """
      tuning {
        dataset = mnist
        algorithm = linear-learner
        model-name = tuned
        hyperparameters { predictor_type = multiclass_classifier, num_classes = 10 }
        ranges {
          learning_rate { type = continuous, min = 0.001, max = 0.1, scaling = log }
          mini_batch_size { type = integer, min = 100, max = 1000 }
          loss { type = categorical, values = [auto, softmax_loss] }
        }
        objective { metric = accuracy, goal = maximize }
        strategy = random
        max-jobs = 10
        max-parallel-jobs = 2
      }
      """;

  private static TuningSpec parse(String hocon) {
    return TuningSpec.parse(ConfigFactory.parseString(hocon).resolve(), "t.conf");
  }

  /** GOOD with {@code path} set to {@code value} (HOCON), or removed when value is null. */
  private static TuningSpec with(String path, String value) {
    var c = ConfigFactory.parseString(GOOD).withoutPath("tuning." + path);
    if (value != null) {
      c = ConfigFactory.parseString("tuning." + path + " = " + value).withFallback(c);
    }
    return TuningSpec.parse(c.resolve(), "t.conf");
  }

  @Test
  void aGoodSpecReadsWithItsRangesInNameOrderAndDefaults() {
    TuningSpec s = parse(GOOD);
    assertThat(s.algorithm()).isEqualTo("linear-learner");
    assertThat(s.ranges())
        .containsExactly(
            new ParameterRange.Continuous("learning_rate", 0.001, 0.1, Scaling.LOG),
            new ParameterRange.Categorical("loss", List.of("auto", "softmax_loss")),
            new ParameterRange.Integral("mini_batch_size", 100, 1000, Scaling.LINEAR));
    assertThat(s.hyperparameters())
        .isEqualTo(Map.of("predictor_type", "multiclass_classifier", "num_classes", "10"));
    assertThat(s.objective()).isEqualTo(new Objective("accuracy", true));
    assertThat(s.seed()).isEqualTo(42L);
    assertThat(s.earlyStopping()).isFalse();
    assertThat(s.warmStart()).isEmpty();
    assertThat(s.search()).isInstanceOf(RandomSearch.class);
  }

  @Test
  void theShippedSpecsRead() {
    File dir = new File(System.getProperty("lakeforge.home", ".."), "conf/tuning");
    File[] specs = dir.listFiles((d, n) -> n.endsWith(".conf"));
    assertThat(specs).isNotNull().hasSizeGreaterThanOrEqualTo(2);
    for (File f : specs) {
      TuningSpec s = TuningSpec.read(f);
      assertThat(s.dataset()).as(f.getName()).isEqualTo("mnist");
      assertThat(s.search().propose(0, List.of())).as(f.getName()).isPresent();
    }
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "dataset|NULL|tuning.dataset is required",
        "algorithm|sgd|tuning.algorithm = sgd: unknown algorithm 'sgd'",
        "model-name|\"\"|tuning.model-name must not be empty",
        "hyperparameters.num_classes|0|tuning.hyperparameters are invalid: hyperparameter"
            + " num_classes=0 is invalid",
        "hyperparameters.learning_rate|0.1|tuning.ranges.learning_rate is also fixed",
        "ranges|{}|tuning.ranges is empty",
        "ranges.speed|{ type = integer, min = 1, max = 2 }|tuning.ranges.speed is not a"
            + " hyperparameter of linear-learner",
        "ranges.learning_rate.type|ordinal|tuning.ranges.learning_rate.type = ordinal is unknown",
        "ranges.learning_rate.min|1.0|tuning.ranges.learning_rate needs min < max",
        "ranges.learning_rate.min|0|tuning.ranges.learning_rate.min must be > 0 with scaling = log",
        "ranges.learning_rate.min|lots|tuning.ranges.learning_rate.min must be a number",
        "ranges.learning_rate.scaling|cubic|tuning.ranges.learning_rate.scaling = cubic is"
            + " unknown",
        "ranges.learning_rate.max|1000|tuning.ranges.learning_rate.max = 1000.0 is outside what"
            + " the algorithm takes",
        "ranges.mini_batch_size.max|100.5|tuning.ranges.mini_batch_size is an integer range",
        "ranges.loss.values|[auto, auto]|tuning.ranges.loss.values must be distinct",
        "ranges.loss.values|[auto, hinge]|tuning.ranges.loss.values = hinge is outside",
        "ranges.loss.type|integer|tuning.ranges.loss.type = integer does not fit loss",
        "objective.goal|best|tuning.objective.goal = best is unknown",
        "objective.metric|NULL|tuning.objective.metric is required",
        "strategy|annealing|tuning.strategy = annealing is unknown",
        "strategy|grid|tuning.ranges.learning_rate is continuous",
        "strategy|hyperband|tuning.ranges.epochs is required with strategy = hyperband",
        "max-jobs|0|tuning.max-jobs = 0 must be in 1..10000",
        "max-jobs|NULL|tuning.max-jobs is required",
        "max-parallel-jobs|11|tuning.max-parallel-jobs = 11 is more than max-jobs = 10",
        "early-stopping|sometimes|tuning.early-stopping = sometimes is unknown",
        "seed|soon|tuning.seed must be an integer",
        "warm-start|abc|tuning.warm-start must be a list",
        "budget|3|tuning.budget is not a field",
      })
  void everyBadFieldIsNamedInOneLine(String path, String value, String message) {
    assertThatThrownBy(() -> with(path, value))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageStartingWith("tuning spec t.conf: ")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aGridOfCategoricalAndIntegerRangesMustFitInMaxJobs() {
    String grid =
        GOOD.replace("strategy = random", "strategy = grid")
            .replace(
                "learning_rate { type = continuous, min = 0.001, max = 0.1, scaling = log }", "");
    // 5 batch sizes x 2 losses: exactly max-jobs.
    TuningSpec s = parse(grid.replace("max = 1000", "max = 104"));
    assertThat(((GridSearch) s.search()).points()).isEqualTo(10);
    assertThatThrownBy(() -> parse(grid.replace("max = 1000", "max = 105")))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageContaining("tuning.max-jobs = 10 is fewer than the grid's 12 combinations");
  }

  @Test
  void bayesianAndHyperbandSpecsReadAndHyperbandNeedsADivisibleResource() {
    assertThat(with("strategy", "bayesian").search()).isInstanceOf(BayesianSearch.class);
    String hyperband =
        GOOD.replace("strategy = random", "strategy = hyperband")
            .replace(
                "loss { type = categorical, values = [auto, softmax_loss] }",
                "epochs { type = integer, min = 1, max = 27 }");
    assertThat(parse(hyperband).search()).isInstanceOf(Hyperband.class);
    assertThatThrownBy(() -> parse(hyperband.replace("max = 27", "max = 2")))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageContaining("tuning.ranges.epochs needs 1 <= min and max >= 3 * min");
    assertThatThrownBy(
            () ->
                parse(
                    "tuning { dataset = d, algorithm = pca, model-name = m, strategy = hyperband, "
                        + "ranges { num_components { type = integer, min = 1, max = 9 } }, "
                        + "objective { metric = x, goal = minimize }, max-jobs = 3 }"))
        .isInstanceOf(TuningSpecException.class)
        .hasMessageContaining("has none");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> TuningSpec.read(new File("no/such.conf")))
        .hasMessage("tuning spec no/such.conf does not exist");
  }
}
