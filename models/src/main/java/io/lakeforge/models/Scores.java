package io.lakeforge.models;

import java.util.List;

/**
 * The outputs of one scored block, column by column in primitive arrays: {@code int[]} for {@link
 * Output.Type#INT}, {@code double[]} for DOUBLE and {@code double[][]} for VECTOR. A scorer fills
 * rows {@code [0, rows)}; callers reuse one instance per block size.
 */
public final class Scores {
  private final List<Output> outputs;
  private final int capacity;
  private final Object[] columns;

  public Scores(List<Output> outputs, int capacity) {
    this.outputs = List.copyOf(outputs);
    this.capacity = capacity;
    this.columns = new Object[outputs.size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] =
          switch (outputs.get(c).type()) {
            case INT -> new int[capacity];
            case DOUBLE -> new double[capacity];
            case VECTOR -> new double[capacity][];
          };
    }
  }

  public List<Output> outputs() {
    return outputs;
  }

  public int capacity() {
    return capacity;
  }

  public int[] ints(int column) {
    return (int[]) columns[column];
  }

  public double[] doubles(int column) {
    return (double[]) columns[column];
  }

  public double[][] vectors(int column) {
    return (double[][]) columns[column];
  }

  /** The value of one cell, boxed: for building rows or JSON at the edge of the system. */
  public Object value(int column, int row) {
    return switch (outputs.get(column).type()) {
      case INT -> ints(column)[row];
      case DOUBLE -> doubles(column)[row];
      case VECTOR -> vectors(column)[row];
    };
  }

  /** The index of the output called {@code name}, or -1. */
  public int indexOf(String name) {
    for (int c = 0; c < outputs.size(); c++) {
      if (outputs.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }
}
