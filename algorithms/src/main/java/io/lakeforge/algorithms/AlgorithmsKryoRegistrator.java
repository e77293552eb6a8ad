package io.lakeforge.algorithms;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;

/** Registers the classes Lakeforge's algorithms cache or ship between executors with Kryo. */
public final class AlgorithmsKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(io.lakeforge.algorithms.linalg.DenseBlock.class);
    kryo.register(io.lakeforge.models.linalg.Centers.class);
    kryo.register(double[].class);
    kryo.register(long[].class);
    kryo.register(int[].class);
    kryo.register(double[][].class);
    // The forest a partition grows comes back as trees; scoring passes broadcast the forest.
    kryo.register(io.lakeforge.models.rcf.CutTree.class);
    kryo.register(io.lakeforge.models.rcf.CutTree[].class);
    kryo.register(io.lakeforge.models.rcf.RandomCutForestModel.class);
    for (String name :
        new String[] {
          "io.lakeforge.algorithms.kmeans.ClusterStats",
          "io.lakeforge.algorithms.kmeans.WebScaleKMeans$PartitionCenters"
        }) {
      try {
        kryo.register(Class.forName(name));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("missing class " + name, e);
      }
    }
  }
}
