package org.tusk.buffer;

/**
 * pgBufferUsage (instrument.c): this process's running count of its shared buffer
 * accesses, which EXPLAIN (ANALYZE, BUFFERS) reads before and after each plan node.
 * A hit found the page in shared buffers, a read brought it in from disk, dirtied
 * means this process made a clean buffer dirty (MarkBufferDirty and the hint-bit
 * form) and written that it wrote one out (FlushBuffer). A backend is one process
 * running one query at a time, so plain per-process counters suffice, as in
 * PostgreSQL: incrementing them is all the buffer manager pays.
 */
public final class BufferUsage {
    private static long sharedHit;
    private static long sharedRead;
    private static long sharedDirtied;
    private static long sharedWritten;

    private BufferUsage() {}

    /** The counts at one moment; {@link #since} gives what happened between two. */
    public record Counts(long sharedHit, long sharedRead, long sharedDirtied, long sharedWritten) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        /** BufferUsageAccumDiff: these counts minus {@code start}'s. */
        public Counts since(Counts start) {
            return new Counts(sharedHit - start.sharedHit, sharedRead - start.sharedRead,
                    sharedDirtied - start.sharedDirtied, sharedWritten - start.sharedWritten);
        }

        public Counts plus(Counts other) {
            return new Counts(sharedHit + other.sharedHit, sharedRead + other.sharedRead,
                    sharedDirtied + other.sharedDirtied, sharedWritten + other.sharedWritten);
        }

        public boolean isZero() {
            return sharedHit == 0 && sharedRead == 0 && sharedDirtied == 0 && sharedWritten == 0;
        }
    }

    public static Counts now() {
        return new Counts(sharedHit, sharedRead, sharedDirtied, sharedWritten);
    }

    /** Shared buffer hits so far (pg_stat_database's blks_hit takes differences; no record allocated). */
    public static long sharedHits() {
        return sharedHit;
    }

    /** Shared buffer reads so far (pg_stat_database's blks_read). */
    public static long sharedReads() {
        return sharedRead;
    }

    public static void countHit() {
        sharedHit++;
    }

    public static void countRead() {
        sharedRead++;
    }

    public static void countDirtied() {
        sharedDirtied++;
    }

    public static void countWritten() {
        sharedWritten++;
    }
}
