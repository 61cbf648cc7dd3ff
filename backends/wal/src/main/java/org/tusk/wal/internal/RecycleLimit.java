package org.tusk.wal.internal;

/**
 * How far ahead a checkpoint keeps old segments as recycled future segments
 * (xlog.c's XLOGfileslop): enough for the WAL the next checkpoint cycle is
 * expected to write, so that a busy cluster writes into renamed old files
 * instead of zero-filling and syncing a new 16 MB file every 16 MB of WAL.
 *
 * <p>As PostgreSQL: the expected distance is (1 + checkpoint_completion_target)
 * times the checkpoint distance estimate, plus 10%, and never less than
 * min_wal_size (80 MB, PostgreSQL's default; Tusk has no such setting) past
 * the redo segment. PostgreSQL also caps it at max_wal_size; the WAL bundle
 * does not know max_wal_size, and needs no cap: the checkpointer starts a
 * checkpoint after a third of max_wal_size, so the estimate is about that
 * and the limit about 0.7 of max_wal_size; and only files that exist (WAL
 * actually written in the last cycle) are ever recycled, none are created.
 */
final class RecycleLimit {

    /** PostgreSQL's checkpoint_completion_target default: a spread checkpoint overlaps the next cycle's WAL. */
    private static final double CHECKPOINT_COMPLETION_TARGET = 0.9;
    /** PostgreSQL's min_wal_size default. */
    static final long MIN_WAL_SIZE = 80L << 20;

    private RecycleLimit() {
    }

    /** The highest segment number a checkpoint at {@code redo} may rename an old segment to. */
    static long lastRecycledSegment(long redo, long checkpointDistanceEstimate, int segmentSize) {
        long minSegments = Math.max(2, MIN_WAL_SIZE / segmentSize);
        long minSegno = redo / segmentSize + minSegments - 1;
        double distance = (1.0 + CHECKPOINT_COMPLETION_TARGET) * checkpointDistanceEstimate * 1.10;
        long recycleSegno = (long) Math.ceil((redo + distance) / segmentSize);
        return Math.max(recycleSegno, minSegno);
    }
}
