package io.lakeforge.algorithms.kmeans;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import io.lakeforge.models.Output;
import io.lakeforge.models.kmeans.KMeansFormat;
import io.lakeforge.models.kmeans.KMeansModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** K-Means (SageMaker's web-scale mode and distributed Lloyd). */
public final class KMeansAlgorithm implements Algorithm {
  @Override
  public String name() {
    return KMeansModel.ALGORITHM;
  }

  @Override
  public String summary() {
    return "clustering: SageMaker's web-scale mini-batch K-Means, or distributed Lloyd";
  }

  @Override
  public OptionSet options() {
    return KMeansOptions.DEFINITIONS;
  }

  @Override
  public Trainer trainer(Map<String, String> hyperparameters) {
    return new KMeansTrainer(KMeansOptions.parse(hyperparameters));
  }

  @Override
  public ModelFormat format() {
    return new KMeansFormat();
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
}
