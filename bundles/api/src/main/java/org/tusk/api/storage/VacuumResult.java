package org.tusk.api.storage;

/**
 * What one VACUUM of a table did (the counts VACUUM VERBOSE reports).
 * {@code tuplesRemaining} counts every version left behind;
 * {@code tuplesRecentlyDead} is the part of it that is already deleted (or
 * being deleted) but still visible to some snapshot, VERBOSE's "dead but not
 * yet removable" (since 1.3).
 * {@code pagesSkipped} (since 1.9) are the pages the visibility map let the
 * vacuum leave unread (all-frozen), and {@code tuplesSkippedEstimate} the part
 * of {@code tuplesRemaining} estimated for them rather than counted: VACUUM
 * extrapolates reltuples from the pages it did read, as vac_estimate_reltuples
 * does, instead of trusting a guess for pages it never saw.
 */
public record VacuumResult(long pagesScanned, long tuplesRemoved, long tuplesRemaining, long tuplesFrozen,
        long pagesAllVisible, long tuplesRecentlyDead, long pagesSkipped, long tuplesSkippedEstimate) {

    /** A result that read every page (1.3's shape). */
    public VacuumResult(long pagesScanned, long tuplesRemoved, long tuplesRemaining, long tuplesFrozen,
            long pagesAllVisible, long tuplesRecentlyDead) {
        this(pagesScanned, tuplesRemoved, tuplesRemaining, tuplesFrozen, pagesAllVisible, tuplesRecentlyDead, 0, 0);
    }

    /** A result without a recently-dead count (1.2's shape): every remaining version counts as live. */
    public VacuumResult(long pagesScanned, long tuplesRemoved, long tuplesRemaining, long tuplesFrozen,
            long pagesAllVisible) {
        this(pagesScanned, tuplesRemoved, tuplesRemaining, tuplesFrozen, pagesAllVisible, 0);
    }

    /** The remaining versions nobody has deleted: what pg_stat's n_live_tup becomes after VACUUM. */
    public long tuplesLive() {
        return tuplesRemaining - tuplesRecentlyDead;
    }

    /** The live versions counted on the pages actually read (not estimated for skipped ones). */
    public long tuplesLiveCounted() {
        return tuplesLive() - tuplesSkippedEstimate;
    }
}
