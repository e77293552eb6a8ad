package io.lakeforge.algorithms.linalg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums one partial result per partition in partition order. Floating-point addition is not
 * associative, and Spark's {@code treeAggregate} merges in task-completion order, so its sums can
 * differ between runs; summing in a fixed order makes the same seed, data and partitioning give
 * bit-identical centers (also after a lost executor's tasks are retried).
 */
public final class OrderedSum {
  /** Above this many partials the sum goes through fixed-order groups on the executors. */
  private static final int DRIVER_FAN_IN = 64;

  private static final int GROUP = 16;

  private OrderedSum() {}

  /** Something that can be added to another of its kind in place. */
  public interface Summable<T> extends Serializable {
    T addInPlace(T other);
  }

  public static <T extends Summable<T>> T sum(JavaRDD<Tuple2<Integer, T>> partials, int count) {
    JavaPairRDD<Integer, T> level = JavaPairRDD.fromJavaRDD(partials);
    int size = count;
    while (size > DRIVER_FAN_IN) {
      size = (size + GROUP - 1) / GROUP;
      level =
          level
              .mapToPair(t -> new Tuple2<>(t._1 / GROUP, t))
              .groupByKey(Math.max(1, size))
              .mapToPair(
                  g -> {
                    List<Tuple2<Integer, T>> members = new ArrayList<>();
                    g._2.forEach(members::add);
                    members.sort((a, b) -> Integer.compare(a._1, b._1));
                    T acc = members.get(0)._2;
                    for (int i = 1; i < members.size(); i++) {
                      acc = acc.addInPlace(members.get(i)._2);
                    }
                    return new Tuple2<>(g._1, acc);
                  });
    }
    List<Tuple2<Integer, T>> collected = new ArrayList<>(level.collect());
    collected.sort((a, b) -> Integer.compare(a._1, b._1));
    if (collected.isEmpty()) {
      return null;
    }
    T acc = collected.get(0)._2;
    for (int i = 1; i < collected.size(); i++) {
      acc = acc.addInPlace(collected.get(i)._2);
    }
    return acc;
  }
}
