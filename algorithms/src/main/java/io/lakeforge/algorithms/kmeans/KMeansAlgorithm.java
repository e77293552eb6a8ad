package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.kmeans.KMeansFormat;
import io.lakeforge.models.kmeans.KMeansModel;
import java.util.ArrayList;
import java.util.List;

/** K-Means (SageMaker's web-scale mode and distributed Lloyd). */
public final class KMeansAlgorithm extends BuiltinAlgorithm {
  public KMeansAlgorithm() {
    super(
        KMeansModel.ALGORITHM,
        "clustering: SageMaker's web-scale mini-batch K-Means, or distributed Lloyd",
        KMeansOptions.DEFINITIONS,
        hyperparameters -> new KMeansTrainer(KMeansOptions.parse(hyperparameters)),
        new KMeansFormat());
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    KMeansModel m = (KMeansModel) model;
    List<double[]> centers = new ArrayList<>();
    for (int c = 0; c < m.k(); c++) {
      centers.add(m.centers().center(c));
    }
    return List.of(new ReportFigure.Gallery(Output.CLUSTER, m.k(), centers));
  }

  @Override
  public java.util.Optional<String> resource() {
    return java.util.Optional.of("max_iter");
  }
}
