package io.lakeforge.jobs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Knows which settings are secrets and masks their values in anything Lakeforge prints:
 * configuration dumps and error messages. A key is a secret when it matches the built-in pattern
 * (passwords, secret keys, tokens, {@code fs.s3a.encryption.key}, {@code fs.azure.account.key.*},
 * anything with {@code private.key}) or the configurable {@code lakeforge.secrets.key-pattern};
 * Spark's own {@code spark.redaction.regex} is set to cover the same keys, so the Spark UI and
 * event logs mask them too. Secrets come from the environment or the provider chain, never from a
 * committed file, and never leave the process in clear.
 */
public final class Secrets {
  public static final String MASK = "****";

  /** The Lakeforge setting that adds key patterns (a Java regular expression). */
  public static final String PATTERN_SETTING = "lakeforge.secrets.key-pattern";

  public static final String SPARK_REDACTION_REGEX = "spark.redaction.regex";

  /** Spark's default {@code spark.redaction.regex}, kept inside Lakeforge's. */
  static final String SPARK_DEFAULT = "secret|password|token|access[.]?key";

  static final String BUILT_IN =
      "secret|password|session[.]token|[.]token$|credential"
          + "|encryption[.]key|fs[.]azure[.]account[.]key|private[.]key";
  private static final List<String> ENV = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
  private static final List<String> registered = new ArrayList<>();
  private static Pattern builtIn = Pattern.compile(BUILT_IN, Pattern.CASE_INSENSITIVE);
  private static Pattern extra;

  private Secrets() {}

  /**
   * Adds {@code pattern} (a Java regular expression matched anywhere in a key, case-insensitive;
   * blank = none) to the keys treated as secrets.
   */
  public static synchronized void configure(String pattern) {
    extra = compile(pattern);
  }

  /** {@code pattern} compiled, or null when blank; a bad expression is a usage error. */
  static Pattern compile(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new UsageException(
          PATTERN_SETTING
              + " = "
              + pattern
              + " is invalid: expected a "
              + "Java regular expression ("
              + e.getDescription()
              + ")");
    }
  }

  /**
   * True for keys such as {@code fs.s3a.secret.key}, {@code ...password}, {@code ...token}, {@code
   * fs.s3a.encryption.key}, {@code fs.azure.account.key.ACCOUNT}, {@code ...private.key} and those
   * matching the configured pattern; credential provider settings (class names) are not secrets.
   */
  public static synchronized boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (extra != null && extra.matcher(key).find()) {
      return true;
    }
    return builtIn.matcher(k).find()
        && !k.endsWith("provider")
        && !k.contains("credential.provider");
  }

  /**
   * The {@code spark.redaction.regex} that masks every key {@link #isSecretKey} does (and Spark's
   * defaults), combined with {@code given} (a value the user or the cluster set) when not null.
   */
  public static synchronized String redactionRegex(String given) {
    StringBuilder sb = new StringBuilder("(?i)").append(SPARK_DEFAULT).append('|').append(BUILT_IN);
    if (extra != null) {
      sb.append("|(?:").append(extra.pattern()).append(')');
    }
    String ours = sb.toString();
    if (given == null || given.isBlank() || given.equals(ours)) {
      return ours;
    }
    return "(?:" + given + ")|(?:" + ours + ")";
  }

  /** Remembers the secret values of a configuration so that {@link #mask} hides them. */
  public static synchronized void register(Map<String, String> conf) {
    conf.forEach(
        (k, v) -> {
          if (!k.equals(PATTERN_SETTING)
              && isSecretKey(k)
              && v != null
              && v.length() >= 4
              && !registered.contains(v)) {
            registered.add(v);
          }
        });
  }

  /** {@code text} with every known secret value replaced by {@value #MASK}. */
  public static synchronized String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String name : ENV) {
      String v = System.getenv(name);
      if (v != null && v.length() >= 4) {
        out = out.replace(v, MASK);
      }
    }
    for (String v : registered) {
      out = out.replace(v, MASK);
    }
    return out;
  }

  /** The value to show for {@code key}: masked when the key names a secret. */
  public static String display(String key, String value) {
    return isSecretKey(key) ? MASK : mask(value);
  }
}
