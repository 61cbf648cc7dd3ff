package org.tusk.storage;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.AuxiliaryProcess;
import org.tusk.buffer.BufferManager;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * The checkpointer, which also does the background writer's job (PostgreSQL
 * runs them as two processes; one JVM fewer matters more here): every
 * bgwriter_delay it writes some dirty buffers the clock sweep will reach, and
 * it checkpoints when checkpoint_timeout has passed, when a third of
 * max_wal_size was written since the last redo point, or when asked. On the
 * postmaster's request it writes the shutdown checkpoint and exits.
 */
@Component(service = AuxiliaryProcess.class,
        property = AuxiliaryProcess.ROLE_PROPERTY + "=" + Checkpointer.ROLE)
public final class Checkpointer implements AuxiliaryProcess {

    static final String ROLE = "checkpointer";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /** Buffers written per background-writer round (bgwriter_lru_maxpages). */
    private static final int BGWRITER_MAX_PAGES = 100;
    /** After an ERROR the bgwriter pauses at least this long (PostgreSQL sleeps one second). */
    static final long ERROR_PAUSE_MILLIS = 1000;
    /** A checkpoint that failed is tried again this long after (it is logged every time). */
    static final long CHECKPOINT_RETRY_MILLIS = 10_000;

    @Reference
    private ShmemAttachment attachment;
    @Reference
    private WalWriter wal;
    @Reference
    private BufferManager buffers;
    @Reference
    private TransactionSystem xacts;
    @Reference
    private CheckpointRequests requests;

    private volatile boolean shutdownRequested;

    @Override
    public void run() throws IOException {
        StorageSettings settings = StorageSettings.from(attachment.settings(), attachment.segment().maxBackends());
        requests.registerCheckpointer(attachment.slot());
        long lastCheckpoint = System.nanoTime();
        long lastRedo = wal.redoPointer();
        long handled = requests.requested();
        while (!shutdownRequested) {
            long sinceLast = (System.nanoTime() - lastCheckpoint) / 1_000_000;
            boolean timedOut = sinceLast >= settings.checkpointTimeoutMillis();
            boolean walFull = wal.insertPosition() - lastRedo >= settings.maxWalSizeBytes() / 3;
            long asked = requests.requested();
            if (timedOut || walFull || asked > handled) {
                boolean ok;
                try {
                    Checkpoint.create(attachment.dataDirectory(), wal, buffers, xacts, false, oids());
                    ok = true;
                } catch (RuntimeException e) {
                    LOG.error("checkpoint failed: {}", e.toString(), e);
                    ok = false;
                }
                requests.finished(asked, ok);
                handled = asked;
                lastCheckpoint = nextCheckpointBase(ok, System.nanoTime(), settings.checkpointTimeoutMillis());
                lastRedo = wal.redoPointer();
                continue;
            }
            long delay = settings.bgwriterDelayMillis();
            if (!backgroundWrite(buffers)) {
                delay = Math.max(delay, ERROR_PAUSE_MILLIS);
            }
            long untilCheckpoint = settings.checkpointTimeoutMillis() - sinceLast;
            attachment.slot().waitLatch(Math.max(1, Math.min(delay, untilCheckpoint)));
        }
        Checkpoint.create(attachment.dataDirectory(), wal, buffers, xacts, true, oids());
        requests.finished(requests.requested(), true);
    }

    /**
     * One background-writer round. An ERROR (a write that failed) is logged
     * and the round is over; the pages stay dirty and are tried again next
     * round, as PostgreSQL's bgwriter and checkpointer recover from ERRORs
     * instead of taking the cluster down. Returns false after an error.
     */
    static boolean backgroundWrite(BufferManager buffers) {
        try {
            buffers.writeSomeDirty(BGWRITER_MAX_PAGES);
            return true;
        } catch (RuntimeException e) {
            LOG.error("background writer round failed (retried in {} ms): {}", ERROR_PAUSE_MILLIS, e.toString(), e);
            return false;
        }
    }

    /**
     * The time the next timed checkpoint counts from: now after a checkpoint
     * that completed; after a failed one, a time that makes the next attempt
     * come {@link #CHECKPOINT_RETRY_MILLIS} from now (the redo point did not
     * move, so waiting a whole checkpoint_timeout would only grow the WAL to
     * replay).
     */
    static long nextCheckpointBase(boolean completed, long nowNanos, long timeoutMillis) {
        if (completed || timeoutMillis <= CHECKPOINT_RETRY_MILLIS) {
            return nowNanos;
        }
        return nowNanos - (timeoutMillis - CHECKPOINT_RETRY_MILLIS) * 1_000_000L;
    }

    private OidCounter oids() {
        return OidCounter.attach(attachment.segment(), wal);
    }

    @Override
    public void requestShutdown() {
        shutdownRequested = true;
        attachment.slot().setLatch();
    }
}
