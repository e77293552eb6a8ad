package io.lakeforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The shipped blobs dataset through ingest, curate and featurize once per test JVM, copied into
 * each test that needs features and not the stages themselves. Local Delta logs name their files
 * relative to the table, so a copied folder is the same table, with its history and commit
 * metadata: later stages see it exactly as the lake the stages wrote.
 */
public final class PreparedLake {
  private static Path blobs;

  private PreparedLake() {}

  /** A fresh copy of the prepared blobs lake at {@code dest} (which must not exist yet). */
  public static synchronized Path blobs(Path dest) {
    if (blobs == null) {
      try {
        Path lake = Files.createTempDirectory("prepared-blobs").resolve("lake");
        for (String stage : new String[] {"ingest", "curate", "featurize"}) {
          Cli.Result r = Cli.run(lake.toString(), stage, "--dataset", "blobs");
          assertThat(r.code()).as(r.err()).isZero();
        }
        blobs = lake;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    copy(blobs, dest);
    return dest;
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
