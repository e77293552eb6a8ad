package io.lakeforge.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * SageMaker's early-stopping rule: a trial stops after a step when its intermediate objective is
 * worse than the median, over earlier trials that reached that step, of their running averages of
 * the intermediate objective up to it. It acts only with at least {@value #MIN_EARLIER} such
 * trials, so the first trials always finish. Intermediate objectives are compared in the direction
 * of {@code maximize}.
 */
public final class MedianStopping {
  static final int MIN_EARLIER = 3;

  private final List<double[]> runningAverages = new ArrayList<>();
  private final boolean maximize;

  /**
   * @param earlier the intermediate objective of each earlier trial, by step from 1
   */
  public MedianStopping(List<List<Double>> earlier, boolean maximize) {
    this.maximize = maximize;
    for (List<Double> curve : earlier) {
      double[] avg = new double[curve.size()];
      double sum = 0;
      for (int i = 0; i < avg.length; i++) {
        sum += curve.get(i);
        avg[i] = sum / (i + 1);
      }
      runningAverages.add(avg);
    }
  }

  /**
   * Whether a trial whose intermediate objective after {@code step} (from 1) is {@code value}
   * stops.
   */
  public boolean stop(int step, double value) {
    double[] at =
        runningAverages.stream()
            .filter(a -> a.length >= step)
            .mapToDouble(a -> a[step - 1])
            .sorted()
            .toArray();
    if (at.length < MIN_EARLIER || Double.isNaN(value)) {
      return false;
    }
    double median =
        at.length % 2 == 1 ? at[at.length / 2] : (at[at.length / 2 - 1] + at[at.length / 2]) / 2;
    return maximize ? value < median : value > median;
  }
}
