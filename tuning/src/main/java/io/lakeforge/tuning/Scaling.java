package io.lakeforge.tuning;

/**
 * How a numeric range is searched: evenly ({@code linear}) or evenly in its logarithm ({@code log},
 * for values spanning orders of magnitude such as a learning rate).
 */
public enum Scaling {
  LINEAR,
  LOG
}
