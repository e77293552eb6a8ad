package io.lakeforge.jobs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Knows which settings are secrets and masks their values in anything Lakeforge prints:
 * configuration dumps and error messages. Secrets come from the environment or the provider
 * chain, never from a committed file, and never leave the process in clear.
 */
public final class Secrets {
  public static final String MASK = "****";
  private static final List<String> ENV = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
  private static final List<String> registered = new ArrayList<>();

  private Secrets() {}

  /** True for keys such as {@code fs.s3a.secret.key}, {@code ...password}, {@code ...token}. */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return (k.contains("secret") || k.contains("password") || k.contains("session.token")
        || k.endsWith(".token") || k.endsWith("credential")) && !k.contains("provider");
  }

  /** Remembers the secret values of a configuration so that {@link #mask} hides them. */
  public static synchronized void register(Map<String, String> conf) {
    conf.forEach((k, v) -> {
      if (isSecretKey(k) && v != null && v.length() >= 4 && !registered.contains(v)) {
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
