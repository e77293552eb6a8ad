package io.lakeforge.algorithms.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.algorithms.kmeans.KMeansOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KMeansOptionsTest {
  @Test
  void defaultsFollowSageMaker() {
    KMeansOptions o = KMeansOptions.parse(Map.of("k", "10"));
    assertThat(o.mode()).isEqualTo("webscale");
    assertThat(o.epochs()).isEqualTo(1);
    assertThat(o.miniBatchSize()).isEqualTo(5000);
    assertThat(o.initMethod()).isEqualTo("random");
    assertThat(o.localLloydInitMethod()).isEqualTo("kmeans++");
    assertThat(o.localLloydMaxIter()).isEqualTo(300);
    assertThat(o.localLloydTol()).isEqualTo(1e-4);
    assertThat(o.halfLifeTimeSize()).isZero();
    assertThat(o.evalMetrics()).containsExactly("msd");
    assertThat(o.extraCenterFactor()).isEqualTo(10);
    assertThat(o.featureDim()).isZero();
  }

  @Test
  void lloydModeDefaultsToKMeansParallelInit() {
    assertThat(KMeansOptions.parse(Map.of("k", "3", "mode", "lloyd")).initMethod())
        .isEqualTo("kmeans||");
  }

  @Test
  void unknownHyperparameterListsTheValidNames() {
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "3", "kk", "1")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("unknown hyperparameter 'kk'")
        .hasMessageContaining("mini_batch_size")
        .hasMessageContaining("local_lloyd_num_trials");
  }

  @Test
  void badValuesQuoteTheNameTheValueAndTheExpectation() {
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "0")))
        .hasMessage("hyperparameter k=0 is invalid: expected an integer in 1..1000000");
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "3", "mode", "fast")))
        .hasMessage("hyperparameter mode=fast is invalid: expected one of webscale | lloyd");
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "ten"))).hasMessageContaining("k=ten");
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "3", "local_lloyd_tol", "2")))
        .hasMessageContaining("local_lloyd_tol=2");
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "3", "eval_metrics", "msd,rmse")))
        .hasMessageContaining("eval_metrics=msd,rmse");
  }

  @Test
  void kIsRequired() {
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("mode", "lloyd")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k is required");
  }

  @Test
  void kMeansParallelInitIsRejectedForWebscale() {
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "3", "init_method", "kmeans||")))
        .hasMessageContaining("only valid with mode=lloyd");
  }

  @Test
  void extraCenterFactorAcceptsAutoOrAPositiveInteger() {
    assertThat(
            KMeansOptions.parse(Map.of("k", "2", "extra_center_factor", "auto"))
                .extraCenterFactor())
        .isEqualTo(10);
    assertThat(KMeansOptions.parse(Map.of("k", "40")).extraCenterFactor()).isEqualTo(3);
    assertThat(KMeansOptions.parse(Map.of("k", "256")).extraCenterFactor()).isEqualTo(2);
    assertThat(
            KMeansOptions.parse(Map.of("k", "2", "extra_center_factor", "4")).extraCenterFactor())
        .isEqualTo(4);
    assertThatThrownBy(() -> KMeansOptions.parse(Map.of("k", "2", "extra_center_factor", "-1")))
        .hasMessageContaining("expected auto or an integer in 1..1000");
    assertThatThrownBy(
            () -> KMeansOptions.parse(Map.of("k", "2", "extra_center_factor", "1000000")))
        .hasMessageContaining("extra_center_factor=1000000 is invalid");
  }

  @Test
  void recordedHyperparametersAreWhatRanWithTheRequestBeside() {
    KMeansOptions o = KMeansOptions.parse(Map.of("k", "2"));
    assertThat(o.requested())
        .containsEntry("extra_center_factor", "auto")
        .containsEntry("init_method", "auto")
        .containsEntry("local_lloyd_num_trials", "auto");
    assertThat(o.resolved())
        .containsEntry("extra_center_factor", 10)
        .containsEntry("init_method", "random")
        .containsEntry("local_lloyd_num_trials", 10)
        .containsEntry("k", 2)
        .containsEntry("seed", 42L);
    assertThat(KMeansOptions.parse(Map.of("k", "2", "mode", "lloyd")).resolved())
        .containsEntry("init_method", "kmeans||");
  }

  @Test
  void evalMetricsAcceptsAListInEitherSpelling() {
    assertThat(
            KMeansOptions.parse(Map.of("k", "2", "eval_metrics", "[\"msd\",\"ssd\"]"))
                .evalMetrics())
        .isEqualTo(List.of("msd", "ssd"));
  }

  @Test
  void helpIsGeneratedFromTheDefinitions() {
    assertThat(KMeansOptions.DEFINITIONS.help())
        .contains("k (int, default none)")
        .contains("extra_center_factor (int|auto, default auto)")
        .contains("mode (choice, default webscale)");
  }
}
