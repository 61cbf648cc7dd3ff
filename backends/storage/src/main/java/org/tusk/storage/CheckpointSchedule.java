package org.tusk.storage;

/**
 * When checkpoints happen and how fast a spread one writes (checkpointer.c's
 * IsCheckpointOnSchedule and xlog.c's CheckPointSegments): a checkpoint
 * should be done with its writes when {@code checkpoint_completion_target}
 * of the way to the next one has passed, measured both in time
 * (checkpoint_timeout) and in WAL (CheckPointSegments segments, which
 * max_wal_size allows for the WAL of this checkpoint cycle and the next's
 * completion target).
 */
final class CheckpointSchedule {

    private final double completionTarget;
    private final long timeoutNanos;
    private final int segmentSize;
    private final int checkpointSegments;
    private final long startNanos;
    private final long startWal;

    /**
     * @param startNanos when the checkpoint started ({@link System#nanoTime()})
     * @param startWal   the WAL insert position when it started
     */
    CheckpointSchedule(StorageSettings settings, long startNanos, long startWal) {
        this(settings.checkpointCompletionTarget(), settings.checkpointTimeoutMillis(), settings.maxWalSizeBytes(),
                settings.walSegmentSize(), startNanos, startWal);
    }

    CheckpointSchedule(double completionTarget, long timeoutMillis, long maxWalSizeBytes, int segmentSize,
            long startNanos, long startWal) {
        this.completionTarget = completionTarget;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.segmentSize = segmentSize;
        this.checkpointSegments = checkpointSegments(maxWalSizeBytes, segmentSize, completionTarget);
        this.startNanos = startNanos;
        this.startWal = startWal;
    }

    /**
     * CalculateCheckpointSegments (PostgreSQL 15): max_wal_size in segments
     * divided by 1 + checkpoint_completion_target, at least 1. The default
     * 1 GB of 16 MB segments and 0.9 give 33.
     */
    static int checkpointSegments(long maxWalSizeBytes, int segmentSize, double completionTarget) {
        return Math.max(1, (int) ((double) (maxWalSizeBytes / segmentSize) / (1.0 + completionTarget)));
    }

    /**
     * XLogCheckpointNeeded: WAL has moved CheckPointSegments segments past
     * the segment of the last redo point (PostgreSQL asks when it finishes a
     * segment; this is the same point, seen from the insert position).
     */
    static boolean walCheckpointNeeded(long redo, long insertPosition, int segmentSize, int checkpointSegments) {
        return insertPosition / segmentSize - redo / segmentSize >= checkpointSegments;
    }

    /** {@link #walCheckpointNeeded(long, long, int, int)} with this schedule's settings. */
    boolean walCheckpointNeeded(long redo, long insertPosition) {
        return walCheckpointNeeded(redo, insertPosition, segmentSize, checkpointSegments);
    }

    /**
     * IsCheckpointOnSchedule: whether a checkpoint that has done
     * {@code progress} (0..1) of its writes is ahead of both clocks, so it
     * may sleep. The writes should end at completion target of the interval,
     * so progress counts as progress × target against the fraction of
     * checkpoint_timeout elapsed and the fraction of CheckPointSegments of
     * WAL written since the checkpoint started.
     */
    boolean onSchedule(double progress, long nowNanos, long walInsertPosition) {
        double scheduled = progress * completionTarget;
        double walElapsed = (double) (walInsertPosition - startWal) / segmentSize / checkpointSegments;
        if (scheduled < walElapsed) {
            return false;
        }
        double timeElapsed = (double) (nowNanos - startNanos) / timeoutNanos;
        return scheduled >= timeElapsed;
    }
}
