package org.tusk.storage;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.tusk.buffer.CheckpointWriteDelay;

/**
 * The checkpointer's CheckpointWriteDelay: after each buffer of a spread
 * checkpoint, naps (about 100 ms, doing the background writer's rounds
 * meanwhile) while the writes are ahead of {@link CheckpointSchedule}, so
 * the checkpoint's I/O is spread over checkpoint_completion_target of the
 * interval instead of hitting the disk at once. It writes at full speed from
 * the moment {@code hurry} says so: shutdown was requested, or somebody asked
 * for a checkpoint (CHECKPOINT asks for an immediate one, which has to wait
 * for this one to end first).
 *
 * <p>PostgreSQL also absorbs fsync requests here, so that backends never
 * find its request queue full; Tusk's queue lives in shared memory already
 * deduplicated per relation segment (FsyncRequestQueue), so there is nothing
 * to move, and an overflow only makes this checkpoint sync every file.
 */
final class SpreadCheckpointWrites implements CheckpointWriteDelay {

    /** WaitLatch's 100 ms in CheckpointWriteDelay. */
    static final long NAP_MILLIS = 100;

    /** What a nap does: sleep on the latch for at most the given milliseconds, keeping up other duties. */
    @FunctionalInterface
    interface Nap {
        void nap(long millis);
    }

    private final CheckpointSchedule schedule;
    private final BooleanSupplier hurry;
    private final LongSupplier clock;
    private final LongSupplier walInsertPosition;
    private final Nap nap;
    private int naps;

    /**
     * @param clock             {@link System#nanoTime()}, or a test's clock
     * @param walInsertPosition where WAL is inserted now
     */
    SpreadCheckpointWrites(CheckpointSchedule schedule, BooleanSupplier hurry, LongSupplier clock,
            LongSupplier walInsertPosition, Nap nap) {
        this.schedule = schedule;
        this.hurry = hurry;
        this.clock = clock;
        this.walInsertPosition = walInsertPosition;
        this.nap = nap;
    }

    @Override
    public void afterBuffer(double progress) {
        if (!hurry.getAsBoolean()
                && schedule.onSchedule(progress, clock.getAsLong(), walInsertPosition.getAsLong())) {
            naps++;
            nap.nap(NAP_MILLIS);
        }
    }

    /** Naps taken so far. */
    int naps() {
        return naps;
    }
}
