package io.lakeforge.testing.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * A real S3-compatible server (S3Proxy over a folder) on 127.0.0.1, with AWS signature v2/v4
 * authentication. Tests embed it; {@code scripts/local-s3.sh} runs {@link #main} as a background
 * process. Objects are plain files under the data folder, so a test can search them.
 */
public final class LocalS3 implements AutoCloseable {
  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final String endpoint;

  private LocalS3(S3Proxy proxy, BlobStoreContext context, String endpoint) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
  }

  /** Starts the server on {@code port} (0 = any free port) and waits until it answers. */
  public static LocalS3 start(Path dataDir, int port, String accessKey, String secretKey)
      throws Exception {
    Files.createDirectories(dataDir);
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
    // By API metadata, not provider name: the provider registry is not on this classpath.
    BlobStoreContext context =
        ContextBuilder.newBuilder(new FilesystemApiMetadata())
            .credentials("local", "local")
            .overrides(props)
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new MarkerTolerantBlobStore(context.getBlobStore(), dataDir))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new LocalS3(proxy, context, "http://127.0.0.1:" + proxy.getPort());
  }

  /**
   * jclouds' filesystem store keeps a directory marker ({@code key/}) as the directory itself, so
   * deleting a marker whose directory still holds files fails, after ten one-second retries. On S3
   * that delete just removes the marker object, which is what s3a expects when it cleans up (e.g. a
   * committer's {@code _temporary/}); here it becomes a no-op, and the directory goes with its last
   * file.
   */
  private static final class MarkerTolerantBlobStore
      extends org.jclouds.blobstore.util.ForwardingBlobStore {
    private final Path dataDir;

    MarkerTolerantBlobStore(BlobStore delegate, Path dataDir) {
      super(delegate);
      this.dataDir = dataDir;
    }

    @Override
    public void removeBlob(String container, String name) {
      if (name.endsWith("/") && nonEmptyDirectory(dataDir.resolve(container).resolve(name))) {
        return;
      }
      super.removeBlob(container, name);
    }

    @Override
    public void removeBlobs(String container, Iterable<String> names) {
      for (String name : names) {
        removeBlob(container, name);
      }
    }

    private static boolean nonEmptyDirectory(Path dir) {
      if (!Files.isDirectory(dir)) {
        return false;
      }
      try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
        return entries.findAny().isPresent();
      } catch (java.io.IOException e) {
        return false;
      }
    }
  }

  public String endpoint() {
    return endpoint;
  }

  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  public void createBucket(String bucket) {
    blobStore().createContainerInLocation(null, bucket);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }

  /**
   * Runs the server until killed. Arguments: DATA_DIR PORT BUCKET; the keys come from the
   * environment (LOCAL_S3_ACCESS_KEY, LOCAL_S3_SECRET_KEY), never from the command line where
   * {@code ps} would show them. Prints {@code ready <endpoint>} once it answers.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: LocalS3 DATA_DIR PORT BUCKET");
      System.exit(2);
    }
    String access = System.getenv("LOCAL_S3_ACCESS_KEY");
    String secret = System.getenv("LOCAL_S3_SECRET_KEY");
    if (access == null || secret == null) {
      System.err.println("LOCAL_S3_ACCESS_KEY and LOCAL_S3_SECRET_KEY must be set");
      System.exit(2);
    }
    LocalS3 s3 = start(Path.of(args[0]), Integer.parseInt(args[1]), access, secret);
    s3.createBucket(args[2]);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    s3.close();
                  } catch (Exception ignored) {
                    // exiting anyway
                  }
                }));
    System.out.println("ready " + s3.endpoint());
    System.out.flush();
    Thread.currentThread().join();
  }
}
