package org.tusk.engine.commands.vacuum;

/**
 * vac_estimate_reltuples: a table's live rows after a VACUUM that may not have
 * read every page. The pages the visibility map let it skip are all-frozen, so
 * their rows did not change since they were last counted; the old pg_class
 * density stands for them. A vacuum that read almost nothing of a table whose
 * length did not change keeps the old count, so repeated VACUUMs of an idle
 * table do not drift.
 */
final class RelTuplesEstimate {

    private RelTuplesEstimate() {
    }

    /**
     * {@code oldPages}/{@code oldTuples}: pg_class's relpages and reltuples before the vacuum (reltuples
     * -1: never counted); {@code totalPages}: the table's length now; {@code scannedPages} of them were
     * read and held {@code scannedTuples} live rows.
     */
    static double reltuples(long oldPages, double oldTuples, long totalPages, long scannedPages, double scannedTuples) {
        if (scannedPages >= totalPages) {
            return scannedTuples;
        }
        if (oldPages == totalPages && scannedPages < totalPages * 0.02) {
            return oldTuples;
        }
        if (scannedPages == 0) {
            return oldTuples < 0 ? -1 : oldTuples;
        }
        if (oldTuples < 0 || oldPages == 0) {
            return Math.floor(scannedTuples / scannedPages * totalPages + 0.5);
        }
        double oldDensity = oldTuples / oldPages;
        return Math.floor(oldDensity * (totalPages - scannedPages) + scannedTuples + 0.5);
    }
}
