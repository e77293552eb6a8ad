package io.lakeforge.datalake.layers;

/**
 * The one line every stage ends with: rows in, rows out, rows quarantined, the Delta version it
 * wrote (or none when its input had not changed) and seconds.
 */
public record StageSummary(
    String stage,
    String table,
    long rowsIn,
    long rowsOut,
    long quarantined,
    long duplicates,
    Long versionWritten,
    double seconds,
    String note) {

  public boolean changed() {
    return versionWritten != null;
  }

  public String line() {
    return String.format(
        "%s %s: rows in %d, rows out %d, quarantined %d, duplicates %d, "
            + "delta version %s, %.1f s%s",
        stage,
        table,
        rowsIn,
        rowsOut,
        quarantined,
        duplicates,
        versionWritten == null ? "none" : versionWritten.toString(),
        seconds,
        note == null || note.isEmpty() ? "" : " (" + note + ")");
  }
}
