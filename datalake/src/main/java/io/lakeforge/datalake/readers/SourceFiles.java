package io.lakeforge.datalake.readers;

import io.lakeforge.datalake.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Source files on any Hadoop filesystem: existence checks with a clear error, opening, the listing
 * of a source directory, and the SHA-256 checksums that make re-ingesting the same input a no-op. A
 * directory is taken recursively (Spark's partition folders {@code key=value/} included) with
 * Spark's own rule for what is not data ({@code _SUCCESS}, {@code .crc}, names starting with {@code
 * _} or {@code .}), so the checksum covers exactly the files that are read and a new partition is a
 * new batch.
 */
public final class SourceFiles {
  /** One data file of a source, with its path relative to the source ({@code day=2/a.json}). */
  public record DataFile(String relative, FileStatus status) {
    public Path path() {
      return status.getPath();
    }
  }

  private SourceFiles() {}

  /** Checks that {@code uri} exists, is a file and is not empty; returns its status. */
  public static FileStatus require(Configuration conf, String uri, String expected) {
    return require(conf, uri, expected, false);
  }

  /**
   * As {@link #require(Configuration, String, String)}, optionally accepting a directory, which
   * must then hold at least one data file.
   */
  public static FileStatus require(
      Configuration conf, String uri, String expected, boolean allowDirectory) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new InvalidInputException(
            String.format("%s: file does not exist; expected %s", uri, expected));
      }
      FileStatus st = fs.getFileStatus(p);
      if (st.isDirectory() && !allowDirectory) {
        throw new InvalidInputException(
            String.format("%s: is a directory; expected %s", uri, expected));
      }
      if (!st.isDirectory() && st.getLen() == 0) {
        throw new InvalidInputException(
            String.format("%s: file is empty (0 bytes); expected %s", uri, expected));
      }
      if (st.isDirectory() && list(conf, uri).isEmpty()) {
        throw new InvalidInputException(
            String.format(
                "%s: directory has no data files (names "
                    + "starting with _ or . are not data); expected %s",
                uri, expected));
      }
      return st;
    } catch (IOException e) {
      throw new InvalidInputException(
          String.format("%s: cannot be read (%s); expected %s", uri, e.getMessage(), expected), e);
    }
  }

  public static InputStream open(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    return p.getFileSystem(conf).open(p);
  }

  /**
   * The data files of a source: the file itself, or every data file under a directory at any depth,
   * in order of relative path.
   */
  public static List<DataFile> list(Configuration conf, String uri) {
    Path root = new Path(uri);
    try {
      FileSystem fs = root.getFileSystem(conf);
      FileStatus st = fs.getFileStatus(root);
      if (!st.isDirectory()) {
        return List.of(new DataFile(st.getPath().getName(), st));
      }
      String prefix = fs.makeQualified(root).toUri().getPath();
      prefix = prefix.endsWith("/") ? prefix : prefix + "/";
      List<DataFile> out = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        String path = f.getPath().toUri().getPath();
        String relative =
            path.startsWith(prefix) ? path.substring(prefix.length()) : f.getPath().getName();
        if (!isHidden(relative)) {
          out.add(new DataFile(relative, f));
        }
      }
      out.sort(Comparator.comparing(DataFile::relative));
      return out;
    } catch (IOException e) {
      throw new InvalidInputException(uri + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  /**
   * True if any folder or the file on {@code relative} is not data by Spark's rule (see {@code
   * InMemoryFileIndex.shouldFilterOutPathName}): names starting with {@code .}, names starting with
   * {@code _} unless they are partition folders ({@code _k=v}) or Parquet summary files, and files
   * still being copied.
   */
  static boolean isHidden(String relative) {
    for (String name : relative.split("/")) {
      boolean exclude =
          (name.startsWith("_") && !name.contains("="))
              || name.startsWith(".")
              || name.endsWith("._COPYING_");
      boolean include = name.startsWith("_common_metadata") || name.startsWith("_metadata");
      if (exclude && !include) {
        return true;
      }
    }
    return false;
  }

  /**
   * Loads a source with {@code reader} so that Spark reads exactly the files {@link #list} returns:
   * a file or a directory of consistent partition folders ({@code day=1/...}) as is (partition
   * columns included), any other directory tree file by file at every depth.
   */
  public static Dataset<Row> load(DataFrameReader reader, Configuration conf, String uri) {
    if (isDirectory(conf, uri) && !partitionLayout(list(conf, uri))) {
      reader = reader.option("recursiveFileLookup", "true");
    }
    return reader.load(uri);
  }

  static boolean isDirectory(Configuration conf, String uri) {
    Path p = new Path(uri);
    try {
      return p.getFileSystem(conf).getFileStatus(p).isDirectory();
    } catch (IOException e) {
      throw new InvalidInputException(uri + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** True if every file sits under the same {@code key=value/} folders (or all at the top). */
  static boolean partitionLayout(List<DataFile> files) {
    List<String> keys = null;
    for (DataFile f : files) {
      String[] parts = f.relative().split("/");
      List<String> k = new ArrayList<>();
      for (int i = 0; i < parts.length - 1; i++) {
        int eq = parts[i].indexOf('=');
        if (eq <= 0) {
          return false;
        }
        k.add(parts[i].substring(0, eq));
      }
      if (keys == null) {
        keys = k;
      } else if (!keys.equals(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * SHA-256 of a source. A file hashes its name and content (as it always did); a directory hashes
   * every data file's relative path, length and content in path order, so adding, removing,
   * renaming or changing any file (in any partition folder) changes the checksum.
   */
  public static String sha256(Configuration conf, String uri) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      FileSystem fs = new Path(uri).getFileSystem(conf);
      boolean directory = isDirectory(conf, uri);
      byte[] buf = new byte[1 << 16];
      for (DataFile f : list(conf, uri)) {
        if (directory) {
          md.update(
              (f.relative() + "\0" + f.status().getLen() + "\0").getBytes(StandardCharsets.UTF_8));
        } else {
          md.update(f.relative().getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = fs.open(f.path())) {
          int n;
          while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new InvalidInputException(uri + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Checksums of every source role, and one combined checksum that identifies the batch. */
  public static Map<String, String> checksums(Configuration conf, Map<String, String> sources) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      out.put(e.getKey(), sha256(conf, e.getValue()));
    }
    return out;
  }
}
