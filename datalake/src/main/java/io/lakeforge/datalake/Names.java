package io.lakeforge.datalake;

import java.util.regex.Pattern;

/**
 * The one rule for names that become path segments of the lake (datasets, models): letters, digits,
 * {@code _} and {@code -}, starting with a letter or digit, at most {@value #MAX_LENGTH}
 * characters. So {@code ..}, {@code /}, spaces and empty names never reach a path, and a name means
 * the same folder on every filesystem.
 */
public final class Names {
  public static final int MAX_LENGTH = 128;
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

  private Names() {}

  /** True if {@code name} follows the rule. */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Checks a dataset name; the error says what is allowed. */
  public static String requireDataset(String name) {
    return require("dataset", name);
  }

  /** Checks a model name; the error says what is allowed. */
  public static String requireModel(String name) {
    return require("model", name);
  }

  private static String require(String kind, String name) {
    if (!isValid(name)) {
      throw new InvalidInputException(
          String.format(
              "%s name '%s' is invalid: expected letters, "
                  + "digits, '_' or '-' (at most %d, starting with a letter or digit)",
              kind, name == null ? "" : shown(name), MAX_LENGTH));
    }
    return name;
  }

  /** A bounded, printable echo of a rejected name. */
  private static String shown(String name) {
    String s = name.length() > MAX_LENGTH + 8 ? name.substring(0, MAX_LENGTH) + "..." : name;
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
