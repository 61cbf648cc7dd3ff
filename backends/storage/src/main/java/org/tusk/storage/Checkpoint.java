package org.tusk.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.Lsn;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.CheckpointWriteDelay;
import org.tusk.buffer.SyncRequestStats;
import org.tusk.wal.CheckpointRecord;
import org.tusk.wal.ControlFile;
import org.tusk.wal.DbState;
import org.tusk.wal.RemovedSegments;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;
import org.tusk.xact.TransamVariables;

/**
 * CreateCheckPoint: fixes a redo point, makes everything changed before it
 * durable (dirty buffers, the commit log), then logs the checkpoint record and
 * points pg_control at it. Recovery starts at the redo point of the last
 * checkpoint pg_control names, so WAL before it can go.
 *
 * <p>Order matters: the redo point comes first (pages changed after it log a
 * full-page image again), then committers that inserted their commit record
 * before it are waited for until their commit-log bits are set (otherwise the
 * flushed commit log would miss a commit whose record lies before the redo
 * point), then buffers and commit log are written.
 *
 * <p>The buffer writes go through a {@link CheckpointWriteDelay}: a timed or
 * WAL-triggered checkpoint spreads them over checkpoint_completion_target of
 * the interval ({@link SpreadCheckpointWrites}); CHECKPOINT, shutdown and the
 * end of recovery write at once ({@link CheckpointFlag#IMMEDIATE}).
 */
final class Checkpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private Checkpoint() {
    }

    /** An immediate checkpoint, logged. Returns the checkpoint record's LSN. {@code shutdown}: the last one before a clean stop. */
    static long create(Path dataDir, WalWriter wal, BufferManager buffers, TransactionSystem xacts, boolean shutdown) {
        return create(dataDir, wal, buffers, xacts, null,
                shutdown ? EnumSet.of(CheckpointFlag.IS_SHUTDOWN, CheckpointFlag.IMMEDIATE)
                        : EnumSet.of(CheckpointFlag.IMMEDIATE, CheckpointFlag.FORCE),
                CheckpointWriteDelay.IMMEDIATE, true);
    }

    /**
     * Returns the checkpoint record's LSN.
     *
     * @param oids           the shared OID counter whose logged limit the checkpoint records (null: keep pg_control's)
     * @param flags          why and how; {@link CheckpointFlag#IS_SHUTDOWN} makes it the shutdown checkpoint
     * @param delay          called after each buffer written ({@link CheckpointWriteDelay#IMMEDIATE} for none)
     * @param logCheckpoints log_checkpoints: the start and completion lines are logged at INFO, else at DEBUG
     */
    static long create(Path dataDir, WalWriter wal, BufferManager buffers, TransactionSystem xacts, OidCounter oids,
            Set<CheckpointFlag> flags, CheckpointWriteDelay delay, boolean logCheckpoints) {
        boolean shutdown = flags.contains(CheckpointFlag.IS_SHUTDOWN);
        long started = System.nanoTime();
        log(logCheckpoints, "checkpoint starting:{}", CheckpointFlag.describe(flags));
        long redo = wal.beginCheckpoint();
        xacts.procArray().waitForDelayedCheckpointStart();
        long writeStarted = System.nanoTime();
        int written = buffers.bufferSync(delay);
        long syncStarted = System.nanoTime();
        SyncRequestStats sync = buffers.processSyncRequests();
        long syncEnded = System.nanoTime();
        try {
            xacts.checkpoint();
        } catch (IOException e) {
            throw new UncheckedIOException("could not flush the commit log", e);
        }
        ControlFile control = ControlFile.read(dataDir);
        long priorRedo = control.redoLsn();
        TransamVariables variables = xacts.variables();
        int nextOid = oids == null ? control.nextOid() : oids.checkpointNextOid(control.nextOid());
        CheckpointRecord record = new CheckpointRecord(redo, variables.nextFullXid(), nextOid,
                Integer.toUnsignedLong(variables.oldestXid()), System.currentTimeMillis(), shutdown);
        long location = wal.logCheckpoint(record);
        control.withCheckpoint(location, record).withState(shutdown ? DbState.SHUTDOWNED : DbState.IN_PRODUCTION)
                .write(dataDir);
        RemovedSegments segments = wal.removeOldSegments(redo);
        log(logCheckpoints, "{}; redo {}, location {}", completeMessage(written, buffers.nBuffers(), segments,
                syncStarted - writeStarted, syncEnded - syncStarted, System.nanoTime() - started, sync,
                redo > priorRedo ? redo - priorRedo : 0), Lsn.format(redo), Lsn.format(location));
        return location;
    }

    /**
     * LogCheckpointEnd's message: "checkpoint complete: wrote 123 buffers
     * (0.8%); 0 WAL file(s) added, 0 removed, 2 recycled; write=26.9 s, ..."
     * (Tusk's checkpointer never preallocates segments, so none are added).
     */
    static String completeMessage(int written, int nBuffers, RemovedSegments segments, long writeNanos,
            long syncNanos, long totalNanos, SyncRequestStats sync, long distanceBytes) {
        long average = sync.files() == 0 ? 0 : sync.totalNanos() / sync.files();
        return String.format(Locale.ROOT, "checkpoint complete: wrote %d buffers (%.1f%%); "
                + "%d WAL file(s) added, %d removed, %d recycled; "
                + "write=%s s, sync=%s s, total=%s s; "
                + "sync files=%d, longest=%s s, average=%s s; "
                + "distance=%d kB, estimate=%d kB",
                written, written * 100.0 / nBuffers,
                0, segments.removed(), segments.recycled(),
                seconds(writeNanos), seconds(syncNanos), seconds(totalNanos),
                sync.files(), seconds(sync.longestNanos()), seconds(average),
                distanceBytes / 1024, segments.distanceEstimate() / 1024);
    }

    /** PostgreSQL's "%ld.%03d" seconds. */
    private static String seconds(long nanos) {
        long millis = nanos / 1_000_000;
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    private static void log(boolean logCheckpoints, String format, Object... args) {
        if (logCheckpoints) {
            LOG.info(format, args);
        } else {
            LOG.debug(format, args);
        }
    }
}
