package io.lakeforge.serving;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an invocation body into records. A record is a list of values: numbers for feature
 * vectors, and in raw mode also named fields ({@code {"pixels": [...]}}) or strings. Formats, as
 * SageMaker's built-ins read them: {@code text/csv} (one record per line), {@code application/json}
 * ({@code {"instances": [{"features": [...]}, [...], {"data": {"features": {"values": [...]}}}]}})
 * and {@code application/jsonlines} (one such instance per line). Every error is a 400 that names
 * the line or record and position.
 */
public final class Records {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One parsed record: its values in order, or (raw JSON) the object to pick fields from. */
  public record Record(List<Object> values, JsonNode object) {}

  private Records() {}

  public static List<Record> parse(byte[] body, String contentType) {
    return switch (contentType) {
      case MediaTypes.CSV -> csv(body);
      case MediaTypes.JSON -> json(body);
      case MediaTypes.JSON_LINES -> jsonLines(body);
      default -> throw new ServingException(415, "Content-Type " + contentType);
    };
  }

  /** Flattens feature records of width {@code dim} row-major; 400 names a record of another. */
  public static double[] features(List<Record> records, int dim) {
    double[] x = new double[records.size() * dim];
    for (int r = 0; r < records.size(); r++) {
      List<Object> v = records.get(r).values();
      if (v == null) {
        throw new ServingException(400, "record " + r + " has no \"features\" array");
      }
      if (v.size() != dim) {
        throw new ServingException(
            400,
            String.format(
                "record %d has dimension %d; the model " + "expects %d", r, v.size(), dim));
      }
      for (int j = 0; j < dim; j++) {
        Object o = v.get(j);
        if (!(o instanceof Double d)) {
          throw new ServingException(
              400, String.format("record %d, value %d is '%s'; expected " + "a number", r, j, o));
        }
        x[r * dim + j] = d;
      }
    }
    return x;
  }

  /**
   * CSV feature records straight into a row-major array, without boxing: the hot path of an
   * endpoint fed batches of numbers. Errors read as those of {@link #parse} and {@link #features}.
   */
  public static double[] csvFeatures(byte[] body, int dim) {
    double[] x = new double[Math.max(dim, 16 * dim)];
    int rows = 0;
    int line = 0;
    int n = body.length;
    int pos = 0;
    while (pos < n) {
      int end = pos;
      while (end < n && body[end] != '\n') {
        end++;
      }
      line++;
      int stop = end > pos && body[end - 1] == '\r' ? end - 1 : end;
      if (!blank(body, pos, stop)) {
        if ((rows + 1) * dim > x.length) {
          x = java.util.Arrays.copyOf(x, x.length * 2);
        }
        int got = csvInto(body, pos, stop, x, rows * dim, dim, line);
        if (got != dim) {
          throw new ServingException(
              400,
              String.format(
                  "record %d (line %d) has dimension %d; " + "the model expects %d",
                  rows, line, got, dim));
        }
        rows++;
      }
      pos = end + 1;
    }
    if (rows == 0) {
      throw new ServingException(400, "the body has no records; send one CSV record per line");
    }
    return rows * dim == x.length ? x : java.util.Arrays.copyOf(x, rows * dim);
  }

