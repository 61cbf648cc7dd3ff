package org.tusk.engine.commands.vacuum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** vac_estimate_reltuples' cases. */
class RelTuplesEstimateTest {

    @Test
    void aVacuumThatReadEveryPageCounts() {
        assertEquals(900, RelTuplesEstimate.reltuples(13, 1000, 13, 13, 900));
        assertEquals(0, RelTuplesEstimate.reltuples(5, 200, 0, 0, 0), "an empty table");
    }

    @Test
    void readingUnderTwoPercentOfAnUnchangedLengthKeepsTheOldCount() {
        assertEquals(10_000, RelTuplesEstimate.reltuples(124, 10_000, 124, 2, 114));
        assertEquals(9_558, RelTuplesEstimate.reltuples(124, 10_000, 124, 6, 42),
                "three percent read: the old density stands for the 118 unread pages");
    }

    @Test
    void aChangedLengthOrAnUncountedTableExtrapolates() {
        assertEquals(10_000, RelTuplesEstimate.reltuples(100, 8_000, 125, 1, 80), "80 a page, 124 unread at 80");
        assertEquals(1_250, RelTuplesEstimate.reltuples(0, -1, 125, 4, 40), "never counted: the read pages' density");
        assertEquals(-1, RelTuplesEstimate.reltuples(0, -1, 125, 0, 0), "nothing read, nothing known");
    }
}
