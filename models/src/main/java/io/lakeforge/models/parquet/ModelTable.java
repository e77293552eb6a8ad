package io.lakeforge.models.parquet;

import io.lakeforge.models.ModelFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small table of model data held column by column in primitive arrays: centers, weights,
 * components, index rows. The unit {@link ParquetTables} reads and writes.
 */
public final class ModelTable {
  /** Column types: scalars and {@code array<double>}. */
  public enum Type {
    INT,
    LONG,
    DOUBLE,
    STRING,
    DOUBLE_ARRAY
  }

  /** A named, typed column. */
  public record Column(String name, Type type) {}

  private final Map<String, Column> columns;
  private final Map<String, Object> data;
  private final int rows;

  private ModelTable(Map<String, Column> columns, Map<String, Object> data, int rows) {
    this.columns = Collections.unmodifiableMap(columns);
    this.data = data;
    this.rows = rows;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int rows() {
    return rows;
  }

  public List<Column> columns() {
    return List.copyOf(columns.values());
  }

  public boolean has(String name) {
    return columns.containsKey(name);
  }

  public int[] ints(String name) {
    return (int[]) get(name, Type.INT);
  }

  public long[] longs(String name) {
    return (long[]) get(name, Type.LONG);
  }

  public double[] doubles(String name) {
    return (double[]) get(name, Type.DOUBLE);
  }

  public String[] strings(String name) {
    return (String[]) get(name, Type.STRING);
  }

  public double[][] arrays(String name) {
    return (double[][]) get(name, Type.DOUBLE_ARRAY);
  }

  /**
   * The {@code array<double>} column as one row-major {@code rows × width} array; every row must
   * have the same width.
   */
  public double[] rowMajor(String name) {
    double[][] a = arrays(name);
    if (a.length == 0) {
      return new double[0];
    }
    int width = a[0].length;
    double[] out = new double[a.length * width];
    for (int i = 0; i < a.length; i++) {
      if (a[i].length != width) {
        throw new ModelFormatException(
            String.format(
                "column %s: row %d has %d values, row 0 has %d", name, i, a[i].length, width));
      }
      System.arraycopy(a[i], 0, out, i * width, width);
    }
    return out;
  }

  /** The width of the first row of an {@code array<double>} column (0 when empty). */
  public int width(String name) {
    double[][] a = arrays(name);
    return a.length == 0 ? 0 : a[0].length;
  }

  /** The table with its rows reordered so that the int column {@code key} ascends. */
  public ModelTable sortedBy(String key) {
    int[] k = ints(key);
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(k[a], k[b]));
    Builder b = new Builder();
    for (Column c : columns.values()) {
      Object src = data.get(c.name());
      Object dst =
          switch (c.type()) {
            case INT -> new int[rows];
            case LONG -> new long[rows];
            case DOUBLE -> new double[rows];
            case STRING -> new String[rows];
            case DOUBLE_ARRAY -> new double[rows][];
          };
      for (int i = 0; i < rows; i++) {
        java.lang.reflect.Array.set(dst, i, java.lang.reflect.Array.get(src, order[i]));
      }
      b.put(c, dst, rows);
    }
    return b.build();
  }

  Object raw(String name) {
    return data.get(name);
  }

  private Object get(String name, Type type) {
    Column c = columns.get(name);
    if (c == null) {
      throw new ModelFormatException(
          "model data has no column '" + name + "'; it has " + columns.keySet());
    }
    if (c.type() != type) {
      throw new ModelFormatException(
          "model data column '" + name + "' is " + c.type() + ", expected " + type);
    }
    return data.get(name);
  }

  /** Builds a table column by column; every column must have the same number of rows. */
  public static final class Builder {
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private int rows = -1;

    public Builder ints(String name, int[] values) {
      return put(new Column(name, Type.INT), values, values.length);
    }

    public Builder longs(String name, long[] values) {
      return put(new Column(name, Type.LONG), values, values.length);
    }

    public Builder doubles(String name, double[] values) {
      return put(new Column(name, Type.DOUBLE), values, values.length);
    }

    public Builder strings(String name, String[] values) {
      return put(new Column(name, Type.STRING), values, values.length);
    }

    public Builder arrays(String name, double[][] values) {
      return put(new Column(name, Type.DOUBLE_ARRAY), values, values.length);
    }

    /** An {@code array<double>} column from a row-major {@code rows × width} array. */
    public Builder arrays(String name, double[] rowMajor, int width) {
      int n = width == 0 ? 0 : rowMajor.length / width;
      double[][] rowsOf = new double[n][];
      for (int i = 0; i < n; i++) {
        rowsOf[i] = java.util.Arrays.copyOfRange(rowMajor, i * width, (i + 1) * width);
      }
      return arrays(name, rowsOf);
    }

    /** An int column {@code 0, 1, ..., n-1}: the row order the readers sort by. */
    public Builder index(String name, int n) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      return ints(name, idx);
    }

    Builder put(Column c, Object values, int n) {
      if (rows >= 0 && n != rows) {
        throw new IllegalArgumentException(
            "column " + c.name() + " has " + n + " rows, the others " + rows);
      }
      if (columns.put(c.name(), c) != null) {
        throw new IllegalArgumentException("duplicate column " + c.name());
      }
      data.put(c.name(), values);
      rows = n;
      return this;
    }

    public ModelTable build() {
      return new ModelTable(new LinkedHashMap<>(columns), data, Math.max(rows, 0));
    }
  }

  static List<Column> columnsOf(Map<String, Column> m) {
    return new ArrayList<>(m.values());
  }
}
