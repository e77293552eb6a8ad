package io.lakeforge.models.pca;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.linalg.Affine;
import io.lakeforge.models.parquet.ModelTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Principal components (unit rows, largest variance first, sign fixed so the largest entry is
 * positive), the mean they are centered on, and the variance each explains. Projects a row as
 * {@code (x − mean)·Vᵀ}. Stored as {@code components.parquet} ({@code component int, vector
 * array<double>, explained_variance double, explained_variance_ratio double}) and {@code
 * mean.parquet} ({@code mean array<double>}).
 */
public final class PcaModel implements Model, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALGORITHM = "pca";
  public static final String COMPONENTS_FILE = "components.parquet";
  public static final String MEAN_FILE = "mean.parquet";
  public static final List<Output> OUTPUTS = List.of(Output.ofVector(Output.PROJECTION));

  /** The {@code model} section of {@code model.json}. */
  public record Section(
      int numComponents,
      int featureDim,
      String components,
      String mean,
      double[] explainedVariance,
      double[] explainedVarianceRatio) {}

  private final int k;
  private final int dim;
  private final double[] components;
  private final double[] mean;
  private final double[] variance;
  private final double[] ratio;
  private final double[] offset;

  public PcaModel(
      int k, int dim, double[] components, double[] mean, double[] variance, double[] ratio) {
    if (components.length != k * dim
        || mean.length != dim
        || variance.length != k
        || ratio.length != k) {
      throw new IllegalArgumentException(
          "inconsistent PCA model of " + k + " components in " + dim + " dimensions");
    }
    this.k = k;
    this.dim = dim;
    this.components = components;
    this.mean = mean;
    this.variance = variance;
    this.ratio = ratio;
    this.offset = offset();
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public int featureDim() {
    return dim;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.PROJECTION;
  }

  public int numComponents() {
    return k;
  }

  public double[] component(int i) {
    return Arrays.copyOfRange(components, i * dim, (i + 1) * dim);
  }

  /** Components, row-major {@code numComponents × featureDim}. */
  public double[] components() {
    return components.clone();
  }

  public double[] mean() {
    return mean.clone();
  }

  /** Share of the total variance each component explains, largest first. */
  public double[] explainedVarianceRatio() {
    return ratio.clone();
  }

  @Override
  public Map<String, Double> trainingMetrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    double total = 0;
    // Zero-padded so that a listing sorted by name keeps the components in order.
    String format = "explained_variance_ratio_%0" + String.valueOf(k).length() + "d";
    for (int i = 0; i < k; i++) {
      m.put(String.format(format, i + 1), ratio[i]);
      total += ratio[i];
    }
    m.put("explained_variance_ratio_total", total);
    return m;
  }

  @Override
  public List<Output> outputs() {
    return OUTPUTS;
  }

  /** The shift that folds centering into the projection: {@code −V·mean}. */
  public double[] offset() {
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += components[i * dim + j] * mean[j];
      }
      b[i] = -s;
    }
    return b;
  }

  /** Row-major {@code rows × numComponents} projections of {@code x}. */
  public double[] project(double[] x, int rows) {
    double[] z = new double[rows * k];
    Affine.apply(components, offset, k, x, rows, dim, z);
    return z;
  }

  @Override
  public void score(double[] x, int rows, Scores out) {
    double[] z = project(x, rows);
    double[][] projection = out.vectors(0);
    for (int i = 0; i < rows; i++) {
      projection[i] = Arrays.copyOfRange(z, i * k, (i + 1) * k);
    }
  }

  @Override
  public Section section() {
    return new Section(k, dim, COMPONENTS_FILE, MEAN_FILE, variance.clone(), ratio.clone());
  }

  @Override
  public void writeData(ModelFolder folder) throws IOException {
    folder.writeTable(
        COMPONENTS_FILE,
        ModelTable.builder()
            .index("component", k)
            .arrays("vector", components, dim)
            .doubles("explained_variance", variance)
            .doubles("explained_variance_ratio", ratio)
            .build());
    folder.writeTable(
        MEAN_FILE, ModelTable.builder().arrays("mean", new double[][] {mean}).build());
  }

  public static PcaModel read(ModelFolder folder) throws IOException {
    Section s = folder.section(Section.class);
    ModelTable c = folder.readTable(s.components()).sortedBy("component");
    ModelTable m = folder.readTable(s.mean());
    if (c.rows() != s.numComponents() || c.width("vector") != s.featureDim() || m.rows() != 1) {
      throw new ModelFormatException(
          String.format(
              "%s: %d components of dimension %d and %d mean rows; model.json says "
                  + "num_components=%d, feature_dim=%d",
              folder.uri(),
              c.rows(),
              c.width("vector"),
              m.rows(),
              s.numComponents(),
              s.featureDim()));
    }
    return new PcaModel(
        c.rows(),
        s.featureDim(),
        c.rowMajor("vector"),
        m.arrays("mean")[0],
        c.doubles("explained_variance"),
        c.doubles("explained_variance_ratio"));
  }
}
