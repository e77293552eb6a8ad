package io.lakeforge.algorithms.linear;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.linear.LinearFormat;
import io.lakeforge.models.linear.LinearModel;
import java.util.List;

/** SageMaker's linear learner: binary and multiclass classification, regression. */
public final class LinearLearnerAlgorithm extends BuiltinAlgorithm {
  public LinearLearnerAlgorithm() {
    super(
        LinearModel.ALGORITHM,
        "linear models: logistic / softmax classification or regression, mini-batch Adam or "
            + "SGD averaged over partitions",
        LinearLearnerOptions.DEFINITIONS,
        hyperparameters -> new LinearLearnerTrainer(LinearLearnerOptions.parse(hyperparameters)),
        new LinearFormat());
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return supervisedFigures(model);
  }

  @Override
  public java.util.Optional<String> resource() {
    return java.util.Optional.of("epochs");
  }
}
