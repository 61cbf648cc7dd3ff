package org.tusk.storage;

import java.util.concurrent.locks.LockSupport;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/**
 * How other processes ask the checkpointer for a checkpoint and learn that it
 * happened (PostgreSQL's CheckpointerShmem counters). Requests are numbered;
 * a checkpoint covers every request made before it started, and publishes the
 * highest one it covered when it ends (in DONE, or FAILED if it failed).
 */
public final class CheckpointRequests {

    static final String AREA = "storage.checkpoint";
    private static final int REQUESTED = 0;      // long: requests made
    private static final int DONE = 8;           // long: highest request covered by a finished checkpoint
    private static final int FAILED = 16;        // long: highest request covered by a failed checkpoint
    private static final int CHECKPOINTER = 24;  // int: slot index + 1 of the checkpointer, 0 = none
    private static final int TIMED = 32;         // long: checkpoints started because checkpoint_timeout passed
    private static final int REQUESTED_COUNT = 40;   // long: checkpoints started because asked or for WAL volume

    private final ShmemSegment segment;
    private final ShmemArea area;

    public CheckpointRequests(ShmemSegment segment) {
        this.segment = segment;
        this.area = segment.area(AREA);
    }

    static ShmemRequest shmemRequest() {
        return new ShmemRequest(AREA, 64, 0);
    }

    /** The checkpointer announces itself, so requests can wake it. */
    void registerCheckpointer(ProcSlot slot) {
        area.putIntVolatile(CHECKPOINTER, slot.index() + 1);
    }

    /** The checkpointer, as a checkpoint starts: the requests it will cover. */
    long requested() {
        return area.getLongVolatile(REQUESTED);
    }

    /**
     * The checkpointer, as a checkpoint starts: pg_stat_bgwriter's
     * checkpoints_req if somebody asked or the WAL volume called for it, else
     * checkpoints_timed.
     */
    void countStarted(boolean requested) {
        area.getAndAddLong(requested ? REQUESTED_COUNT : TIMED, 1);
    }

    /** pg_stat_bgwriter.checkpoints_timed. */
    public long checkpointsTimed() {
        return area.getLongVolatile(TIMED);
    }

    /** pg_stat_bgwriter.checkpoints_req. */
    public long checkpointsRequested() {
        return area.getLongVolatile(REQUESTED_COUNT);
    }

    /** The checkpointer, as a checkpoint ends. */
    void finished(long covered, boolean ok) {
        area.putLongVolatile(ok ? DONE : FAILED, covered);
    }

    /**
     * The checkpointer's slot index + 1. Right after the postmaster starts (or restarts after a crash) a
     * backend can be serving a client before the checkpointer process has announced itself; like
     * PostgreSQL's RequestCheckpoint, wait for it (up to a minute) rather than fail.
     */
    private int awaitCheckpointer(Runnable checkForInterrupts) {
        long deadline = System.nanoTime() + CHECKPOINTER_START_WAIT_NANOS;
        int checkpointer;
        while ((checkpointer = area.getIntVolatile(CHECKPOINTER)) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "could not signal for checkpoint: checkpointer is not running");
            }
            checkForInterrupts.run();
            LockSupport.parkNanos(100_000_000);
        }
        return checkpointer;
    }

    private static final long CHECKPOINTER_START_WAIT_NANOS = 60_000_000_000L;

    /**
     * RequestCheckpoint(CHECKPOINT_WAIT): asks for a checkpoint and waits, for as long as it takes, until
     * one that started later is done; {@code checkForInterrupts} runs while waiting, so a cancel or a
     * terminate ends the wait (the checkpoint itself goes on).
     */
    public void requestAndWait(Runnable checkForInterrupts) {
        int checkpointer = awaitCheckpointer(checkForInterrupts);
        long mine = area.getAndAddLong(REQUESTED, 1) + 1;
        segment.slot(checkpointer - 1).setLatch();
        while (area.getLongVolatile(DONE) < mine) {
            if (area.getLongVolatile(FAILED) >= mine) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "checkpoint request failed")
                        .withHint("Consult recent messages in the server log for details.");
            }
            checkForInterrupts.run();
            LockSupport.parkNanos(2_000_000);
        }
    }
}
