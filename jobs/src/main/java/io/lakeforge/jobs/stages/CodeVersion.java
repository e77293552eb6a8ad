package io.lakeforge.jobs.stages;

import java.io.InputStream;
import java.util.Properties;

/** The version of Lakeforge that is running, as recorded in models' lineage. */
public final class CodeVersion {
  private static final String VALUE = load();

  private CodeVersion() {}

  public static String get() {
    return VALUE;
  }

  private static String load() {
    Properties p = new Properties();
    try (InputStream in = CodeVersion.class.getResourceAsStream("/lakeforge-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException ignored) {
      // fall through to "unknown"
    }
    String version = p.getProperty("version", "unknown");
    String commit = System.getProperty("lakeforge.git.commit", "");
    return commit.isBlank() ? version : version + "+" + commit;
  }
}
