package io.lakeforge.datalake.registry;

import io.lakeforge.datalake.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Model artifact folders on any Hadoop filesystem: {@code <root>/<name>/v<N>/}. An artifact is
 * written under {@code <root>/<name>/_staging/<run id>/} first and moved to its version folder just
 * before the registry commit that makes it visible; a version folder that exists is never
 * overwritten.
 */
public final class ArtifactStore {
  public static final String MODEL_JSON = "model.json";

  private final String root;
  private final Configuration conf;

  public ArtifactStore(String root, Configuration conf) {
    this.root = root;
    this.conf = conf;
  }

  public String root() {
    return root;
  }

  public String stagingDir(String name, String runId) {
    return root + "/" + name + "/_staging/" + runId;
  }

  public String versionDir(String name, int version) {
    return root + "/" + name + "/v" + version;
  }

  /** Moves a staged artifact to its version folder; refuses if that folder already exists. */
  public String publish(String stagingDir, String name, int version) {
    Path src = new Path(stagingDir);
    Path dst = new Path(versionDir(name, version));
    try {
      FileSystem fs = dst.getFileSystem(conf);
      if (fs.exists(dst)) {
        throw new IllegalStateException("artifact folder " + dst + " already exists; a "
            + "registered version is never overwritten");
      }
      fs.mkdirs(dst.getParent());
      if (!fs.rename(src, dst)) {
        throw new IOException("rename " + src + " -> " + dst + " returned false");
      }
      return dst.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot publish artifact " + src + ": " + e.getMessage(), e);
    }
  }

  public void writeText(String uri, String text) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      try (OutputStream out = fs.create(p, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  public String readText(String uri) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (java.io.FileNotFoundException e) {
      throw new InvalidInputException(p + ": artifact file does not exist", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a folder recursively; used to clean up after a failed run. Never throws. */
  public void deleteQuietly(String uri) {
    try {
      Path p = new Path(uri);
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException | RuntimeException ignored) {
      // Best effort: an unregistered folder is invisible and removed by models gc.
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
   * Deletes staging folders ({@code <root>/<name>/_staging/<run id>}) last modified before
   * {@code olderThanMillis} (epoch ms): the leftovers of runs that died before registering.
   * Returns the folders removed.
   */
  public java.util.List<String> removeStaleStaging(long olderThanMillis) {
    java.util.List<String> removed = new java.util.ArrayList<>();
    Path rootPath = new Path(root);
    try {
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) {
        return removed;
      }
      for (FileStatus model : fs.listStatus(rootPath)) {
        Path staging = new Path(model.getPath(), "_staging");
        if (!model.isDirectory() || !fs.exists(staging)) {
          continue;
        }
        for (FileStatus run : fs.listStatus(staging)) {
          if (newestModification(fs, run) <= olderThanMillis) {
            fs.delete(run.getPath(), true);
            removed.add(run.getPath().toString());
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
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
        fs.listFiles(status.getPath(), true);
    while (files.hasNext()) {
      newest = Math.max(newest, files.next().getModificationTime());
    }
    return newest;
  }

  /** Version folders present on storage for a model name (registered or not). */
  public java.util.List<String> listVersionDirs(String name) {
    Path p = new Path(root + "/" + name);
    java.util.List<String> out = new java.util.ArrayList<>();
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        if (s.isDirectory() && s.getPath().getName().matches("v\\d+")) {
          out.add(s.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + p + ": " + e.getMessage(), e);
    }
    java.util.Collections.sort(out);
    return out;
  }
}
