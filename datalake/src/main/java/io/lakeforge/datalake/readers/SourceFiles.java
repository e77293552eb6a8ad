package io.lakeforge.datalake.readers;

import io.lakeforge.datalake.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Source files on any Hadoop filesystem: existence checks with a clear error, opening, and the
 * SHA-256 checksums that make re-ingesting the same file a no-op.
 */
public final class SourceFiles {
  private SourceFiles() {}

  /** Checks that {@code uri} exists, is a file and is not empty; returns its status. */
  public static FileStatus require(Configuration conf, String uri, String expected) {
    return require(conf, uri, expected, false);
  }

  /** As {@link #require(Configuration, String, String)}, optionally accepting a directory. */
  public static FileStatus require(Configuration conf, String uri, String expected,
      boolean allowDirectory) {
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
            String.format("%s: file is empty; expected %s", uri, expected));
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

  /** SHA-256 of a file, or of every file under a directory in name order. */
  public static String sha256(Configuration conf, String uri) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Path p = new Path(uri);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus st = fs.getFileStatus(p);
      FileStatus[] files = st.isDirectory() ? fs.listStatus(p) : new FileStatus[] {st};
      java.util.Arrays.sort(files);
      byte[] buf = new byte[1 << 16];
      for (FileStatus f : files) {
        if (f.isDirectory() || f.getPath().getName().startsWith("_")
            || f.getPath().getName().startsWith(".")) {
          continue;
        }
        md.update(f.getPath().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = fs.open(f.getPath())) {
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
