package org.tusk.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.AuxiliaryProcess;
import org.tusk.buffer.BgWriterSettings;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.CheckpointWriteDelay;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * The checkpointer, which also does the background writer's job (PostgreSQL
 * runs them as two processes; one JVM fewer matters more here): every
 * bgwriter_delay it runs a BgBufferSync round (also between a spread
 * checkpoint's writes), which cleans the not recently used buffers just ahead
 * of the clock sweep at the pace backends allocate (see
 * {@link BufferManager#bgBufferSync}); when nothing is allocated the round
 * finds nothing to do (the bgwriter's hibernation: the process itself still
 * wakes every bgwriter_delay, since it also watches the WAL volume for
 * checkpoints, which PostgreSQL's backends request instead), and
 * it checkpoints when checkpoint_timeout has passed, when CheckPointSegments
 * of WAL were written since the last redo point (max_wal_size / (1 +
 * checkpoint_completion_target)), or when asked. Timed and WAL checkpoints
 * spread their writes ({@link SpreadCheckpointWrites}); asked ones (CHECKPOINT)
 * write at once. On the postmaster's request it writes the shutdown
 * checkpoint and exits.
 */
@Component(service = AuxiliaryProcess.class,
        property = AuxiliaryProcess.ROLE_PROPERTY + "=" + Checkpointer.ROLE)
public final class Checkpointer implements AuxiliaryProcess {

    static final String ROLE = "checkpointer";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
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
    /** When the last background-writer round ran (nanoTime), also during a spread checkpoint's naps. */
    private long lastBackgroundWrite;

    @Override
    public void run() throws IOException {
        StorageSettings settings = StorageSettings.from(attachment.settings(), attachment.segment().maxBackends());
        int checkpointSegments = CheckpointSchedule.checkpointSegments(settings.maxWalSizeBytes(),
                settings.walSegmentSize(), settings.checkpointCompletionTarget());
        // read the requests already covered before announcing ourselves: a backend only asks once it sees
        // us registered, so every request it makes counts above this
        long handled = requests.requested();
        requests.registerCheckpointer(attachment.slot());
        long lastCheckpoint = System.nanoTime();
        long lastRedo = wal.redoPointer();
        lastBackgroundWrite = System.nanoTime() - settings.bgwriterDelayMillis() * 1_000_000L;
        while (!shutdownRequested) {
            long sinceLast = (System.nanoTime() - lastCheckpoint) / 1_000_000;
            long asked = requests.requested();
            Set<CheckpointFlag> flags = EnumSet.noneOf(CheckpointFlag.class);
            if (asked > handled) {
                // CHECKPOINT is the only one who asks: RequestCheckpoint(CHECKPOINT_IMMEDIATE | FORCE | WAIT)
                flags.addAll(EnumSet.of(CheckpointFlag.IMMEDIATE, CheckpointFlag.FORCE, CheckpointFlag.WAIT));
            }
            if (sinceLast >= settings.checkpointTimeoutMillis()) {
                flags.add(CheckpointFlag.CAUSE_TIME);
            }
            if (CheckpointSchedule.walCheckpointNeeded(lastRedo, wal.insertPosition(), settings.walSegmentSize(),
                    checkpointSegments)) {
                flags.add(CheckpointFlag.CAUSE_XLOG);
            }
            if (!flags.isEmpty()) {
                long started = System.nanoTime();
                requests.countStarted(!flags.equals(EnumSet.of(CheckpointFlag.CAUSE_TIME)));
                boolean ok;
                try {
                    Checkpoint.create(attachment.dataDirectory(), wal, buffers, xacts, oids(), flags,
                            writeDelay(flags, settings, started, asked), settings.logCheckpoints());
                    ok = true;
                } catch (RuntimeException e) {
                    LOG.error("checkpoint failed: {}", e.toString(), e);
                    ok = false;
                }
                requests.finished(asked, ok);
                handled = asked;
                // the next timed checkpoint counts from this one's start, as PostgreSQL's last_checkpoint_time
                lastCheckpoint = ok ? started
                        : nextCheckpointBase(false, System.nanoTime(), settings.checkpointTimeoutMillis());
                lastRedo = wal.redoPointer();
                continue;
            }
            backgroundWriteIfDue(settings);
            long untilCheckpoint = settings.checkpointTimeoutMillis() - sinceLast;
            attachment.slot().waitLatch(Math.max(1, Math.min(settings.bgwriterDelayMillis(), untilCheckpoint)));
        }
        Checkpoint.create(attachment.dataDirectory(), wal, buffers, xacts, oids(),
                EnumSet.of(CheckpointFlag.IS_SHUTDOWN, CheckpointFlag.IMMEDIATE), CheckpointWriteDelay.IMMEDIATE,
                settings.logCheckpoints());
        requests.finished(requests.requested(), true);
    }

    /**
     * How the checkpoint's writes are paced: at once if it is immediate, else
     * spread, until shutdown is requested or somebody asks for a checkpoint
     * after {@code covered} (then the rest goes at full speed, so the
     * CHECKPOINT waiting behind it is not kept waiting).
     */
    private CheckpointWriteDelay writeDelay(Set<CheckpointFlag> flags, StorageSettings settings, long started,
            long covered) {
        if (flags.contains(CheckpointFlag.IMMEDIATE)) {
            return CheckpointWriteDelay.IMMEDIATE;
        }
        CheckpointSchedule schedule = new CheckpointSchedule(settings, started, wal.insertPosition());
        return new SpreadCheckpointWrites(schedule, () -> shutdownRequested || requests.requested() > covered,
                System::nanoTime, wal::insertPosition, millis -> napDuringCheckpoint(settings, millis));
    }

    /** A spread checkpoint's nap: the background writer's round when due, then the latch (a request wakes it). */
    private void napDuringCheckpoint(StorageSettings settings, long millis) {
        backgroundWriteIfDue(settings);
        try {
            attachment.slot().waitLatch(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a background-writer round if bgwriter_delay has passed since the last (longer after an error). */
    private void backgroundWriteIfDue(StorageSettings settings) {
        long now = System.nanoTime();
        if (now - lastBackgroundWrite < settings.bgwriterDelayMillis() * 1_000_000L) {
            return;
        }
        lastBackgroundWrite = now;
        if (!backgroundWrite(buffers, settings.bgWriterSettings())) {
            // pause ERROR_PAUSE_MILLIS in all before the next round
            lastBackgroundWrite += (Math.max(0, ERROR_PAUSE_MILLIS - settings.bgwriterDelayMillis())) * 1_000_000L;
        }
    }

    /**
     * One background-writer round. An ERROR (a write that failed) is logged
     * and the round is over; the pages stay dirty and are tried again next
     * round, as PostgreSQL's bgwriter and checkpointer recover from ERRORs
     * instead of taking the cluster down. Returns false after an error.
     */
    static boolean backgroundWrite(BufferManager buffers, BgWriterSettings settings) {
        try {
            buffers.bgBufferSync(settings);
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
