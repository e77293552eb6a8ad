package io.lakeforge.e2e;

import io.lakeforge.testing.s3.LocalS3;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * A real S3 API for a test class: S3Proxy on 127.0.0.1 with test-only keys, wired into the shared
 * SparkSession's s3a settings. The keys exist only in this JVM's memory.
 */
final class S3Fixture implements AutoCloseable {
  static final String ACCESS_KEY = "lakeforge-test-access";
  static final String SECRET_KEY = "Lf-test-secret-9f3c2e71d0";
  static final String BUCKET = "lakeforge-test";

  final LocalS3 server;
  final Path data;

  S3Fixture(SparkSession spark, Path data) throws Exception {
    this.data = data;
    this.server = LocalS3.start(data, 0, ACCESS_KEY, SECRET_KEY);
    server.createBucket(BUCKET);
    server.createBucket("wrongcreds");
    Configuration c = spark.sparkContext().hadoopConfiguration();
    c.set("fs.s3a.endpoint", server.endpoint());
    c.set("fs.s3a.endpoint.region", "us-east-1");
    c.set("fs.s3a.path.style.access", "true");
    c.set("fs.s3a.connection.ssl.enabled", "false");
    c.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    c.set("fs.s3a.access.key", ACCESS_KEY);
    c.set("fs.s3a.secret.key", SECRET_KEY);
    // Small parts so that multipart uploads really happen.
    c.set("fs.s3a.multipart.size", "5M");
    c.set("fs.s3a.multipart.threshold", "5M");
    c.set("fs.s3a.buffer.dir", data.resolveSibling("s3a-buffer").toString());
    c.set("fs.s3a.attempts.maximum", "2");
    c.set("fs.s3a.retry.limit", "2");
    c.set("fs.s3a.retry.interval", "250ms");
    c.set("fs.s3a.connection.establish.timeout", "5s");
    c.set("fs.s3a.connection.timeout", "10s");
    c.set("fs.s3a.bucket.probe", "2");
    c.set("fs.s3a.bucket.wrongcreds.secret.key", "not-the-secret-key");
    c.set("fs.s3a.bucket.unreachable.endpoint", "http://127.0.0.1:1");
  }

  /** The --conf flags a user would pass; recorded by Lakeforge for its error messages. */
  String[] confFlags() {
    return new String[] {
      "--conf",
      "spark.hadoop.fs.s3a.endpoint=" + server.endpoint(),
      "--conf",
      "spark.hadoop.fs.s3a.bucket.unreachable.endpoint=http://127.0.0.1:1",
      "--conf",
      "spark.hadoop.fs.s3a.secret.key=" + SECRET_KEY
    };
  }

  @Override
  public void close() throws Exception {
    // Cached s3a clients point at this server's port: drop them before it goes away.
    FileSystem.closeAll();
    server.close();
  }
}
