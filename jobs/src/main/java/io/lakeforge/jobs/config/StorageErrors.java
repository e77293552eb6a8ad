package io.lakeforge.jobs.config;

import java.net.URI;

/**
 * Turns object-store failures deep inside Hadoop's s3a client into one line a person can act on:
 * what failed, for which bucket and endpoint (never the credentials).
 */
public final class StorageErrors {
  private static volatile LakeforgeConfig current;

  private StorageErrors() {}

  /** The configuration of the running command, for naming its bucket and endpoint. */
  public static void remember(LakeforgeConfig config) {
    current = config;
  }

  /** A one-line description if {@code t} is an object-store access failure, else null. */
  public static String describe(Throwable t) {
    String kind = null;
    for (Throwable c = t; c != null && kind == null; c = c.getCause()) {
      String name = c.getClass().getName();
      String msg = String.valueOf(c.getMessage());
      if (name.endsWith("UnknownStoreException")
          || msg.contains("NoSuchBucket")
          || msg.contains("does not exist") && msg.contains("s3a://") && msg.contains("Bucket")) {
        kind = "the bucket does not exist";
      } else if (c instanceof java.nio.file.AccessDeniedException
          || msg.contains("403")
              && (msg.contains("Forbidden")
                  || msg.contains("AccessDenied")
                  || msg.contains("SignatureDoesNotMatch")
                  || msg.contains("InvalidAccessKeyId"))) {
        kind =
            "access denied: check the credentials in the environment "
                + "(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) or the instance profile";
      } else if (c instanceof java.net.ConnectException
          || name.endsWith("ConnectTimeoutException")
          || msg.contains("Connection refused")
          || msg.contains("Unable to execute HTTP request")) {
        kind = "the endpoint is unreachable";
      }
    }
    if (kind == null) {
      return null;
    }
    LakeforgeConfig c = current;
    String lake = c == null ? "?" : c.lake();
    String bucket = "?";
    try {
      URI u = URI.create(lake);
      if (u.getScheme() != null && u.getScheme().startsWith("s3")) {
        bucket = u.getHost();
      }
    } catch (IllegalArgumentException ignored) {
      // keep "?"
    }
    String endpoint =
        c == null
            ? ""
            : c.sparkConf()
                .getOrDefault(
                    "spark.hadoop.fs.s3a.bucket." + bucket + ".endpoint",
                    c.sparkConf().getOrDefault("spark.hadoop.fs.s3a.endpoint", ""));
    return Secrets.mask(
        String.format(
            "cannot use the object store: %s (bucket %s, endpoint %s)",
            kind, bucket, endpoint.isBlank() ? "AWS default" : endpoint));
  }
}
