package io.lakeforge.algorithms.options;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed option: its name, how to parse it from text, its default, what values are valid and a
 * line of help. Help text and every error message come from this one definition.
 *
 * @param <T> the parsed type
 */
public final class OptionDef<T> {
  private final String name;
  private final String typeName;
  private final Function<String, T> parser;
  private final T defaultValue;
  private final Predicate<T> validator;
  private final String expectation;
  private final String help;
  private final Function<T, Object> display;

  private OptionDef(
      String name,
      String typeName,
      Function<String, T> parser,
      T defaultValue,
      Predicate<T> validator,
      String expectation,
      String help) {
    this(name, typeName, parser, defaultValue, validator, expectation, help, v -> v);
  }

  private OptionDef(
      String name,
      String typeName,
      Function<String, T> parser,
      T defaultValue,
      Predicate<T> validator,
      String expectation,
      String help,
      Function<T, Object> display) {
    this.name = Objects.requireNonNull(name);
    this.typeName = typeName;
    this.parser = parser;
    this.defaultValue = defaultValue;
    this.validator = validator;
    this.expectation = expectation;
    this.help = help;
    this.display = display;
  }

  public static OptionDef<Integer> intOption(
      String name, Integer defaultValue, int min, int max, String help) {
    String expect =
        max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer in " + min + ".." + max;
    return new OptionDef<>(
        name,
        "int",
        s -> Integer.parseInt(s.trim()),
        defaultValue,
        v -> v >= min && v <= max,
        expect,
        help);
  }

  public static OptionDef<Double> doubleOption(
      String name, Double defaultValue, double min, double max, String help) {
    String expect =
        max == Double.MAX_VALUE ? "a number >= " + min : "a number in [" + min + ", " + max + "]";
    return new OptionDef<>(
        name,
        "double",
        s -> Double.parseDouble(s.trim()),
        defaultValue,
        v -> !v.isNaN() && v >= min && v <= max,
        expect,
        help);
  }

  public static OptionDef<Long> longOption(String name, Long defaultValue, String help) {
    return new OptionDef<>(
        name, "long", s -> Long.parseLong(s.trim()), defaultValue, v -> true, "an integer", help);
  }

  public static OptionDef<String> choice(
      String name, String defaultValue, String help, String... choices) {
    List<String> valid = Arrays.asList(choices);
    return new OptionDef<>(
        name,
        "choice",
        s -> s.trim().toLowerCase(Locale.ROOT),
        defaultValue,
        valid::contains,
        "one of " + String.join(" | ", valid),
        help);
  }

  /**
   * An integer option that also accepts the word {@code auto}, parsed as {@code 0} and shown (and
   * recorded as requested) as {@code auto}.
   */
  public static OptionDef<Integer> intOrAuto(String name, String help, int min, int max) {
    return new OptionDef<>(
        name,
        "int|auto",
        s -> s.trim().equalsIgnoreCase("auto") ? 0 : Integer.parseInt(s.trim()),
        0,
        v -> v == 0 || (v >= min && v <= max),
        "auto or an integer in " + min + ".." + max,
        help,
        v -> v == 0 ? "auto" : v);
  }

  public static OptionDef<Boolean> booleanOption(String name, Boolean defaultValue, String help) {
    return new OptionDef<>(
        name,
        "boolean",
        s ->
            switch (s.trim().toLowerCase(Locale.ROOT)) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              default -> null;
            },
        defaultValue,
        v -> true,
        "true | false",
        help);
  }

  /**
   * A number in {@code [min, max]} or the word {@code auto}, kept as text ({@code "auto"} or the
   * number) so that the recorded hyperparameters say {@code auto} rather than a sentinel.
   */
  public static OptionDef<String> numberOrAuto(String name, String help, double min, double max) {
    return new OptionDef<>(
        name,
        "number|auto",
        s -> {
          String t = s.trim().toLowerCase(Locale.ROOT);
          return t.equals("auto") ? t : String.valueOf(Double.parseDouble(t));
        },
        "auto",
        v -> {
          if (v.equals("auto")) {
            return true;
          }
          double d = Double.parseDouble(v);
          return !Double.isNaN(d) && d >= min && d <= max;
        },
        "auto or a number in [" + min + ", " + max + "]",
        help);
  }

  /** The value of a {@link #numberOrAuto} option, or {@code auto} when it is {@code "auto"}. */
  public static double numberOr(String value, double auto) {
    return value.equals("auto") ? auto : Double.parseDouble(value);
  }

  /** A comma-separated list of words, each of which must be one of {@code choices}. */
  public static OptionDef<List<String>> choiceList(
      String name, List<String> defaultValue, String help, String... choices) {
    List<String> valid = Arrays.asList(choices);
    return new OptionDef<>(
        name,
        "list",
        s ->
            Arrays.stream(s.replace("[", "").replace("]", "").replace("\"", "").split(","))
                .map(w -> w.trim().toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .toList(),
        defaultValue,
        v -> !v.isEmpty() && valid.containsAll(v),
        "a comma-separated list of " + String.join(" | ", valid),
        help);
  }

  public String name() {
    return name;
  }

  /**
   * The kind of value: {@code int}, {@code double}, {@code long}, {@code boolean}, {@code choice},
   * {@code int|auto}, {@code number|auto} or {@code list}.
   */
  public String typeName() {
    return typeName;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String help() {
    return help;
  }

  public String expectation() {
    return expectation;
  }

  /** How a parsed value is shown and recorded as requested (e.g. {@code 0} as {@code auto}). */
  public Object display(Object value) {
    @SuppressWarnings("unchecked")
    T v = (T) value;
    return value == null ? null : display.apply(v);
  }

  /**
   * Parses and validates {@code text}; the error quotes the option, the value and the expectation.
   */
  public T parse(String text) {
    T value;
    try {
      value = parser.apply(text);
    } catch (RuntimeException e) {
      throw invalid(text);
    }
    if (value == null || !validator.test(value)) {
      throw invalid(text);
    }
    return value;
  }

  private InvalidOptionException invalid(String text) {
    return new InvalidOptionException(
        String.format("hyperparameter %s=%s is invalid: expected %s", name, text, expectation));
  }

  /** One line of help: {@code name (type, default X): help; expected ...}. */
  public String describe() {
    String dflt = defaultValue == null ? "none" : String.valueOf(display(defaultValue));
    return String.format("%s (%s, default %s): %s; %s", name, typeName, dflt, help, expectation);
  }
}
