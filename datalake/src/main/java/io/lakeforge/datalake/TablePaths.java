package io.lakeforge.datalake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Table arguments as users type them: {@code features/mnist}, {@code ./features/mnist/} and {@code
 * features//mnist} name the same table, a full URI or absolute path is taken as it is, and {@code
 * ..} never climbs out of the lake. {@link #canonical} gives the one spelling that two references
 * to the same table share (scheme and authority included), so guards compare tables, not strings.
 */
public final class TablePaths {
  private TablePaths() {}

  /** A lake-relative table name or a full URI / absolute path, normalised. */
  public static String resolve(LakeLayout lake, String table) {
    if (table == null || table.isBlank()) {
      throw new InvalidInputException(
          "table '' is invalid: expected a lake-relative table such "
              + "as features/mnist, or a full URI");
    }
    String t = table.trim();
    if (t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || t.startsWith("/")) {
      return normalise(t, table);
    }
    List<String> parts = segments(t, table);
    if (parts.isEmpty()) {
      throw new InvalidInputException(
          "table '"
              + table
              + "' is invalid: expected a "
              + "lake-relative table such as features/mnist");
    }
    return lake.table(String.join("/", parts));
  }

  /** The fully qualified form of {@code path} on its filesystem (e.g. {@code file:/x/y}). */
  public static String canonical(Configuration conf, String path) {
    Path p = new Path(normalise(path, path));
    if (p.toUri().getScheme() != null) {
      return p.toString();
    }
    // No scheme: the default filesystem's (local disk unless fs.defaultFS says otherwise).
    try {
      return FileSystem.get(conf).makeQualified(p).toString();
    } catch (IOException e) {
      return p.toString();
    }
  }

  /** True if both name the same table. */
  public static boolean same(Configuration conf, String a, String b) {
    return a != null && b != null && canonical(conf, a).equals(canonical(conf, b));
  }

  private static String normalise(String uri, String original) {
    int schemeEnd = uri.indexOf(':');
    String prefix = "";
    String rest = uri;
    if (!uri.startsWith("/") && schemeEnd > 0) {
      prefix = uri.substring(0, schemeEnd + 1);
      rest = uri.substring(schemeEnd + 1);
      if (rest.startsWith("//")) {
        int slash = rest.indexOf('/', 2);
        prefix += slash < 0 ? rest : rest.substring(0, slash);
        rest = slash < 0 ? "" : rest.substring(slash);
      }
    }
    List<String> parts = segments(rest, original);
    return prefix + "/" + String.join("/", parts);
  }

  private static List<String> segments(String path, String original) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        throw new InvalidInputException(
            "table '"
                + original
                + "' is invalid: '..' is not "
                + "allowed; expected a lake-relative table such as features/mnist, or a full URI");
      }
      out.add(s);
    }
    return out;
  }
}
