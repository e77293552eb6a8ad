package io.lakeforge.datalake.profile;

import java.util.Map;

/**
 * A table profile as one small self-contained HTML page: a row per column, with a bar per top value
 * (its share of the column's values) drawn in CSS, no script.
 */
public final class ProfilePage {
  private ProfilePage() {}

  public static String html(TableProfile p, String generatedAt) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Profile of ")
        .append(esc(p.table()))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;")
        .append("padding:4px 10px;text-align:left;vertical-align:top}")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".bar{background:#4c78a8;height:8px;display:inline-block;margin-right:6px}")
        .append(".miss{color:#b00}</style></head><body>\n");
    b.append("<h1>Profile of <code>").append(esc(p.table())).append("</code></h1>\n");
    b.append("<p>Delta version ")
        .append(p.version())
        .append(", ")
        .append(p.rows())
        .append(" rows; generated ")
        .append(esc(generatedAt))
        .append(". Lineage columns (")
        .append("<code>_*</code>) are left out.</p>\n");
    b.append("<table><tr><th>column</th><th>type</th><th>count</th><th>nulls</th>")
        .append("<th>distinct</th><th>min</th><th>max</th><th>mean</th><th>top values</th>")
        .append("</tr>\n");
    for (TableProfile.ColumnProfile c : p.columns()) {
      b.append("<tr><td><code>")
          .append(esc(c.name()))
          .append("</code></td><td>")
          .append(esc(c.type()))
          .append("</td><td class=\"n\">")
          .append(c.count())
          .append("</td><td class=\"n")
          .append(c.nulls() > 0 ? " miss" : "")
          .append("\">")
          .append(c.nulls())
          .append("</td><td class=\"n\">")
          .append(c.distinct() == null ? "-" : c.distinct())
          .append("</td><td class=\"n\">")
          .append(TableProfile.number(c.min()))
          .append("</td><td class=\"n\">")
          .append(TableProfile.number(c.max()))
          .append("</td><td class=\"n\">")
          .append(TableProfile.number(c.mean()))
          .append("</td><td>");
      for (Map.Entry<String, Long> e : c.top()) {
        int width = c.count() == 0 ? 0 : (int) Math.round(120.0 * e.getValue() / c.count());
        b.append("<div><span class=\"bar\" style=\"width:")
            .append(width)
            .append("px\"></span>")
            .append(esc(e.getKey()))
            .append(" (")
            .append(e.getValue())
            .append(")</div>");
      }
      if (c.numericText() != null && c.count() > 0 && c.numericText() == c.count()) {
        b.append("<div>every value is a number (declare it int or double)</div>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</table>\n</body></html>\n");
    return b.toString();
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
