package io.lakeforge.models.kmeans;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linalg.DistanceKernel;
import io.lakeforge.models.parquet.ModelTable;
import java.io.IOException;
import java.util.List;

/**
 * A K-Means model: k centers. Scores a block with one GEMM (the kernel training uses) and adds the
 * nearest center and the Euclidean distance to it. Stored as {@code centers.parquet} ({@code
 * cluster int, center array<double>}).
 */
public final class KMeansModel implements Model, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALGORITHM = "kmeans";
  public static final String CENTERS_FILE = "centers.parquet";
  public static final List<Output> OUTPUTS =
      List.of(Output.ofInt(Output.CLUSTER), Output.ofDouble(Output.DISTANCE));

  /** The {@code model} section of {@code model.json}. */
  public record Section(int k, int featureDim, String centers) {}

  private final Centers centers;

  public KMeansModel(Centers centers) {
    this.centers = centers;
  }

  public Centers centers() {
    return centers;
  }

  public int k() {
    return centers.k;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public int featureDim() {
    return centers.dim;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.CLUSTERING;
  }

  @Override
  public List<Output> outputs() {
    return OUTPUTS;
  }

  @Override
  public void score(double[] x, int rows, Scores out) {
    double[] norms = new double[rows];
    DistanceKernel.squaredNorms(x, rows, centers.dim, norms);
    int[] cluster = out.ints(0);
    double[] dist = out.doubles(1);
    DistanceKernel.assign(
        x, norms, rows, centers.dim, centers, new double[rows * centers.k], cluster, dist);
    for (int i = 0; i < rows; i++) {
      dist[i] = Math.sqrt(dist[i]);
    }
  }

  @Override
  public Section section() {
    return new Section(centers.k, centers.dim, CENTERS_FILE);
  }

  @Override
  public void writeData(ModelFolder folder) throws IOException {
    folder.writeTable(
        CENTERS_FILE,
        ModelTable.builder()
            .index(Output.CLUSTER, centers.k)
            .arrays("center", centers.values, centers.dim)
            .build());
  }

  /** Reads a model written by {@link #writeData} and described by its section. */
  public static KMeansModel read(ModelFolder folder) throws IOException {
    Section s = folder.section(Section.class);
    ModelTable t = folder.readTable(s.centers()).sortedBy(Output.CLUSTER);
    int dim = t.width("center");
    if (t.rows() != s.k() || dim != s.featureDim()) {
      throw new ModelFormatException(
          String.format(
              "%s/%s holds %d centers of dimension %d; model.json says k=%d, feature_dim=%d",
              folder.uri(), s.centers(), t.rows(), dim, s.k(), s.featureDim()));
    }
    return new KMeansModel(new Centers(t.rows(), dim, t.rowMajor("center")));
  }
}