  /** Parses one line into {@code out[off..]}; returns its number of values (counted past dim). */
  private static int csvInto(byte[] b, int from, int to, double[] out, int off, int dim, int line) {
    int count = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || b[i] == ',') {
        if (count < dim) {
          out[off + count] = cell(b, start, i, line, count + 1);
        }
        count++;
        start = i + 1;
      }
    }
    return count;
  }

  private static double cell(byte[] b, int from, int to, int line, int col) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) {
      from++;
    }
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
      to--;
    }
    if (from == to) {
      throw new ServingException(
          400, String.format("malformed CSV at line %d, column %d: " + "empty value", line, col));
    }
    // Small non-negative integers (pixels, counts) are most cells: no String for those.
    if (to - from <= 9) {
      long v = 0;
      int i = from;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        v = v * 10 + (b[i] - '0');
        i++;
      }
      if (i == to) {
        return v;
      }
    }
    String s = new String(b, from, to - from, StandardCharsets.US_ASCII);
    Object v = number(s, line, col);
    if (!(v instanceof Double d)) {
      throw new ServingException(
          400,
          String.format(
              "malformed CSV at line %d, column %d: " + "'%s' is not a number", line, col, s));
    }
    return d;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static List<Record> csv(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    List<Record> out = new ArrayList<>();
    int line = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      line++;
      String l = text.substring(start, end);
      if (l.endsWith("\r")) {
        l = l.substring(0, l.length() - 1);
      }
      if (!l.isBlank()) {
        out.add(new Record(csvLine(l, line), null));
      }
      start = end + 1;
    }
    if (out.isEmpty()) {
      throw new ServingException(400, "the body has no records; send one CSV record per line");
    }
    return out;
  }

  private static List<Object> csvLine(String l, int line) {
    List<Object> values = new ArrayList<>();
    int col = 0;
    int from = 0;
    while (true) {
      int comma = l.indexOf(',', from);
      String cell = (comma < 0 ? l.substring(from) : l.substring(from, comma)).strip();
      col++;
      if (cell.isEmpty()) {
        throw new ServingException(
            400, String.format("malformed CSV at line %d, column %d: " + "empty value", line, col));
      }
      values.add(number(cell, line, col));
      if (comma < 0) {
        return values;
      }
      from = comma + 1;
    }
  }

  /** A number when the cell is one; otherwise the text, which only raw mode may accept. */
  private static Object number(String cell, int line, int col) {
    char c = cell.charAt(0);
    boolean numeric = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    if (numeric) {
      try {
        double d = Double.parseDouble(cell);
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below, with the position
      }
    }
    if (numeric
        || cell.equalsIgnoreCase("nan")
        || cell.equalsIgnoreCase("inf")
        || cell.equalsIgnoreCase("infinity")) {
      throw new ServingException(
          400,
          String.format(
              "malformed CSV at line %d, column %d: " + "'%s' is not a finite number",
              line, col, cell));
    }
    return cell;
  }

  private static List<Record> json(byte[] body) {
    JsonNode root = tree(body, 0);
    JsonNode instances = root.get("instances");
    if (instances == null || !instances.isArray()) {
      throw new ServingException(
          400,
          "malformed JSON request: expected {\"instances\": [...]}"
              + " with one {\"features\": [...]} or [...] per record");
    }
    List<Record> out = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      out.add(instance(instances.get(i), "instance " + i));
    }
    if (out.isEmpty()) {
      throw new ServingException(400, "\"instances\" is empty; send at least one record");
    }
    return out;
  }

  private static List<Record> jsonLines(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    List<Record> out = new ArrayList<>();
    int line = 0;
    for (String l : text.split("\n", -1)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      out.add(instance(tree(l.getBytes(StandardCharsets.UTF_8), line), "line " + line));
    }
    if (out.isEmpty()) {
      throw new ServingException(400, "the body has no records; send one JSON record per line");
    }
    return out;
  }

  private static Record instance(JsonNode n, String where) {
    JsonNode values = n;
    if (n.isObject()) {
      values = n.get("features");
      JsonNode data = n.get("data");
      if (values == null && data != null && data.has("features")) {
        values = data.get("features").get("values");
      }
      if (values == null) {
        return new Record(null, n);
      }
    }
    if (values == null || !values.isArray()) {
      throw new ServingException(
          400,
          "malformed JSON at "
              + where
              + ": expected an array of "
              + "numbers or {\"features\": [...]}");
    }
    List<Object> v = new ArrayList<>(values.size());
    for (int j = 0; j < values.size(); j++) {
      JsonNode e = values.get(j);
      if (e.isNumber()) {
        v.add(e.doubleValue());
      } else if (e.isTextual()) {
        v.add(e.textValue());
      } else {
        throw new ServingException(
            400,
            String.format("malformed JSON at %s, value %d: %s is " + "not a number", where, j, e));
      }
    }
    return new Record(v, n.isObject() ? n : null);
  }

  private static JsonNode tree(byte[] body, int line) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new ServingException(400, "the body is empty; send {\"instances\": [...]}");
      }
      return n;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String at =
          loc == null
              ? ""
              : line > 0
                  ? String.format(" at line %d, column %d", line, loc.getColumnNr())
                  : String.format(" at line %d, column %d", loc.getLineNr(), loc.getColumnNr());
      throw new ServingException(400, "malformed JSON" + at + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ServingException(400, "unreadable body: " + e.getMessage());
    }
  }
}
