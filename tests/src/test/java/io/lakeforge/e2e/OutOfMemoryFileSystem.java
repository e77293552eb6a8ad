package io.lakeforge.e2e;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A filesystem for the scheme {@code oom:} whose every look-up runs out of memory, the way a driver
 * does that reads something far too large: lets a test see how a command ends when an
 * OutOfMemoryError is thrown inside it. Registered through META-INF/services (test scope only).
 */
public class OutOfMemoryFileSystem extends RawLocalFileSystem {
  @Override
  public String getScheme() {
    return "oom";
  }

  @Override
  public URI getUri() {
    return URI.create("oom:///");
  }

  @Override
  public boolean exists(Path f) {
    throw new OutOfMemoryError("Java heap space");
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    throw new OutOfMemoryError("Java heap space");
  }
}
