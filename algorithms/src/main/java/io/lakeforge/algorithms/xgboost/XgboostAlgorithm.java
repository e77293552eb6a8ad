package io.lakeforge.algorithms.xgboost;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.xgboost.XgboostFormat;
import io.lakeforge.models.xgboost.XgboostModel;
import java.util.ArrayList;
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
    XgboostModel m = (XgboostModel) model;
    double[] gain = new double[m.featureDim()];
    m.featureImportanceGain().forEach((f, v) -> gain[Integer.parseInt(f.substring(1))] = v);
    List<ReportFigure> out = new ArrayList<>(supervisedFigures(model));
    out.add(
        new ReportFigure.FeatureBars(
            "Feature importance (gain)",
            "The total gain of the splits on each feature, for the 20 features with the most: "
                + "what the trees rely on. Features no tree splits on have no gain.",
            "total gain",
            gain,
            20));
    return out;
  }

  @Override
  public java.util.Optional<String> resource() {
    return java.util.Optional.of("num_round");
  }
}
