package io.lakeforge.datalake.registry;

import io.lakeforge.datalake.InvalidInputException;
import io.lakeforge.datalake.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A reference to a model version: {@code name@3}, {@code name@latest} or {@code name@<alias>} (such
 * as {@code name@production}); a bare {@code name} means {@code name@latest}. Aliases can never
 * look like a version ({@code 3}, {@code v3}) or be {@code latest}, so a reference always means one
 * thing.
 */
public record ModelRef(String name, Integer version, String alias) {
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
  private static final Pattern VERSION = Pattern.compile("[vV]?\\d+");
  public static final String LATEST = "latest";

  public static ModelRef parse(String text) {
    String name = text;
    String selector = LATEST;
    int at = text.indexOf('@');
    if (at >= 0) {
      name = text.substring(0, at);
      selector = text.substring(at + 1);
    }
    requireName(name);
    if (VERSION.matcher(selector).matches()) {
      String digits = selector.replaceFirst("^[vV]", "");
      try {
        int version = Integer.parseInt(digits);
        if (version >= 1) {
          return new ModelRef(name, version, null);
        }
      } catch (NumberFormatException e) {
        // falls through to the error below: more digits than any version has
      }
      throw new InvalidInputException(
          String.format(
              "model reference '%s' is invalid: version "
                  + "%s is not a version number (1, 2, ...)",
              text, selector));
    }
    if (selector.equalsIgnoreCase(LATEST)) {
      return new ModelRef(name, null, LATEST);
    }
    if (!ALIAS.matcher(selector).matches()) {
      throw new InvalidInputException(
          String.format(
              "model reference '%s' is invalid: expected "
                  + "NAME@VERSION, NAME@latest or NAME@ALIAS",
              text));
    }
    return new ModelRef(name, null, selector);
  }

  /** Checks a model name (see {@link Names}); the error says what is allowed. */
  public static String requireName(String name) {
    return Names.requireModel(name);
  }

  /**
   * Checks an alias name: a word starting with a letter, at most 64 characters, that is neither
   * {@code latest} nor shaped like a version ({@code 3}, {@code v3}), which references resolve
   * first.
   */
  public static String requireAlias(String alias) {
    if (alias == null
        || !ALIAS.matcher(alias).matches()
        || alias.toLowerCase(Locale.ROOT).equals(LATEST)
        || VERSION.matcher(alias).matches()) {
      throw new InvalidInputException(
          String.format(
              "alias '%s' is invalid: expected a word "
                  + "starting with a letter that is not 'latest' and does not look like a version "
                  + "(3, v3)",
              alias));
    }
    return alias;
  }

  @Override
  public String toString() {
    return name + "@" + (version != null ? version.toString() : alias);
  }
}
