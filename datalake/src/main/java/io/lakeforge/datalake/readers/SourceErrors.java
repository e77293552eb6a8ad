package io.lakeforge.datalake.readers;

import io.lakeforge.datalake.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.SparkThrowable;

/**
 * Turns a failure to read a source file inside a Spark job (Spark's {@code FAILED_READ_FILE}: a
 * corrupt Parquet page, a truncated gzip stream) into the one-line input error the user can act on:
 * the file, where in it the damage is, and what was expected. Failures to reach the storage
 * (network, credentials) are left as they are: they are not the file's fault.
 */
public final class SourceErrors {
  private SourceErrors() {}

  /**
   * {@code e} as an {@link InvalidInputException} when it is a damaged source file, else null (the
   * caller rethrows {@code e}).
   */
  public static InvalidInputException translate(Throwable e, Configuration conf, String format) {
    String path = failedFile(e);
    if (path == null || isConnectivity(e)) {
      return null;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why =
        ParquetFiles.firstLine(
            root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    Optional<String> where =
        format.equals("parquet")
            ? ParquetFiles.locateDamage(conf, new Path(path))
            : locateTextDamage(conf, new Path(path));
    return new InvalidInputException(
        String.format(
            "%s: cannot be read as %s at %s: %s; " + "expected a complete, valid %s file",
            path, format, where.orElse("an unknown position"), why, format),
        e);
  }

  /** The file named by a Spark {@code FAILED_READ_FILE} error in {@code t}'s causes, or null. */
  static String failedFile(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof DamagedFile d) {
        return d.path();
      }
      if (c instanceof SparkThrowable st
          && st.getCondition() != null
          && st.getCondition().startsWith("FAILED_READ_FILE")) {
        String p = st.getMessageParameters().get("path");
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  private static boolean isConnectivity(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String n = c.getClass().getName();
      if (n.startsWith("java.net.")
          || n.contains("Sdk")
          || n.contains("AWSClientIOException")
          || n.contains("Timeout")
          || n.contains("AccessDenied")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Streams a (possibly compressed) text file on the driver and says at which line and byte of its
   * text the read fails, such as {@code line 3 (byte 41 of the uncompressed text)}.
   */
  static Optional<String> locateTextDamage(Configuration conf, Path path) {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    long line = 1;
    long bytes = 0;
    byte[] buf = new byte[1 << 12];
    try (InputStream raw = path.getFileSystem(conf).open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              line++;
            }
          }
          bytes += n;
        }
      } catch (IOException | RuntimeException e) {
        return Optional.of(
            String.format(
                "line %d (byte %d of the %stext)",
                line, bytes, codec == null ? "" : "uncompressed "));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Thrown on an executor when a source file's text cannot be read; {@link #translate} says on the
   * driver where the damage is.
   */
  public static final class DamagedFile extends InvalidInputException {
    private final String path;

    public DamagedFile(String path, String message, Throwable cause) {
      super(message, cause);
      this.path = path;
    }

    public String path() {
      return path;
    }
  }
}
