package io.lakeforge.datalake.layers;

/**
 * The row accounting of one curate run, each figure counted on its own: raw rows in, rows that
 * broke a rule, rows that passed, distinct passing rows, distinct rows already in the curated
 * table, and the curated table's row count before and after the commit. Because no figure is
 * derived from another, rows lost anywhere between validation and the commit break the invariant
 * {@code rows in = inserted + quarantined + duplicates} instead of passing as duplicates.
 */
record CurateCounts(
    long rowsIn,
    long quarantined,
    long valid,
    long distinct,
    long alreadyCurated,
    long curatedBefore,
    long curatedAfter) {

  /** Rows the commit added to the curated table, as the table itself counts them. */
  long inserted() {
    return curatedAfter - curatedBefore;
  }

  /** Duplicates within the batch plus rows whose content is already curated. */
  long duplicates() {
    return (valid - distinct) + alreadyCurated;
  }

  /** Throws when a row is unaccounted for; returns this otherwise. */
  CurateCounts verify(String dataset) {
    long expectedInserted = distinct - alreadyCurated;
    if (valid + quarantined != rowsIn
        || inserted() != expectedInserted
        || rowsIn != inserted() + quarantined + duplicates()) {
      throw new IllegalStateException(
          String.format(
              "curate %s lost rows: %d in = %d valid + %d "
                  + "quarantined; %d distinct valid rows, %d already curated, so %d should have been "
                  + "inserted, but the curated table went from %d to %d rows (%d unaccounted for)",
              dataset,
              rowsIn,
              valid,
              quarantined,
              distinct,
              alreadyCurated,
              expectedInserted,
              curatedBefore,
              curatedAfter,
              rowsIn - quarantined - duplicates() - inserted()));
    }
    return this;
  }
}
