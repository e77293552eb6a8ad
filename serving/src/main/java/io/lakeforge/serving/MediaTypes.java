package io.lakeforge.serving;

import java.util.List;
import java.util.Locale;

/** The content types the endpoint reads and writes, and how a request picks one. */
public final class MediaTypes {
  public static final String CSV = "text/csv";
  public static final String JSON = "application/json";
  public static final String JSON_LINES = "application/jsonlines";
  public static final List<String> SUPPORTED = List.of(JSON, JSON_LINES, CSV);

  private MediaTypes() {}

  /** The request body's type, without parameters; 415 when it is missing or not supported. */
  public static String contentType(String header) {
    String t = bare(header);
    if (t.equals("application/x-jsonlines") || t.equals("application/jsonl")) {
      return JSON_LINES;
    }
    if (!SUPPORTED.contains(t)) {
      throw new ServingException(
          415,
          (t.isEmpty()
                  ? "no Content-Type"
                  : "Content-Type '" + header.strip() + "' is not supported")
              + "; send one of "
              + String.join(", ", SUPPORTED));
    }
    return t;
  }

  /**
   * The response type: the first supported entry of {@code Accept} (q-values are not weighed;
   * SageMaker clients send one type), JSON for none or a wildcard; 406 when nothing fits.
   */
  public static String accept(String header) {
    if (header == null || header.isBlank()) {
      return JSON;
    }
    for (String part : header.split(",")) {
      String t = bare(part);
      if (t.equals("*/*") || t.equals("application/*") || t.isEmpty()) {
        return JSON;
      }
      if (t.equals("text/*")) {
        return CSV;
      }
      if (t.equals("application/x-jsonlines") || t.equals("application/jsonl")) {
        return JSON_LINES;
      }
      if (SUPPORTED.contains(t)) {
        return t;
      }
    }
    throw new ServingException(
        406,
        "Accept '"
            + header.strip()
            + "' cannot be answered; "
            + "accepted: "
            + String.join(", ", SUPPORTED));
  }

  private static String bare(String header) {
    if (header == null) {
      return "";
    }
    int semi = header.indexOf(';');
    return (semi >= 0 ? header.substring(0, semi) : header).strip().toLowerCase(Locale.ROOT);
  }
}
