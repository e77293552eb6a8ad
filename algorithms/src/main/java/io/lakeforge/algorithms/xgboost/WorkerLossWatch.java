package io.lakeforge.algorithms.xgboost;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Ends an XGBoost training at the first lost worker instead of letting it hang: XGBoost's workers
 * train together (an allreduce per tree level), so a worker whose executor died cannot rejoin, and
 * Spark's retry of the barrier stage would wait on a collective that never completes. Watches the
 * jobs of one job group; on an executor loss or a failed task in them it cancels the group and
 * remembers why, for one line to the user.
 */
final class WorkerLossWatch extends SparkListener implements AutoCloseable {
  private static final String GROUP = "spark.jobGroup.id";

  private final SparkContext sc;
  private final String group;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final Set<String> executors = ConcurrentHashMap.newKeySet();
  private final String previousGroup;
  private final String previousDescription;
  private final String previousInterrupt;
  private volatile String failure;

  /** Starts watching: the calling thread's next jobs run in a job group of their own. */
  WorkerLossWatch(SparkContext sc, String group, String description) {
    this.sc = sc;
    this.group = group;
    this.previousGroup = sc.getLocalProperty(GROUP);
    this.previousDescription = sc.getLocalProperty("spark.job.description");
    this.previousInterrupt = sc.getLocalProperty("spark.job.interruptOnCancel");
    sc.addSparkListener(this);
    sc.setJobGroup(group, description, true);
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    if (e.properties() != null && group.equals(e.properties().getProperty(GROUP))) {
      e.stageIds().foreach(id -> stages.add((Integer) id));
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart e) {
    if (stages.contains(e.stageId())) {
      executors.add(e.taskInfo().executorId());
    }
  }

  /** Only an executor that ran this training's tasks (dynamic allocation removes idle ones). */
  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
    if (executors.contains(e.executorId())) {
      fail("executor " + e.executorId() + " was lost (" + e.reason() + ")");
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    if (stages.contains(e.stageId()) && e.reason() != Success$.MODULE$) {
      fail(
          "an XGBoost worker failed ("
              + e.reason().toString().lines().findFirst().orElse("")
              + ")");
    }
  }

  private synchronized void fail(String why) {
    if (failure == null) {
      failure = why;
      sc.cancelJobGroup(group);
    }
  }

  /** Why the training was stopped, or null when it was not. */
  String failure() {
    return failure;
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
    if (previousGroup != null) {
      sc.setJobGroup(
          previousGroup,
          previousDescription,
          Boolean.parseBoolean(previousInterrupt == null ? "false" : previousInterrupt));
    } else {
      sc.clearJobGroup();
    }
  }
}
