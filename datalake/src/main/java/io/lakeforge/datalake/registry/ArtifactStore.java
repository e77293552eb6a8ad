package io.lakeforge.datalake.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Model artifact folders on any Hadoop filesystem: {@code <root>/<name>/<run id>/}. A training run
 * writes its artifact straight into a folder of its own (run ids are unique, so two runs never
 * share one and nothing is moved); the registry commit that follows is what makes it a version. A
 * folder no registry row points to is a leftover of a run that died, removed by {@link
 * #removeUnreferenced} once it is old enough that no running job can still be writing it.
 */
public final class ArtifactStore {
  /** Where Lakeforge before run-id folders staged artifacts; cleaned up like any leftover. */
  static final String LEGACY_STAGING = "_staging";

  private final String root;
  private final Configuration conf;

  public ArtifactStore(String root, Configuration conf) {
    this.root = root;
    this.conf = conf;
  }

  public String root() {
    return root;
  }

  public Configuration conf() {
    return conf;
  }

  /** The folder of one training run's artifact. */
  public String runDir(String name, String runId) {
    return root + "/" + ModelRef.requireName(name) + "/" + runId;
  }

  /** Deletes a folder recursively, best effort: a leftover is invisible and gc removes it. */
  public void deleteQuietly(String uri) {
    try {
      Path p = new Path(uri);
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException | RuntimeException ignored) {
      // Best effort, see above.
    }
  }

  public boolean exists(String uri) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Deletes every artifact folder under the root that no URI in {@code referenced} points to and
   * whose newest file is older than {@code olderThanMillis} (epoch ms): unregistered run folders,
   * and old staging folders. Returns the folders removed.
   */
  public List<String> removeUnreferenced(Collection<String> referenced, long olderThanMillis) {
    List<String> removed = new ArrayList<>();
    Path rootPath = new Path(root);
    try {
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) {
        return removed;
      }
      Set<Path> keep = new HashSet<>();
      for (String uri : referenced) {
        keep.add(fs.makeQualified(new Path(uri)));
      }
      for (FileStatus model : fs.listStatus(rootPath)) {
        if (!model.isDirectory()) {
          continue;
        }
        List<FileStatus> candidates = new ArrayList<>();
        for (FileStatus child : fs.listStatus(model.getPath())) {
          if (!child.isDirectory()) {
            continue;
          }
          if (child.getPath().getName().equals(LEGACY_STAGING)) {
            candidates.addAll(List.of(fs.listStatus(child.getPath())));
          } else {
            candidates.add(child);
          }
        }
        for (FileStatus c : candidates) {
          Path p = fs.makeQualified(c.getPath());
          if (!keep.contains(p) && newestModification(fs, c) <= olderThanMillis) {
            fs.delete(p, true);
            removed.add(p.toString());
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot clean " + root + ": " + e.getMessage(), e);
    }
    return removed;
  }

  // Object stores have no real directories (s3a reports "now" as their time): the newest file
  // inside tells the age; an empty folder counts as old.
  private static long newestModification(FileSystem fs, FileStatus status) throws IOException {
    if (!status.isDirectory()) {
      return status.getModificationTime();
    }
    long newest = Long.MIN_VALUE;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(status.getPath(), true);
    while (files.hasNext()) {
      newest = Math.max(newest, files.next().getModificationTime());
    }
    return newest;
  }
}
