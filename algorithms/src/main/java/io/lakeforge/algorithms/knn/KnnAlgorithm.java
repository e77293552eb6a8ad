package io.lakeforge.algorithms.knn;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.knn.KnnFormat;
import io.lakeforge.models.knn.KnnModel;
import java.util.List;

/** k-nearest neighbours, classifier or regressor, with an optional sign projection. */
public final class KnnAlgorithm extends BuiltinAlgorithm {
  public KnnAlgorithm() {
    super(
        KnnModel.ALGORITHM,
        "k-nearest neighbours: a sampled index searched by BLAS brute force, majority label or mean",
        KnnOptions.DEFINITIONS,
        hyperparameters -> new KnnTrainer(KnnOptions.parse(hyperparameters)),
        new KnnFormat());
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return supervisedFigures(model);
  }
}
