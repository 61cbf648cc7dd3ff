package org.tusk.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.Lsn;
import org.tusk.buffer.BufferManager;
import org.tusk.wal.CheckpointRecord;
import org.tusk.wal.ControlFile;
import org.tusk.wal.DbState;
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
 */
final class Checkpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private Checkpoint() {
    }

    /** Returns the checkpoint record's LSN. {@code shutdown}: the last one before a clean stop. */
    static long create(Path dataDir, WalWriter wal, BufferManager buffers, TransactionSystem xacts, boolean shutdown) {
        return create(dataDir, wal, buffers, xacts, shutdown, null);
    }

    /** {@code oids}: the shared OID counter whose logged limit the checkpoint records (null: keep pg_control's). */
    static long create(Path dataDir, WalWriter wal, BufferManager buffers, TransactionSystem xacts, boolean shutdown,
            OidCounter oids) {
        long started = System.nanoTime();
        long redo = wal.beginCheckpoint();
        xacts.procArray().waitForDelayedCheckpointStart();
        int written = buffers.flushAll();
        try {
            xacts.checkpoint();
        } catch (IOException e) {
            throw new UncheckedIOException("could not flush the commit log", e);
        }
        ControlFile control = ControlFile.read(dataDir);
        TransamVariables variables = xacts.variables();
        int nextOid = oids == null ? control.nextOid() : oids.checkpointNextOid(control.nextOid());
        CheckpointRecord record = new CheckpointRecord(redo, variables.nextFullXid(), nextOid,
                Integer.toUnsignedLong(variables.oldestXid()), System.currentTimeMillis(), shutdown);
        long location = wal.logCheckpoint(record);
        control.withCheckpoint(location, record).withState(shutdown ? DbState.SHUTDOWNED : DbState.IN_PRODUCTION)
                .write(dataDir);
        wal.removeOldSegments(redo);
        LOG.info("{} complete: wrote {} buffers; redo {}, location {}; {} ms",
                shutdown ? "shutdown checkpoint" : "checkpoint", written, Lsn.format(redo), Lsn.format(location),
                (System.nanoTime() - started) / 1_000_000);
        return location;
    }
}
