package org.tusk.api.storage;

/**
 * What one VACUUM of a table did (the counts VACUUM VERBOSE reports).
 * {@code tuplesRemaining} counts every version left behind;
 * {@code tuplesRecentlyDead} is the part of it that is already deleted (or
 * being deleted) but still visible to some snapshot, VERBOSE's "dead but not
 * yet removable" (since 1.3).
 */
public record VacuumResult(long pagesScanned, long tuplesRemoved, long tuplesRemaining, long tuplesFrozen,
        long pagesAllVisible, long tuplesRecentlyDead) {

    /** A result without a recently-dead count (1.2's shape): every remaining version counts as live. */
    public VacuumResult(long pagesScanned, long tuplesRemoved, long tuplesRemaining, long tuplesFrozen,
            long pagesAllVisible) {
        this(pagesScanned, tuplesRemoved, tuplesRemaining, tuplesFrozen, pagesAllVisible, 0);
    }

    /** The remaining versions nobody has deleted: what pg_stat's n_live_tup becomes after VACUUM. */
    public long tuplesLive() {
        return tuplesRemaining - tuplesRecentlyDead;
    }
}
