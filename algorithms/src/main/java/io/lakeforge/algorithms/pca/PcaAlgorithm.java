package io.lakeforge.algorithms.pca;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.pca.PcaFormat;
import io.lakeforge.models.pca.PcaModel;
import java.util.ArrayList;
import java.util.List;

/** Principal component analysis, exact or randomized. */
public final class PcaAlgorithm extends BuiltinAlgorithm {
  public PcaAlgorithm() {
    super(
        PcaModel.ALGORITHM,
        "projection: principal components from the distributed covariance, exact or "
            + "randomized",
        PcaOptions.DEFINITIONS,
        hyperparameters -> new PcaTrainer(PcaOptions.parse(hyperparameters)),
        new PcaFormat());
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    double[] ratio = ((PcaModel) model).explainedVarianceRatio();
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> cumulative = new ArrayList<>();
    double running = 0;
    for (int i = 0; i < ratio.length; i++) {
      labels.add(String.valueOf(i + 1));
      values.add(ratio[i]);
      running += ratio[i];
      cumulative.add(running);
    }
    return List.of(
        new ReportFigure.Bars(
            "explained_variance",
            "Explained variance",
            "The share of the total variance each principal component explains.",
            "principal component",
            "share of variance",
            labels,
            values),
        new ReportFigure.Line(
            "Cumulative explained variance",
            "The share of the total variance "
                + "the first n components explain together: read off how many components to keep.",
            "components kept",
            "share of variance",
            cumulative));
  }
}
