package io.lakeforge.datalake.registry;

import io.lakeforge.datalake.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A reference to a model version: {@code name@3}, {@code name@latest} or {@code name@<alias>}
 * (such as {@code name@production}); a bare {@code name} means {@code name@latest}.
 */
public record ModelRef(String name, Integer version, String alias) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  public static ModelRef parse(String text) {
    String name = text;
    String selector = "latest";
    int at = text.indexOf('@');
    if (at >= 0) {
      name = text.substring(0, at);
      selector = text.substring(at + 1);
    }
    requireName(name);
    if (selector.matches("v?\\d+")) {
      return new ModelRef(name, Integer.parseInt(selector.replace("v", "")), null);
    }
    if (!ALIAS.matcher(selector).matches()) {
      throw new InvalidInputException(String.format("model reference '%s' is invalid: expected "
          + "NAME@VERSION, NAME@latest or NAME@ALIAS", text));
    }
    return new ModelRef(name, null, selector);
  }

  /** Checks a model or alias name; the error says what is allowed. */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(String.format("model name '%s' is invalid: expected "
          + "letters, digits, '.', '_' or '-' (at most 128, starting with a letter or digit)",
          name));
    }
    return name;
  }

  public static String requireAlias(String alias) {
    if (alias == null || !ALIAS.matcher(alias).matches() || alias.equals("latest")) {
      throw new InvalidInputException(String.format("alias '%s' is invalid: expected a word "
          + "starting with a letter (not 'latest')", alias));
    }
    return alias;
  }

  @Override
  public String toString() {
    return name + "@" + (version != null ? version.toString() : alias);
  }
}
