package io.lakeforge.algorithms.api;

import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link Algorithm} described by its parts, so that a built-in's descriptor is one constructor
 * call (plus its report figures where they are its own), and a ServiceLoader finds it through the
 * subclass's no-argument constructor.
 */
public abstract class BuiltinAlgorithm implements Algorithm {
  private final String name;
  private final String summary;
  private final OptionSet options;
  private final Function<Map<String, String>, Trainer> trainer;
  private final ModelFormat format;

  protected BuiltinAlgorithm(
      String name,
      String summary,
      OptionSet options,
      Function<Map<String, String>, Trainer> trainer,
      ModelFormat format) {
    this.name = name;
    this.summary = summary;
    this.options = options;
    this.trainer = trainer;
    this.format = format;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final OptionSet options() {
    return options;
  }

  @Override
  public final Trainer trainer(Map<String, String> hyperparameters) {
    return trainer.apply(hyperparameters);
  }

  @Override
  public final ModelFormat format() {
    return format;
  }

  /** A supervised model's figure: predicted against actual for a regressor, else confusion. */
  protected static List<ReportFigure> supervisedFigures(Model model) {
    return List.of(
        model.kind() == io.lakeforge.models.ModelKind.REGRESSOR
            ? new ReportFigure.PredictedVsActual()
            : new ReportFigure.ConfusionMatrix());
  }
}
