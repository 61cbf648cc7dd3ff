package org.tusk.wal.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.Lsn;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.WaitEvent;
import org.tusk.wal.CheckpointRecord;
import org.tusk.wal.RemovedSegments;
import org.tusk.wal.Wal;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalSettings;
import org.tusk.wal.WalStats;
import org.tusk.wal.WalWriter;

/**
 * One process's WAL writer over the shared {@link XLogCtl} (xlog.c's
 * XLogInsertRecord, GetXLogBuffer, AdvanceXLInsertBuffer,
 * WaitXLogInsertionsToFinish, XLogWrite, XLogFlush). See the module README
 * for the protocol.
 *
 * <p>A {@link ProcSlot} takes LWLocks for one thread at a time, so the
 * threads of one process using this writer are serialized by
 * {@link #processLock}; processes (slots) insert concurrently.
 */
public final class SharedWalWriter implements WalWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SharedWalWriter.class);
    private static final int MAX_OPEN_SEGMENTS = 4;

    private final XLogCtl ctl;
    private final WalSettings settings;
    private final SegmentFiles files;
    private final ProcSlot self;
    private final int mySlot;
    private final ReentrantLock processLock = new ReentrantLock();
    /** Where this process assembles its records, under {@link #processLock}. */
    private final AssemblyBuffer assembly = new AssemblyBuffer();
    /**
     * This process's open segment files (openLogFile), by segment number, in
     * least-recently-used order: when more than {@link #MAX_OPEN_SEGMENTS} are
     * open the least recently used one is closed, never the one just asked for.
     */
    private final LinkedHashMap<Long, FileChannel> channels = new LinkedHashMap<>(16, 0.75f, true);
    /**
     * The redo pointer before the last {@link #beginCheckpoint} of this
     * process (PriorRedoPtr), 0 if none: the distance from it to the new one
     * feeds {@link #checkpointDistanceEstimate}.
     */
    private long priorRedo;
    /** CheckPointDistanceEstimate: bytes of WAL between two checkpoints, as this process saw them. */
    private long checkpointDistanceEstimate;
    /**
     * XactLastRecEnd, for the whole process ({@link #lastRecordEnd}): set under {@link #processLock}, which
     * orders the process's inserts, so it only grows.
     */
    private volatile long lastRecordEnd;

    public SharedWalWriter(XLogCtl ctl, Path dataDir, WalSettings settings, ProcSlot self) {
        this.ctl = ctl;
        this.settings = settings;
        this.files = new SegmentFiles(dataDir, settings.segmentSize());
        this.self = self;
        this.mySlot = self.index() % XLogCtl.NUM_INSERTION_SLOTS;
    }

    // --- insertion ---------------------------------------------------------------------

    @Override
    public long insert(WalRecord record) {
        if (!record.needsWal()) {
            return NOT_LOGGED;
        }
        return insertRecord(record)[1];
    }

    @Override
    public long lastRecordEnd() {
        return lastRecordEnd;
    }

    /** XLogInsert: returns {start, end} of the record. */
    private long[] insertRecord(WalRecord record) {
        checkStarted();
        processLock.lock();
        try {
            for (;;) {
                long redo = ctl.redoRecPtr();
                boolean[] images = new boolean[record.blockCount()];
                for (int i = 0; i < images.length; i++) {
                    images[i] = RecordFormat.needsImage(record.block(i), redo);
                }
                int length = RecordFormat.assemble(record, images, assembly);
                long[] position = insertAssembled(assembly.bytes(), length, record, images, redo);
                if (position != null) {
                    lastRecordEnd = position[1];
                    return position;
                }
                // A checkpoint moved the redo pointer since we decided on images: decide again.
            }
        } catch (IOException e) {
            throw panic("could not insert WAL record", e);
        } finally {
            processLock.unlock();
        }
    }

    /**
     * XLogInsertRecord: takes our insertion lock, reserves space, copies the
     * record into the buffers. Returns null (inserting nothing) if the redo
     * pointer moved past a page we logged without an image.
     */
    private long[] insertAssembled(byte[] bytes, int length, WalRecord record, boolean[] images, long redo)
            throws IOException {
        LWLock lock = ctl.insertionLock(mySlot);
        lock.acquire(LWLockMode.EXCLUSIVE, self);
        try {
            // Announce the insertion before reserving: a flusher that read the insert position before our
            // reservation will then see us busy and wait for us (WaitXLogInsertionsToFinish).
            ctl.setInsertingAt(mySlot, XLogCtl.INSERTING_UNKNOWN);
            long currentRedo = ctl.redoRecPtr();
            if (currentRedo != redo) {
                for (int i = 0; i < images.length; i++) {
                    if (!images[i] && RecordFormat.needsImage(record.block(i), currentRedo)) {
                        return null;
                    }
                }
            }
            long[] reserved = ctl.reserve(length);
            long start = reserved[0];
            ctl.setInsertingAt(mySlot, start);
            RecordFormat.finish(bytes, reserved[1]);
            copyIntoBuffers(bytes, length, start);
            return new long[] {start, start + length};
        } finally {
            ctl.setInsertingAt(mySlot, 0);
            lock.release(self);
        }
    }

    /** CopyXLogRecordToWAL: page by page into the ring. */
    private void copyIntoBuffers(byte[] bytes, int length, long start) throws IOException {
        long pos = start;
        int done = 0;
        while (done < length) {
            getXLogBuffer(pos);
            int inPage = (int) (pos % Wal.PAGE_SIZE);
            int chunk = Math.min(Wal.PAGE_SIZE - inPage, length - done);
            ctl.area().putBytes(ctl.bufferOffset(pos), bytes, done, chunk);
            done += chunk;
            pos += chunk;
        }
    }

    /**
     * GetXLogBuffer: makes sure the buffer page for {@code pos} holds WAL page
     * {@code pos} belongs to. It cannot be recycled under us: that needs the
     * page written out, which needs our insertion finished first.
     */
    private void getXLogBuffer(long pos) throws IOException {
        long pageEnd = XLogCtl.pageStart(pos) + Wal.PAGE_SIZE;
        int index = ctl.bufferIndex(pos);
        if (ctl.xlblock(index) == pageEnd) {
            return;
        }
        // We may have to wait for other insertions (to write out the old page): tell waiters that all of
        // our record below pos is copied, or they (and so we) would wait for ourselves.
        ctl.setInsertingAt(mySlot, pos);
        advanceInsertBuffer(pageEnd);
        if (ctl.xlblock(index) != pageEnd) {
            throw new IllegalStateException("WAL buffer for " + Lsn.format(pos) + " holds page ending at "
                    + Lsn.format(ctl.xlblock(index)));
        }
    }

    /**
     * AdvanceXLInsertBuffer: initializes buffer pages in order up to the one
     * ending at {@code upToPageEnd}, first writing out the old contents of a
     * page that still holds unwritten WAL.
     */
    private void advanceInsertBuffer(long upToPageEnd) throws IOException {
        LWLock mapping = ctl.bufMappingLock();
        mapping.acquire(LWLockMode.EXCLUSIVE, self);
        try {
            while (ctl.initializedUpTo() < upToPageEnd) {
                long newPageStart = ctl.initializedUpTo();
                int index = ctl.bufferIndex(newPageStart);
                long oldPageEnd = ctl.xlblock(index);
                if (oldPageEnd > ctl.writtenUpTo()) {
                    // The page still holds WAL that is not written: write it out, without holding the
                    // mapping lock (others may meanwhile initialize pages that are free).
                    mapping.release(self);
                    try {
                        ctl.count(XLogCtl.STAT_BUFFERS_FULL);
                        long insertedUpTo = waitInsertionsToFinish(oldPageEnd);
                        LWLock write = ctl.writeLock();
                        write.acquire(LWLockMode.EXCLUSIVE, self);
                        try {
                            if (ctl.writtenUpTo() < oldPageEnd) {
                                xlogWrite(insertedUpTo, false);
                            }
                        } finally {
                            write.release(self);
                        }
                    } finally {
                        mapping.acquire(LWLockMode.EXCLUSIVE, self);
                    }
                    continue;
                }
                ctl.zeroPage(index);
                // Publish the page only once it is zeroed (volatile store after plain ones).
                ctl.setXlblock(index, newPageStart + Wal.PAGE_SIZE);
                ctl.setInitializedUpTo(newPageStart + Wal.PAGE_SIZE);
            }
        } finally {
            mapping.release(self);
        }
    }

    /**
     * WaitXLogInsertionsToFinish: waits until every insertion below
     * {@code upTo} (capped at the insert position) is copied and returns the
     * position up to which all of the reserved WAL is copied, at least upTo.
     *
     * <p>shmem has no LWLockWaitForVar, so this polls each busy slot's
     * insertingAt with a spin-yield-park backoff. Copies take microseconds;
     * only an inserter that itself waits for a write keeps us longer.
     */
    private long waitInsertionsToFinish(long upTo) {
        long reserved = ctl.reservedUpTo();
        if (upTo > reserved) {
            upTo = reserved;
        }
        long finished = reserved;
        int previousWait = -1;
        try {
            for (int slot = 0; slot < XLogCtl.NUM_INSERTION_SLOTS; slot++) {
                int rounds = 0;
                for (;;) {
                    long at = ctl.insertingAt(slot);
                    if (at == 0) {
                        break;
                    }
                    if (at >= upTo) {
                        finished = Math.min(finished, at);
                        break;
                    }
                    if (previousWait == -1) {
                        // LWLockWaitForVar on an insertion lock reports its tranche
                        previousWait = self.beginWait(WaitEvent.LWLOCK_WAL_INSERT);
                    }
                    pause(rounds++);
                }
            }
        } finally {
            if (previousWait != -1) {
                self.endWait(previousWait);
            }
        }
        return finished;
    }

    private static void pause(int round) {
        if (round < 50) {
            Thread.onSpinWait();
        } else if (round < 100) {
            Thread.yield();
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(1_000_000L, 10_000L << Math.min(7, (round - 100) / 8)));
        }
    }

    // --- writing and flushing ------------------------------------------------------------

    @Override
    public void flush(long upTo) {
        if (upTo <= ctl.flushedUpTo()) {
            return;
        }
        checkStarted();
        processLock.lock();
        try {
            long reserved = ctl.reservedUpTo();
            if (upTo > reserved) {
                throw new IllegalArgumentException("xlog flush request " + Lsn.format(upTo)
                        + " is beyond the end of generated WAL " + Lsn.format(reserved));
            }
            if (upTo <= ctl.flushedUpTo()) {
                return;
            }
            ctl.count(XLogCtl.STAT_FLUSH_CALLS);
            LWLock write = ctl.writeLock();
            while (upTo > ctl.flushedUpTo()) {
                long insertedUpTo = waitInsertionsToFinish(upTo);
                // Group commit (XLogFlush): while another process flushes, sleep until it is done
                // instead of queueing for the lock; all such sleepers wake together and most find
                // their WAL flushed by it, so one fdatasync serves every waiting committer.
                if (!write.acquireOrWait(LWLockMode.EXCLUSIVE, self)) {
                    continue;
                }
                try {
                    if (upTo <= ctl.flushedUpTo()) {
                        return;
                    }
                    // Others inserted while we waited: take their WAL along if it is copied.
                    long more = waitInsertionsToFinishNoWait(insertedUpTo);
                    xlogWrite(Math.max(insertedUpTo, more), true);
                } finally {
                    write.release(self);
                }
            }
        } catch (IOException e) {
            throw panic("could not flush WAL to " + Lsn.format(upTo), e);
        } finally {
            processLock.unlock();
        }
    }

    /**
     * Without waiting: the position up to which the reserved WAL is copied,
     * or {@code floor} if an insertion at or below it is still busy.
     */
    private long waitInsertionsToFinishNoWait(long floor) {
        long finished = ctl.reservedUpTo();
        for (int slot = 0; slot < XLogCtl.NUM_INSERTION_SLOTS; slot++) {
            long at = ctl.insertingAt(slot);
            if (at != 0) {
                finished = Math.min(finished, at);
            }
        }
        return Math.max(finished, floor);
    }

    /**
     * XLogWrite: writes the buffers from the write position up to
     * {@code upTo} (all copied), then, if {@code flush}, syncs every segment
     * between the flush position and upTo. Caller holds WALWriteLock.
     */
    private void xlogWrite(long upTo, boolean flush) throws IOException {
        long written = ctl.writtenUpTo();
        if (upTo > written) {
            ctl.count(XLogCtl.STAT_WRITES);
            long pos = written;
            int segmentSize = settings.segmentSize();
            while (pos < upTo) {
                long segmentEnd = (pos / segmentSize + 1) * segmentSize;
                int ringLeft = (ctl.pages() - ctl.bufferIndex(pos)) * Wal.PAGE_SIZE - (int) (pos % Wal.PAGE_SIZE);
                int chunk = (int) Math.min(Math.min(upTo, segmentEnd) - pos, ringLeft);
                FileChannel channel = channel(pos / segmentSize);
                ByteBuffer source = ctl.area().slice(ctl.bufferOffset(pos), chunk);
                long filePos = pos % segmentSize;
                int previousWait = self.beginWait(WaitEvent.IO_WAL_WRITE);
                try {
                    while (source.hasRemaining()) {
                        filePos += channel.write(source, filePos);
                    }
                } finally {
                    self.endWait(previousWait);
                }
                pos += chunk;
            }
            ctl.setWrittenUpTo(upTo);
        }
        long flushed = ctl.flushedUpTo();
        if (flush && upTo > flushed) {
            ctl.count(XLogCtl.STAT_SYNCS);
            if (settings.syncMethod() != WalSettings.SyncMethod.OFF) {
                boolean metadata = settings.syncMethod() == WalSettings.SyncMethod.FSYNC;
                // Some of it may have been written by other processes (AdvanceXLInsertBuffer writes
                // without syncing): syncing our own descriptor of a file syncs their writes too.
                for (long segno = flushed / segmentSize(); segno <= (upTo - 1) / segmentSize(); segno++) {
                    FileChannel segment = channel(segno);
                    int previousWait = self.beginWait(WaitEvent.IO_WAL_SYNC);
                    try {
                        segment.force(metadata);
                    } finally {
                        self.endWait(previousWait);
                    }
                }
            }
            ctl.setFlushedUpTo(upTo);
        }
    }

    private long segmentSize() {
        return settings.segmentSize();
    }

    /**
     * The open file of segment {@code segno}. Evicts by recency, not by
     * segment number: XLogWrite's sync loop asks for segments below the ones
     * this process has open (they were written by AdvanceXLInsertBuffer of
     * whichever process, and not yet synced), and evicting the lowest number
     * would close the very channel about to be synced (ClosedChannelException,
     * a PANIC while flushing WAL).
     */
    private FileChannel channel(long segno) throws IOException {
        FileChannel channel = channels.get(segno);
        if (channel == null) {
            channel = files.openForWrite(segno);
            channels.put(segno, channel);
            Iterator<Map.Entry<Long, FileChannel>> lru = channels.entrySet().iterator();
            while (channels.size() > MAX_OPEN_SEGMENTS) {
                FileChannel oldest = lru.next().getValue();
                lru.remove();
                oldest.close();
            }
        }
        return channel;
    }

    // --- checkpoints -------------------------------------------------------------------

    @Override
    public long beginCheckpoint() {
        checkStarted();
        processLock.lock();
        int held = 0;
        try {
            // WALInsertLockAcquireExclusive: no insertion is between its redo decision and its reservation.
            for (; held < XLogCtl.NUM_INSERTION_SLOTS; held++) {
                ctl.insertionLock(held).acquire(LWLockMode.EXCLUSIVE, self);
            }
            long redo = ctl.currentInsertPosition();
            priorRedo = ctl.redoRecPtr();
            ctl.setRedoRecPtr(redo);
            return redo;
        } catch (IOException e) {
            throw panic("could not begin checkpoint", e);
        } finally {
            try {
                for (int i = held - 1; i >= 0; i--) {
                    ctl.insertionLock(i).release(self);
                }
            } catch (IOException e) {
                throw panic("could not release WAL insertion lock", e);
            } finally {
                processLock.unlock();
            }
        }
    }

    @Override
    public long logCheckpoint(CheckpointRecord checkpoint) {
        long[] position = insertRecord(checkpoint.toWalRecord());
        flush(position[1]);
        return position[0];
    }

    @Override
    public RemovedSegments removeOldSegments(long redo) {
        long keepFrom = redo / segmentSize();
        processLock.lock();
        try {
            if (priorRedo > 0 && redo > priorRedo) {
                updateCheckpointDistanceEstimate(redo - priorRedo);
            }
            long recycleUpTo = RecycleLimit.lastRecycledSegment(redo, checkpointDistanceEstimate, settings.segmentSize());
            int recycled = 0;
            int removed = 0;
            // WALWriteLock: segments are created under it (openForWrite), so a recycled file can never
            // replace a segment some process just created and writes to.
            LWLock write = ctl.writeLock();
            write.acquire(LWLockMode.EXCLUSIVE, self);
            try {
                long nextFree = ctl.reservedUpTo() / segmentSize();
                for (long segno : files.list()) {
                    if (segno >= keepFrom) {
                        break;
                    }
                    FileChannel open = channels.remove(segno);
                    if (open != null) {
                        open.close();
                    }
                    long installed = files.recycle(segno, nextFree, recycleUpTo);
                    if (installed >= 0) {
                        nextFree = installed + 1;
                        recycled++;
                        LOG.debug("recycled WAL segment {} as {}", SegmentFiles.fileName(segno, settings.segmentSize()),
                                SegmentFiles.fileName(installed, settings.segmentSize()));
                    } else {
                        Files.deleteIfExists(files.path(segno));
                        removed++;
                        LOG.debug("removed WAL segment {}", SegmentFiles.fileName(segno, settings.segmentSize()));
                    }
                }
            } finally {
                write.release(self);
            }
            if (recycled + removed > 0) {
                SegmentFiles.syncDirectory(files.walDir());
                LOG.debug("checkpoint at redo {}: {} WAL segments recycled, {} removed", Lsn.format(redo), recycled,
                        removed);
            }
            return new RemovedSegments(removed, recycled, checkpointDistanceEstimate);
        } catch (IOException e) {
            throw new PgException(Severity.ERROR, SqlState.IO_ERROR, "could not remove old WAL segments: "
                    + e.getMessage(), null, null, 0, e);
        } finally {
            processLock.unlock();
        }
    }

    /**
     * UpdateCheckPointDistanceEstimate: a jump up is taken at once, a drop
     * only slowly (90% old, 10% new), so one quiet timed checkpoint does not
     * throw away the segments the next busy cycle needs.
     */
    private void updateCheckpointDistanceEstimate(long distance) {
        if (checkpointDistanceEstimate < distance) {
            checkpointDistanceEstimate = distance;
        } else {
            checkpointDistanceEstimate = (long) (0.90 * checkpointDistanceEstimate + 0.10 * distance);
        }
    }

    // --- positions -----------------------------------------------------------------------

    @Override
    public long flushedUpTo() {
        return ctl.flushedUpTo();
    }

    @Override
    public long writtenUpTo() {
        return ctl.writtenUpTo();
    }

    @Override
    public long insertPosition() {
        return ctl.reservedUpTo();
    }

    @Override
    public long redoPointer() {
        return ctl.redoRecPtr();
    }

    @Override
    public WalStats stats() {
        return new WalStats(ctl.stat(XLogCtl.STAT_FLUSH_CALLS), ctl.stat(XLogCtl.STAT_SYNCS),
                ctl.stat(XLogCtl.STAT_WRITES), ctl.stat(XLogCtl.STAT_BUFFERS_FULL));
    }

    /** Closes this process's segment files. */
    public void close() {
        processLock.lock();
        try {
            for (FileChannel channel : channels.values()) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.debug("closing WAL segment: {}", e.toString());
                }
            }
            channels.clear();
        } finally {
            processLock.unlock();
        }
    }

    private void checkStarted() {
        if (!ctl.started()) {
            throw new IllegalStateException("WAL is not started: the startup process must call Wal.startAt first");
        }
    }

    /**
     * A failure while WAL is half-inserted or half-written leaves shared state
     * that no retry can repair: PostgreSQL PANICs (the postmaster then resets
     * shared memory and recovers). We report PANIC and leave that to the caller.
     */
    private static PgException panic(String message, IOException e) {
        LOG.error(message, e);
        // Some IOExceptions (ClosedChannelException) carry no message: name the class then.
        String detail = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return new PgException(Severity.PANIC, SqlState.IO_ERROR, message + ": " + detail, null, null, 0, e);
    }
}
