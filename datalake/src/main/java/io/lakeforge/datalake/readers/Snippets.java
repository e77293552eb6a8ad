package io.lakeforge.datalake.readers;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** The start of a malformed record, quoted in its parse error so the user can find it. */
final class Snippets {
  static final int MAX = 60;

  private Snippets() {}

  /** The first {@value #MAX} characters of {@code text}, control characters shown as '?'. */
  static Column of(Column text) {
    Column clean = regexp_replace(substring(text, 1, MAX), "\\p{Cntrl}", "?");
    return when(length(text).gt(MAX), concat(clean, lit("..."))).otherwise(clean);
  }

  /** The same for a Java string (LIBSVM lines are parsed in Java). */
  static String of(String text) {
    String s = text.length() > MAX ? text.substring(0, MAX) + "..." : text;
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
