package io.lakeforge.algorithms.rcf;

import io.lakeforge.algorithms.api.BuiltinAlgorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.models.Model;
import io.lakeforge.models.Output;
import io.lakeforge.models.rcf.RandomCutForestFormat;
import io.lakeforge.models.rcf.RandomCutForestModel;
import java.util.List;

/** Random Cut Forest: anomaly scores from the depth at which random cuts isolate a row. */
public final class RandomCutForestAlgorithm extends BuiltinAlgorithm {
  /** How many of the highest-scoring validation rows a report shows. */
  static final int TOP_ROWS = 20;

  public RandomCutForestAlgorithm() {
    super(
        RandomCutForestModel.ALGORITHM,
        "anomaly detection: a forest of random cut trees grown partition-parallel on samples",
        RandomCutForestOptions.DEFINITIONS,
        hyperparameters ->
            new RandomCutForestTrainer(RandomCutForestOptions.parse(hyperparameters)),
        new RandomCutForestFormat());
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    double threshold = ((RandomCutForestModel) model).threshold();
    return List.of(
        new ReportFigure.ScoreDistribution(Output.SCORE, threshold),
        new ReportFigure.TopRows(Output.SCORE, TOP_ROWS));
  }
}
