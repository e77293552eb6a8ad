package io.lakeforge.jobs.report;

import io.lakeforge.datalake.delta.DeltaTables;
import io.lakeforge.datalake.registry.TrialRecord;
import io.lakeforge.jobs.report.chart.Axis;
import io.lakeforge.jobs.report.chart.LineChart;
import io.lakeforge.jobs.report.chart.ScatterPlot;
import io.lakeforge.tuning.ParameterRange;
import io.lakeforge.tuning.Scaling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of a tuning job, as a report page: the objective of every trial in order with the
 * best so far, the objective against each searched hyperparameter, and the best trial's training
 * cost per step; its metrics, hyperparameters and lineage in the tables.
 */
public final class TuningReport {
  private TuningReport() {}

  /**
   * The page of {@code trials} (by trial number) of tuning job {@code tuningId}; {@code best} is
   * the best trial and {@code registeredRef} the version registered for it.
   */
  public static ReportData data(
      String tuningId,
      List<TrialRecord> trials,
      List<ParameterRange> ranges,
      TrialRecord best,
      String registeredRef) {
    String metric = best.objectiveMetric();
    List<Figure> figures = new ArrayList<>();
    figures.add(
        Figure.chart(
            "Objective by trial",
            String.format(
                "%s of each trial in the order the trials were numbered (failed trials are "
                    + "left out), and the best %s so far (%s is better)",
                metric, metric, best.maximize() ? "higher" : "lower"),
            progress(trials, metric, best.maximize())));
    for (ParameterRange r : ranges) {
      figures.add(
          Figure.chart(
              "Objective against " + r.name(), caption(r, metric), against(trials, r, metric)));
    }
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("tuning_id", tuningId);
    lineage.put("strategy", best.strategy());
    lineage.put("algorithm", best.algorithm());
    lineage.put("objective", best.objectiveGoal() + " " + metric);
    lineage.put("trials", trials.size());
    lineage.put("best_trial", best.trial());
    lineage.put("features", best.featuresTable() + "@" + best.featuresVersion());
    return new ReportData(
        "Tuning job " + tuningId,
        registeredRef,
        java.time.Instant.now().toString(),
        best.metrics(),
        figures,
        best.intermediate(),
        "training cost per step of the best trial",
        List.of(),
        new LinkedHashMap<>(DeltaTables.parse(best.hyperparameters())),
        lineage);
  }

  static LineChart progress(List<TrialRecord> trials, String metric, boolean maximize) {
    int n = trials.size();
    double[] x = new double[n];
    double[] each = new double[n];
    double[] bestSoFar = new double[n];
    double best = Double.NaN;
    for (int i = 0; i < n; i++) {
      TrialRecord t = trials.get(i);
      x[i] = t.trial();
      each[i] = t.objective() == null ? Double.NaN : t.objective();
      if (!Double.isNaN(each[i])
          && (Double.isNaN(best) || (maximize ? each[i] > best : each[i] < best))) {
        best = each[i];
      }
      bestSoFar[i] = best;
    }
    return new LineChart(
        metric + " by trial",
        Axis.linear("trial"),
        Axis.linear(metric),
        List.of(
            new LineChart.Series(metric + " of the trial", x, each),
            new LineChart.Series("best so far", x, bestSoFar)));
  }

  static ScatterPlot against(List<TrialRecord> trials, ParameterRange r, String metric) {
    List<double[]> points = new ArrayList<>();
    for (TrialRecord t : trials) {
      Object v = DeltaTables.parse(t.varied()).get(r.name());
      if (t.objective() == null || v == null) {
        continue;
      }
      points.add(new double[] {position(r, String.valueOf(v)), t.objective()});
    }
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = points.get(i)[0];
      ys[i] = points.get(i)[1];
    }
    boolean log =
        (r instanceof ParameterRange.Continuous c && c.scaling() == Scaling.LOG)
            || (r instanceof ParameterRange.Integral i && i.scaling() == Scaling.LOG);
    String title =
        r instanceof ParameterRange.Categorical ? r.name() + " (value number)" : r.name();
    return new ScatterPlot(
        metric + " against " + r.name(),
        log ? Axis.log(title) : Axis.linear(title),
        Axis.linear(metric),
        xs,
        ys,
        false);
  }

  /** Where a value goes on the x axis: itself, or a categorical value's number from 1. */
  private static double position(ParameterRange r, String value) {
    if (r instanceof ParameterRange.Categorical c) {
      return c.values().indexOf(value) + 1;
    }
    return Double.parseDouble(value);
  }

  private static String caption(ParameterRange r, String metric) {
    if (r instanceof ParameterRange.Categorical c) {
      List<String> numbered = new ArrayList<>();
      for (int i = 0; i < c.values().size(); i++) {
        numbered.add((i + 1) + ": " + c.values().get(i));
      }
      return "one dot per trial: its "
          + metric
          + " against its "
          + r.name()
          + " ("
          + String.join(", ", numbered)
          + ")";
    }
    return "one dot per trial: its " + metric + " against its " + r.name();
  }
}
