package io.lakeforge.algorithms.xgboost;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.xgboost.XgboostFormat;
import io.lakeforge.models.xgboost.XgboostModel;
import java.util.List;

/** SageMaker's XGBoost: gradient-boosted trees, distributed through xgboost4j-spark. */
public final class XgboostAlgorithm extends BuiltinAlgorithm {
  public XgboostAlgorithm() {
    super(
        XgboostModel.ALGORITHM,
        "gradient-boosted trees (XGBoost): classification or regression, one XGBoost worker "
            + "per partition",
        XgboostOptions.DEFINITIONS,
        hyperparameters -> new XgboostTrainer(XgboostOptions.parse(hyperparameters)),
        new XgboostFormat());
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return supervisedFigures(model);
  }
}
