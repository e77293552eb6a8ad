package io.lakeforge.datalake.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The curate invariant is checked from independent counts, so lost rows cannot hide. */
class CurateCountsTest {
  @Test
  void countsThatAddUpPass() {
    // 10 in: 2 quarantined, 8 valid of which 6 distinct, 1 of those already curated.
    CurateCounts c = new CurateCounts(10, 2, 8, 6, 1, 100, 105).verify("d");
    assertThat(c.inserted()).isEqualTo(5);
    assertThat(c.duplicates()).isEqualTo(3);
    assertThat(c.rowsIn()).isEqualTo(c.inserted() + c.quarantined() + c.duplicates());
  }

  @Test
  void aCommitThatDropsRowsFailsInsteadOfShowingAsDuplicates() {
    // Same batch, but the table grew by 3 instead of 5: two rows were lost in the commit. The
    // old accounting (duplicates = valid - inserted) would have reported 5 "duplicates".
    assertThatThrownBy(() -> new CurateCounts(10, 2, 8, 6, 1, 100, 103).verify("d"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("curate d lost rows")
        .hasMessageContaining("5 should have been inserted")
        .hasMessageContaining("went from 100 to 103 rows (2 unaccounted for)");
  }

  @Test
  void aValidationThatDropsRowsFails() {
    // 10 in, but only 2 quarantined + 7 valid came out of validation.
    assertThatThrownBy(() -> new CurateCounts(10, 2, 7, 7, 0, 0, 7).verify("d"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("10 in = 7 valid");
  }
}
