package io.lakeforge.algorithms.knn;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFormat;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.knn.KnnFormat;
import io.lakeforge.models.knn.KnnModel;
import java.util.List;
import java.util.Map;

/** k-nearest neighbours, classifier or regressor, with an optional sign projection. */
public final class KnnAlgorithm implements Algorithm {
  @Override
  public String name() {
    return KnnModel.ALGORITHM;
  }

  @Override
  public String summary() {
    return "k-nearest neighbours: a sampled index searched by BLAS brute force, majority label "
        + "or mean";
  }

  @Override
  public OptionSet options() {
    return KnnOptions.DEFINITIONS;
  }

  @Override
  public Trainer trainer(Map<String, String> hyperparameters) {
    return new KnnTrainer(KnnOptions.parse(hyperparameters));
  }

  @Override
  public ModelFormat format() {
    return new KnnFormat();
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return List.of(
        model.kind() == ModelKind.REGRESSOR
            ? new ReportFigure.PredictedVsActual()
            : new ReportFigure.ConfusionMatrix());
  }
}
