package io.lakeforge.algorithms.xgboost;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.xgboost.XgboostFormat;
import io.lakeforge.models.xgboost.XgboostModel;
import java.util.List;
import java.util.Map;

/** SageMaker's XGBoost: gradient-boosted trees, distributed through xgboost4j-spark. */
public final class XgboostAlgorithm implements Algorithm {
  @Override
  public String name() {
    return XgboostModel.ALGORITHM;
  }

  @Override
  public String summary() {
    return "gradient-boosted trees (XGBoost): classification or regression, one XGBoost worker "
        + "per partition";
  }

  @Override
  public OptionSet options() {
    return XgboostOptions.DEFINITIONS;
  }

  @Override
  public Trainer trainer(Map<String, String> hyperparameters) {
    return new XgboostTrainer(XgboostOptions.parse(hyperparameters));
  }

  @Override
  public ModelFormat format() {
    return new XgboostFormat();
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return List.of(
        model.kind() == ModelKind.REGRESSOR
            ? new ReportFigure.PredictedVsActual()
            : new ReportFigure.ConfusionMatrix());
  }
}
