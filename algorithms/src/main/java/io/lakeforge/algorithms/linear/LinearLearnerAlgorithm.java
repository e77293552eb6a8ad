package io.lakeforge.algorithms.linear;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.linear.LinearFormat;
import io.lakeforge.models.linear.LinearModel;
import java.util.List;
import java.util.Map;

/** SageMaker's linear learner: binary and multiclass classification, regression. */
public final class LinearLearnerAlgorithm implements Algorithm {
  @Override
  public String name() {
    return LinearModel.ALGORITHM;
  }

  @Override
  public String summary() {
    return "linear models: logistic / softmax classification or regression, mini-batch Adam or "
        + "SGD averaged over partitions";
  }

  @Override
  public OptionSet options() {
    return LinearLearnerOptions.DEFINITIONS;
  }

  @Override
  public Trainer trainer(Map<String, String> hyperparameters) {
    return new LinearLearnerTrainer(LinearLearnerOptions.parse(hyperparameters));
  }

  @Override
  public ModelFormat format() {
    return new LinearFormat();
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return List.of(
        model.kind() == ModelKind.REGRESSOR
            ? new ReportFigure.PredictedVsActual()
            : new ReportFigure.ConfusionMatrix());
  }
}
