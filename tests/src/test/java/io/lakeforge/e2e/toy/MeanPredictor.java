package io.lakeforge.e2e.toy;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import io.lakeforge.algorithms.api.Algorithm;
import io.lakeforge.algorithms.api.ReportFigure;
import io.lakeforge.algorithms.api.Trainer;
import io.lakeforge.algorithms.api.TrainingInput;
import io.lakeforge.algorithms.api.TrainingRun;
import io.lakeforge.algorithms.eval.SupervisedEvaluator;
import io.lakeforge.algorithms.options.InvalidOptionException;
import io.lakeforge.algorithms.options.OptionDef;
import io.lakeforge.algorithms.options.OptionSet;
import io.lakeforge.algorithms.options.SharedOptions;
import io.lakeforge.algorithms.spark.SparkScoring;
import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormat;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.parquet.ModelTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A toy algorithm added outside Lakeforge's own code, as a user would: it predicts the mean
 * training label. This one package and one line in {@code META-INF/services} are all it takes to
 * train, register, transform and report it.
 */
public final class MeanPredictor implements Algorithm {
  static final String NAME = "mean-predictor";
  static final OptionDef<Integer> FEATURE_DIM = SharedOptions.FEATURE_DIM;
  static final OptionSet OPTIONS = new OptionSet(NAME, List.of(FEATURE_DIM, SharedOptions.SEED));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "predicts the mean training label (a test of the algorithm contract)";
  }

  @Override
  public OptionSet options() {
    return OPTIONS;
  }

  @Override
  public Trainer trainer(Map<String, String> hyperparameters) {
    Map<String, Object> parsed = OPTIONS.parse(hyperparameters).asMap();
    return new Trainer() {
      @Override
      public String algorithm() {
        return NAME;
      }

      @Override
      public Map<String, Object> hyperparameters() {
        return parsed;
      }

      @Override
      public Map<String, Object> requestedHyperparameters() {
        return parsed;
      }

      @Override
      public long seed() {
        return (Long) parsed.get("seed");
      }

      @Override
      public List<Output> outputs() {
        return Output.supervised(false);
      }

      @Override
      public TrainingRun fit(TrainingInput in) {
        if (in.labelCol() == null) {
          throw new InvalidOptionException(NAME + " needs a label column");
        }
        double mean = in.train().agg(avg(col(in.labelCol()).cast("double"))).first().getDouble(0);
        int dim = ((Vector) in.train().select(in.featuresCol()).first().get(0)).size();
        return new TrainingRun(
            new Mean(dim, mean), List.of(), "", Map.of("total_seconds", 0.0), parsed);
      }

      @Override
      public Map<String, Double> evaluate(
          Model model, Dataset<Row> rows, String featuresCol, String labelCol) {
        return SupervisedEvaluator.regression(
            SparkScoring.transform(model, rows, featuresCol), labelCol, Output.SCORE);
      }
    };
  }

  @Override
  public ModelFormat format() {
    return new ModelFormat() {
      @Override
      public String algorithm() {
        return NAME;
      }

      @Override
      public Model read(ModelFolder folder) throws IOException {
        Section s = folder.section(Section.class);
        return new Mean(s.featureDim(), folder.readTable(s.data()).doubles("mean")[0]);
      }
    };
  }

  @Override
  public List<ReportFigure> figures(Model model) {
    return List.of(new ReportFigure.PredictedVsActual());
  }

  /** The model.json section. */
  public record Section(int featureDim, String data) {}

  /** The model: one number. */
  static final class Mean implements Model, java.io.Serializable {
    private final int dim;
    private final double mean;

    Mean(int dim, double mean) {
      this.dim = dim;
      this.mean = mean;
    }

    double mean() {
      return mean;
    }

    @Override
    public String algorithm() {
      return NAME;
    }

    @Override
    public int featureDim() {
      return dim;
    }

    @Override
    public ModelKind kind() {
      return ModelKind.REGRESSOR;
    }

    @Override
    public List<Output> outputs() {
      return Output.supervised(false);
    }

    @Override
    public void score(double[] x, int rows, Scores out) {
      Arrays.fill(out.doubles(0), 0, rows, mean);
    }

    @Override
    public Section section() {
      return new Section(dim, "mean.parquet");
    }

    @Override
    public void writeData(ModelFolder folder) throws IOException {
      folder.writeTable(
          "mean.parquet", ModelTable.builder().doubles("mean", new double[] {mean}).build());
    }
  }
}
