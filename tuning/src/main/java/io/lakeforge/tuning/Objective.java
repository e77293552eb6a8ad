package io.lakeforge.tuning;

/**
 * What a tuning job optimises: a metric the trainer records on the validation split ({@code
 * accuracy}, {@code validation_msd}, {@code nmi}, ...) and whether larger is better.
 */
public record Objective(String metric, boolean maximize) {
  /** Whether {@code a} is a better objective value than {@code b}. */
  public boolean better(double a, double b) {
    return maximize ? a > b : a < b;
  }
}
