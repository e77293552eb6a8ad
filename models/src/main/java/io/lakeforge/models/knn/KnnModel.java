package io.lakeforge.models.knn;

import io.lakeforge.models.Model;
import io.lakeforge.models.ModelFolder;
import io.lakeforge.models.ModelFormatException;
import io.lakeforge.models.ModelKind;
import io.lakeforge.models.Output;
import io.lakeforge.models.Scores;
import io.lakeforge.models.parquet.ModelTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A k-NN model: the sampled index rows with their labels (and the sign projection, if any). Scores
 * a block of query rows against the whole index (see {@link KnnIndex}); a classifier takes the
 * neighbours' majority label, a regressor their mean label. Stored as {@code index.parquet} ({@code
 * row int, vector array<double>, label double}) and, with dimension reduction, {@code
 * projection.parquet} ({@code input_dim int, weights array<double>}).
 */
public final class KnnModel implements Model, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALGORITHM = "knn";
  public static final String INDEX_FILE = "index.parquet";
  public static final String PROJECTION_FILE = "projection.parquet";
  public static final String CLASSIFIER = "classifier";
  public static final String REGRESSOR = "regressor";

  /** The {@code model} section of {@code model.json}. */
  public record Section(
      int k,
      String predictorType,
      int featureDim,
      int indexDim,
      int indexRows,
      int numClasses,
      String index,
      String projection,
      String score) {}

  private final KnnIndex index;
  private final int k;
  private final boolean classifier;
  private final int numClasses;

  public KnnModel(KnnIndex index, int k, boolean classifier) {
    this.index = index;
    this.k = k;
    this.classifier = classifier;
    int max = -1;
    if (classifier) {
      for (double l : index.labels) {
        max = Math.max(max, (int) l);
      }
    }
    this.numClasses = max + 1;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public int featureDim() {
    return index.inputDim;
  }

  @Override
  public ModelKind kind() {
    return classifier ? ModelKind.CLASSIFIER : ModelKind.REGRESSOR;
  }

  /** Classes seen in the index (largest label + 1); 0 for a regressor. */
  public int numClasses() {
    return numClasses;
  }

  public int indexRows() {
    return index.rows;
  }

  @Override
  public List<Output> outputs() {
    return Output.supervised(classifier);
  }

  @Override
  public void score(double[] x, int rows, Scores out) {
    int kk = Math.min(k, index.rows);
    int[] nearest = new int[rows * kk];
    double[] dist = new double[rows * kk];
    index.search(x, rows, kk, nearest, dist);
    if (!classifier) {
      double[] score = out.doubles(0);
      for (int i = 0; i < rows; i++) {
        double s = 0;
        for (int r = 0; r < kk; r++) {
          s += index.labels[nearest[i * kk + r]];
        }
        score[i] = s / kk;
      }
      return;
    }
    int[] label = out.ints(0);
    double[] score = out.doubles(1);
    long[] votes = new long[numClasses];
    for (int i = 0; i < rows; i++) {
      Arrays.fill(votes, 0);
      int best = (int) index.labels[nearest[i * kk]];
      for (int r = 0; r < kk; r++) {
        int l = (int) index.labels[nearest[i * kk + r]];
        votes[l]++;
        // Ties go to the label reached first, i.e. the one with the nearer neighbour.
        if (votes[l] > votes[best]) {
          best = l;
        }
      }
      label[i] = best;
      score[i] = (double) votes[best] / kk;
    }
  }

  @Override
  public Section section() {
    return new Section(
        k,
        classifier ? CLASSIFIER : REGRESSOR,
        index.inputDim,
        index.dim,
        index.rows,
        numClasses,
        INDEX_FILE,
        index.projection == null ? null : PROJECTION_FILE,
        classifier
            ? "share of the k neighbours that voted for the predicted label"
            : "mean label of the k neighbours");
  }

  @Override
  public void writeData(ModelFolder folder) throws IOException {
    folder.writeTable(
        INDEX_FILE,
        ModelTable.builder()
            .index("row", index.rows)
            .arrays("vector", index.values, index.dim)
            .doubles("label", index.labels)
            .build());
    if (index.projection != null) {
      folder.writeTable(
          PROJECTION_FILE,
          ModelTable.builder()
              .index("input_dim", index.inputDim)
              .arrays("weights", index.projection, index.dim)
              .build());
    }
  }

  public static KnnModel read(ModelFolder folder) throws IOException {
    Section s = folder.section(Section.class);
    ModelTable t = folder.readTable(s.index()).sortedBy("row");
    int dim = t.width("vector");
    double[] projection = null;
    int inputDim = dim;
    if (s.projection() != null) {
      ModelTable p = folder.readTable(s.projection()).sortedBy("input_dim");
      inputDim = p.rows();
      projection = p.rowMajor("weights");
    }
    if (t.rows() != s.indexRows() || dim != s.indexDim() || inputDim != s.featureDim()) {
      throw new ModelFormatException(
          String.format(
              "%s: index of %d rows × %d (input dimension %d); model.json says index_rows=%d, "
                  + "index_dim=%d, feature_dim=%d",
              folder.uri(), t.rows(), dim, inputDim, s.indexRows(), s.indexDim(), s.featureDim()));
    }
    return new KnnModel(
        new KnnIndex(t.rows(), inputDim, dim, t.rowMajor("vector"), t.doubles("label"), projection),
        s.k(),
        CLASSIFIER.equals(s.predictorType()));
  }
}
