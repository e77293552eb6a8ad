package io.lakeforge.serving;

import io.lakeforge.models.Model;
import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.models.knn.KnnIndex;
import io.lakeforge.models.knn.KnnModel;
import io.lakeforge.models.linalg.Centers;
import io.lakeforge.models.linear.LinearModel;
import io.lakeforge.models.pca.PcaModel;
import io.lakeforge.models.xgboost.XgboostModel;
import io.lakeforge.testing.ModelFolders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small models of every built-in algorithm in dimension 4, written as real model folders. */
final class TestModels {
  static final int DIM = 4;

  /** Three records that land in different clusters / classes. */
  static final double[][] RECORDS = {
    {0.1, 0.2, 0.0, 0.9}, {5.0, 4.5, 6.1, 5.2}, {-3.0, 2.5, -1.0, 0.25}
  };

  private TestModels() {}

  static Map<String, Model> all() {
    Map<String, Model> m = new LinkedHashMap<>();
    m.put(
        "kmeans",
        new KMeansModel(new Centers(3, DIM, new double[] {0, 0, 0, 1, 5, 5, 5, 5, -3, 2, -1, 0})));
    m.put(
        "linear-binary",
        new LinearModel(
            LinearModel.BINARY,
            "logistic",
            2,
            1,
            DIM,
            new double[] {0.5, -0.25, 0.125, 1.0},
            new double[] {-0.3}));
    m.put(
        "linear-multiclass",
        new LinearModel(
            LinearModel.MULTICLASS,
            "softmax_loss",
            3,
            3,
            DIM,
            new double[] {1, 0, 0, 0, 0, 1, 1, 0, -1, 0.5, 0, 0.25},
            new double[] {0, 0.1, -0.2}));
    m.put(
        "linear-regressor",
        new LinearModel(
            LinearModel.REGRESSOR,
            "squared_loss",
            0,
            1,
            DIM,
            new double[] {2, -1, 0.5, 0.25},
            new double[] {1.5}));
    m.put(
        "pca",
        new PcaModel(
            2,
            DIM,
            new double[] {0.5, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, -0.5},
            new double[] {1, 2, 3, 4},
            new double[] {3, 1},
            new double[] {0.6, 0.2}));
    double[] index = {
      0, 0, 0, 1, 0.2, 0.1, 0, 1, 5, 5, 6, 5, 5, 4, 6, 5, -3, 2, -1, 0, -3, 3, -1, 0
    };
    m.put(
        "knn-classifier",
        new KnnModel(
            new KnnIndex(6, DIM, DIM, index, new double[] {0, 0, 1, 1, 2, 2}, null), 2, true));
    m.put(
        "knn-regressor",
        new KnnModel(
            new KnnIndex(6, DIM, DIM, index, new double[] {0.5, 1.5, 10, 12, -4, -6}, null),
            2,
            false));
    m.put("xgboost-classifier", xgboost("multi:softprob", 3));
    m.put("xgboost-regressor", xgboost("reg:squarederror", 0));
    // A hand-made cut tree isolating the three records at depths 2, 1 and 3.
    io.lakeforge.models.rcf.CutTree tree =
        new io.lakeforge.models.rcf.CutTree(
            new int[] {0, 0, 1, -1, -1, -1, -1},
            new double[] {2, -1, 3, 0, 0, 0, 0},
            new int[] {1, 2, 3, -1, -1, -1, -1},
            new int[] {6, 5, 4, -1, -1, -1, -1},
            new int[] {4, 3, 2, 1, 1, 1, 1});
    m.put(
        "randomcutforest",
        new io.lakeforge.models.rcf.RandomCutForestModel(
            DIM, 4, List.of(tree, tree), 1.0, 0.1, Double.NaN));
    return m;
  }

  /**
   * A booster trained by plain xgboost4j (no Spark) on noisy copies of the three records: class =
   * the record's index, value = the sum of its features.
   */
  private static Model xgboost(String objective, int numClass) {
    java.util.Random r = new java.util.Random(3);
    int n = 90;
    float[] x = new float[n * DIM];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int c = i % RECORDS.length;
      double sum = 0;
      for (int j = 0; j < DIM; j++) {
        double v = RECORDS[c][j] + r.nextGaussian() * 0.3;
        x[i * DIM + j] = (float) v;
        sum += v;
      }
      y[i] = numClass > 0 ? c : (float) sum;
    }
    try {
      ml.dmlc.xgboost4j.java.DMatrix d = new ml.dmlc.xgboost4j.java.DMatrix(x, n, DIM, Float.NaN);
      d.setLabel(y);
      Map<String, Object> params = new java.util.HashMap<>();
      params.put("objective", objective);
      params.put("max_depth", 3);
      params.put("seed", 1);
      params.put("nthread", 1);
      if (numClass > 0) {
        params.put("num_class", numClass);
      }
      int rounds = 10;
      ml.dmlc.xgboost4j.java.Booster b =
          ml.dmlc.xgboost4j.java.XGBoost.train(d, params, rounds, Map.of(), null, null);
      return new XgboostModel(objective, numClass, DIM, rounds, b.toByteArray("json"), Map.of());
    } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code model} as a model folder under {@code dir} and returns its path. */
  static String write(Model model, Path dir) {
    String path = dir.toString();
    ModelFolders.write(model, path);
    return path;
  }

  static double[] flat() {
    double[] x = new double[RECORDS.length * DIM];
    for (int i = 0; i < RECORDS.length; i++) {
      System.arraycopy(RECORDS[i], 0, x, i * DIM, DIM);
    }
    return x;
  }
}
