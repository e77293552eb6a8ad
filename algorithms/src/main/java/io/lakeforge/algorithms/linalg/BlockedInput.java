package io.lakeforge.algorithms.linalg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A DataFrame's vector column packed once into {@link DenseBlock}s per partition and persisted
 * (MEMORY_AND_DISK), with the row count of every partition so that rows can be addressed by a
 * global index. Close it to unpersist.
 */
public final class BlockedInput implements AutoCloseable {
  public static final int DEFAULT_BLOCK_ROWS = 512;

  private final JavaRDD<DenseBlock> blocks;
  private final int dim;
  private final long[] partitionRows;
  private final long rows;

  private BlockedInput(JavaRDD<DenseBlock> blocks, int dim, long[] partitionRows) {
    this.blocks = blocks;
    this.dim = dim;
    this.partitionRows = partitionRows;
    long total = 0;
    for (long r : partitionRows) {
      total += r;
    }
    this.rows = total;
  }

  /** Packs and caches {@code featuresCol}; one Spark job materializes the cache and counts rows. */
  public static BlockedInput cache(Dataset<Row> df, String featuresCol, int dim, int blockRows) {
    return cache(df, featuresCol, null, dim, blockRows);
  }

  /**
   * As {@link #cache(Dataset, String, int, int)}, also packing a numeric label column into every
   * block when {@code labelCol} is not null.
   */
  public static BlockedInput cache(
      Dataset<Row> df, String featuresCol, String labelCol, int dim, int blockRows) {
    JavaRDD<DenseBlock> blocks =
        (labelCol == null
                ? df.select(featuresCol)
                    .javaRDD()
                    .mapPartitions(it -> DenseBlock.pack(new VectorIterator(it), dim, blockRows))
                : df.select(featuresCol, labelCol)
                    .javaRDD()
                    .mapPartitions(it -> DenseBlock.packLabeled(it, dim, blockRows)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    List<long[]> counts =
        blocks
            .mapPartitionsWithIndex(
                (idx, it) -> {
                  long n = 0;
                  while (it.hasNext()) {
                    n += it.next().rows;
                  }
                  return Collections.singletonList(new long[] {idx, n}).iterator();
                },
                true)
            .collect();
    long[] perPartition = new long[blocks.getNumPartitions()];
    for (long[] c : counts) {
      perPartition[(int) c[0]] = c[1];
    }
    return new BlockedInput(blocks, dim, perPartition);
  }

  public JavaRDD<DenseBlock> blocks() {
    return blocks;
  }

  public int dim() {
    return dim;
  }

  public long rows() {
    return rows;
  }

  public int numPartitions() {
    return partitionRows.length;
  }

  /**
   * Returns the rows at the given global indices (partition order, then row order), in the order
   * the indices were given, with one pass over the cached blocks.
   */
  public double[] fetchRows(long[] globalIndices) {
    long[] starts = new long[partitionRows.length];
    long acc = 0;
    for (int p = 0; p < partitionRows.length; p++) {
      starts[p] = acc;
      acc += partitionRows[p];
    }
    TreeMap<Long, List<Integer>> wanted = new TreeMap<>();
    for (int i = 0; i < globalIndices.length; i++) {
      if (globalIndices[i] < 0 || globalIndices[i] >= rows) {
        throw new IllegalArgumentException("row " + globalIndices[i] + " out of " + rows);
      }
      wanted.computeIfAbsent(globalIndices[i], x -> new ArrayList<>()).add(i);
    }
    long[] sortedIdx = wanted.keySet().stream().mapToLong(Long::longValue).toArray();
    final int d = dim;
    final long[] prows = partitionRows;
    List<Object[]> found =
        blocks
            .mapPartitionsWithIndex(
                (p, it) -> {
                  List<Object[]> out = new ArrayList<>();
                  long base = starts[p];
                  long end = base + prows[p];
                  long offset = base;
                  int pos = java.util.Arrays.binarySearch(sortedIdx, base);
                  if (pos < 0) {
                    pos = -pos - 1;
                  }
                  while (it.hasNext() && pos < sortedIdx.length && sortedIdx[pos] < end) {
                    DenseBlock b = it.next();
                    while (pos < sortedIdx.length && sortedIdx[pos] < offset + b.rows) {
                      double[] row = new double[d];
                      b.copyRow((int) (sortedIdx[pos] - offset), row, 0);
                      out.add(new Object[] {sortedIdx[pos], row});
                      pos++;
                    }
                    offset += b.rows;
                  }
                  return out.iterator();
                },
                true)
            .collect();
    double[] result = new double[globalIndices.length * dim];
    for (Object[] f : found) {
      double[] row = (double[]) f[1];
      for (int i : wanted.get((Long) f[0])) {
        System.arraycopy(row, 0, result, i * dim, dim);
      }
    }
    return result;
  }

  /** Row counts per partition, indexed by partition. */
  public Map<Integer, Long> partitionRows() {
    Map<Integer, Long> m = new TreeMap<>();
    for (int p = 0; p < partitionRows.length; p++) {
      m.put(p, partitionRows[p]);
    }
    return m;
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }

  private static final class VectorIterator implements Iterator<Vector> {
    private final Iterator<Row> rows;

    VectorIterator(Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Vector next() {
      Row r = rows.next();
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("null feature vector in the training input");
      }
      return (Vector) r.get(0);
    }
  }
}
