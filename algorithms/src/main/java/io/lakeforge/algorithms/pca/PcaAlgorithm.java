package io.lakeforge.algorithms.pca;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import io.lakeforge.models.pca.PcaFormat;
import io.lakeforge.models.pca.PcaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Principal component analysis, exact or randomized. */
public final class PcaAlgorithm implements Algorithm {
  static final String CAPTION = "share of the total variance each principal component explains";

  @Override
  public String name() {
    return PcaModel.ALGORITHM;
  }

  @Override
  public String summary() {
    return "projection: principal components from the distributed covariance, exact or "
        + "randomized";
  }

  @Override
  public OptionSet options() {
    return PcaOptions.DEFINITIONS;
  }

  @Override
  public Trainer trainer(Map<String, String> hyperparameters) {
    return new PcaTrainer(PcaOptions.parse(hyperparameters));
  }

  @Override
  public ModelFormat format() {
    return new PcaFormat();
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    double[] ratio = ((PcaModel) model).explainedVarianceRatio();
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < ratio.length; i++) {
      labels.add(String.valueOf(i + 1));
      values.add(ratio[i]);
    }
    return List.of(new ReportFigure.Bars("explained_variance", "Explained variance", CAPTION,
        labels, values));
  }
}
