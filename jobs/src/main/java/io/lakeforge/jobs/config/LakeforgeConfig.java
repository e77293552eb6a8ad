package io.lakeforge.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.lakeforge.datalake.LakeLayout;
import io.lakeforge.datalake.spec.DatasetSpec;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lakeforge's resolved configuration: {@code conf/lakeforge.conf}, then an optional profile ({@code
 * conf/profiles/<name>.conf}), then {@code --conf key=value} overrides (keys starting with {@code
 * spark.} go to Spark, others override Lakeforge settings), then {@code --lake}. Built and
 * validated before Spark starts.
 */
public final class LakeforgeConfig {
  private final File home;
  private final Config config;
  private final Map<String, String> sparkConf;
  private final String lake;

  private LakeforgeConfig(File home, Config config, Map<String, String> sparkConf, String lake) {
    this.home = home;
    this.config = config;
    this.sparkConf = sparkConf;
    this.lake = lake;
  }

  /** The installation folder: {@code -Dlakeforge.home}, {@code $LAKEFORGE_HOME}, or the cwd. */
  public static File home() {
    String h = System.getProperty("lakeforge.home");
    if (h == null || h.isBlank()) {
      h = System.getenv("LAKEFORGE_HOME");
    }
    return new File(h == null || h.isBlank() ? "." : h).getAbsoluteFile();
  }

  public static LakeforgeConfig load(String profile, List<String> overrides, String lakeOption) {
    File home = home();
    File main = new File(home, "conf/lakeforge.conf");
    if (!main.isFile()) {
      throw new UsageException(
          "configuration file "
              + main
              + " does not exist; set "
              + "LAKEFORGE_HOME to the Lakeforge folder");
    }
    Map<String, String> sparkOverrides = new LinkedHashMap<>();
    Map<String, String> lfOverrides = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--conf " + o + " is invalid: expected key=value");
      }
      String key = o.substring(0, eq).trim();
      String value = o.substring(eq + 1);
      if (key.startsWith("spark.")) {
        sparkOverrides.put(key, value);
      } else {
        lfOverrides.put(key.startsWith("lakeforge.") ? key : "lakeforge." + key, value);
      }
    }
    try {
      Config c = ConfigFactory.parseFile(main);
      if (profile != null && !profile.isBlank()) {
        File pf = new File(home, "conf/profiles/" + profile + ".conf");
        if (!pf.isFile()) {
          File[] known = new File(home, "conf/profiles").listFiles((d, n) -> n.endsWith(".conf"));
          throw new UsageException(
              "unknown profile '"
                  + profile
                  + "': no "
                  + pf
                  + (known == null
                      ? ""
                      : "; known profiles: "
                          + String.join(
                              ", ",
                              java.util.Arrays.stream(known)
                                  .map(f -> f.getName().replace(".conf", ""))
                                  .sorted()
                                  .toList())));
        }
        c = ConfigFactory.parseFile(pf).withFallback(c);
      }
      c = ConfigFactory.parseMap(lfOverrides).withFallback(c);
      c = c.resolve();
      Map<String, String> spark = new LinkedHashMap<>();
      if (c.hasPath("lakeforge.spark.conf")) {
        for (Map.Entry<String, ConfigValue> e :
            c.getConfig("lakeforge.spark.conf").root().entrySet()) {
          spark.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
      }
      spark.putAll(sparkOverrides);
      // Secrets: the configured key pattern joins the built-in one, and Spark's UI and event
      // logs redact the same keys.
      Secrets.configure(
          c.hasPath(Secrets.PATTERN_SETTING) ? c.getString(Secrets.PATTERN_SETTING) : "");
      spark.put(
          Secrets.SPARK_REDACTION_REGEX,
          Secrets.redactionRegex(spark.get(Secrets.SPARK_REDACTION_REGEX)));
      String lake = lakeOption != null ? lakeOption : c.getString("lakeforge.lake");
      return new LakeforgeConfig(home, c, spark, absolute(lake));
    } catch (ConfigException e) {
      throw new UsageException("configuration is invalid: " + e.getMessage(), e);
    }
  }

  /** A local relative path becomes absolute; URIs with a scheme are kept as they are. */
  static String absolute(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new UsageException(
          "no lake root: set lakeforge.lake in conf/lakeforge.conf or pass " + "--lake URI");
    }
    if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return uri;
    }
    if (uri.startsWith("file:")) {
      return uri;
    }
    return new File(uri).getAbsoluteFile().toPath().normalize().toString();
  }

  public File homeDir() {
    return home;
  }

  public String lake() {
    return lake;
  }

  public LakeLayout layout() {
    String models = config.hasPath("lakeforge.models") ? config.getString("lakeforge.models") : "";
    return new LakeLayout(lake, models.isBlank() ? null : absolute(models));
  }

  public String sparkMaster() {
    return config.getString("lakeforge.spark.master");
  }

  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  public DatasetSpec dataset(String name) {
    return DatasetSpec.load(datasetsDir(), name, home);
  }

  /** The folder of dataset specs: {@code lakeforge.datasets}, relative to the home folder. */
  public File datasetsDir() {
    String dir =
        config.hasPath("lakeforge.datasets")
            ? config.getString("lakeforge.datasets")
            : "conf/datasets";
    File f = new File(dir);
    return f.isAbsolute() ? f : new File(home, dir);
  }

  public Config raw() {
    return config;
  }

  /** Every Lakeforge setting ({@code lakeforge.*}, Spark's excluded) as text. */
  public Map<String, String> settings() {
    Map<String, String> out = new LinkedHashMap<>();
    if (config.hasPath("lakeforge")) {
      for (Map.Entry<String, ConfigValue> e : config.getConfig("lakeforge").entrySet()) {
        if (!e.getKey().startsWith("spark.conf.")) {
          out.put("lakeforge." + e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
      }
    }
    return out;
  }
}
