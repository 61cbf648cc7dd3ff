package org.tusk.buffer.internal;

import static org.tusk.buffer.internal.BufferState.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.BgWriterRound;
import org.tusk.buffer.BgWriterSettings;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.BufferRing;
import org.tusk.buffer.BufferUsage;
import org.tusk.buffer.BufferWriteStats;
import org.tusk.buffer.CheckpointWriteDelay;
import org.tusk.buffer.Page;
import org.tusk.buffer.PageChecksum;
import org.tusk.buffer.Smgr;
import org.tusk.buffer.SyncRequestStats;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.WaitEvent;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.RedoContext;
import org.tusk.wal.WalWriter;

/**
 * The buffer manager of one process (bufmgr.c, freelist.c): lookups in the
 * shared mapping table, pins (shared refcount once per process, plus this
 * process's private count), clock-sweep replacement, buffer I/O with
 * checksums, and the checkpoint / bgwriter / drop paths.
 *
 * <p>Lock order: relation extension lock, then content lock, then I/O lock or
 * mapping partition lock, then the buffer header spinlock (never held across
 * any other wait). A victim's content lock is only taken conditionally, so a
 * process holding content locks never waits for another buffer's.
 */
public final class SharedBufferManager implements BufferManager {

    private static final Logger LOG = LoggerFactory.getLogger(SharedBufferManager.class);

    /** Flags that describe the page contents; a buffer that changes tag loses them all. */
    private static final int CONTENT_FLAGS = BM_VALID | BM_DIRTY | BM_JUST_DIRTIED | BM_IO_ERROR
            | BM_CHECKPOINT_NEEDED | BM_PERMANENT | USAGECOUNT_MASK;

    private final ShmemArea area;
    private final BufferLayout layout;
    private final BufferDescriptors descriptors;
    private final BufMappingTable table;
    private final FsyncRequestQueue fsyncQueue;
    private final Smgr smgr;
    private final ProcSlot self;
    private final WalWriter wal;
    private final HintBitDirtying hintBits;
    /** PrivateRefCount: this process's pins per buffer; the shared refcount counts the process once. */
    private final int[] privateRefCount;
    private final ByteBuffer[] pageViews;
    /** This process's object of each buffer's content lock (held locks are tracked by object), made at first use. */
    private final LWLock[] contentLocks;
    /** Private copy a page is written from (the shared page may be hint-updated meanwhile in PostgreSQL). */
    private final ByteBuffer writeCopy = Page.allocate();
    private final ByteBuffer zeroPage = Page.allocate();
    /** The background writer's scan state, made by the first round (only the checkpointer runs rounds). */
    private BgBufferSync bgWriter;

    public SharedBufferManager(ShmemArea area, Smgr smgr, ProcSlot self, WalWriter wal, CheckpointDelay delay) {
        this.area = area;
        this.layout = new BufferLayout(BufferLayout.nBuffersFromLWLockCount(area.lwlockCount()));
        // what a process sleeping on these locks shows in pg_stat_activity: waiting for another process's
        // read or write of the page (IPC BufferIO), for a mapping partition, or to extend a relation (which
        // PostgreSQL does under a heavyweight lock, hence a Lock-class event)
        area.nameTranche(layout.ioLock(0), layout.nBuffers, WaitEvent.IPC_BUFFER_IO);
        area.nameTranche(layout.partitionLock(0), BufferLayout.NUM_BUFFER_PARTITIONS, WaitEvent.LWLOCK_BUFFER_MAPPING);
        area.nameTranche(layout.extensionLock(0), BufferLayout.NUM_EXTENSION_LOCKS, WaitEvent.lock("extend"));
        if (area.size() < layout.areaSize) {
            throw new IllegalStateException(area + " is smaller than the " + layout.areaSize + " bytes "
                    + layout.nBuffers + " buffers need");
        }
        this.descriptors = new BufferDescriptors(area, layout);
        this.table = new BufMappingTable(area, layout, descriptors);
        this.fsyncQueue = new FsyncRequestQueue(area, layout, self);
        this.smgr = smgr;
        this.self = self;
        this.wal = wal;
        this.hintBits = new HintBitDirtying(descriptors, wal, delay, this::dataChecksums);
        this.privateRefCount = new int[layout.nBuffers];
        this.pageViews = new ByteBuffer[layout.nBuffers];
        this.contentLocks = new LWLock[layout.nBuffers];
    }

    @Override
    public int nBuffers() {
        return layout.nBuffers;
    }

    @Override
    public Smgr smgr() {
        return smgr;
    }

    ProcSlot self() {
        return self;
    }

    BufferDescriptors descriptors() {
        return descriptors;
    }

    /** Pending fsync requests (tests). */
    public int pendingFsyncRequests() {
        return fsyncQueue.pending();
    }

    /** This process's pins of a buffer (tests). */
    public int privateRefCount(int bufferId) {
        return privateRefCount[bufferId];
    }

    /** The shared refcount of a buffer (tests). */
    public int sharedRefCount(int bufferId) {
        return refcount(descriptors.state(bufferId));
    }

    // --- public operations ----------------------------------------------------------

    @Override
    public Buffer read(RelFileLocator locator, ForkNumber fork, int block) {
        BufferTag tag = new BufferTag(locator, fork, block);
        return new SharedBuffer(this, readBuffer(tag, false), tag, null);
    }

    @Override
    public Buffer read(RelFileLocator locator, ForkNumber fork, int block, BufferRing ring) {
        BufferTag tag = new BufferTag(locator, fork, block);
        return new SharedBuffer(this, readBuffer(tag, false, ring), tag, null);
    }

    @Override
    public Buffer extend(RelFileLocator locator, ForkNumber fork) {
        LWLock extensionLock = area.lwlock(layout.extensionLock(
                Math.floorMod(new BufferTag(locator, fork, 0).hash(), BufferLayout.NUM_EXTENSION_LOCKS)));
        acquire(extensionLock, LWLockMode.EXCLUSIVE);
        try {
            if (!smgr.exists(locator, fork)) {
                smgr.create(locator, fork);
            }
            int block = smgr.nblocks(locator, fork);
            BufferTag tag = new BufferTag(locator, fork, block);
            // The buffer must be mapped and locked BEFORE the file grows: as soon as nblocks counts the new block,
            // other processes may read it (an inserter tries the last page) and must then wait for our content
            // lock instead of loading the zero page themselves, initializing it, and having us wipe their tuples.
            int id = lockedBufferForNewBlock(tag);
            try {
                // Writing the zero page now makes the file length the relation length for every process.
                int previousWait = self.beginWait(WaitEvent.IO_DATA_FILE_EXTEND);
                try {
                    smgr.extend(locator, fork, block, zeroPage);
                } finally {
                    self.endWait(previousWait);
                }
            } catch (RuntimeException e) {
                release(contentLock(id));
                unpinBuffer(id);
                throw e;
            }
            return new SharedBuffer(this, id, tag, LWLockMode.EXCLUSIVE);
        } finally {
            release(extensionLock);
        }
    }

    /**
     * The buffer of a block just beyond the end of its fork, pinned, zeroed
     * and EXCLUSIVE-locked (ExtendBufferedRelShared's buffer half). Readers of
     * the block wait on our I/O and then on our content lock, so the extender
     * is always the first to change the new page.
     */
    private int lockedBufferForNewBlock(BufferTag tag) {
        int id = bufferAlloc(tag, null);
        try {
            if (has(descriptors.state(id), BM_VALID) || !startBufferIO(id, true)) {
                // A stale buffer of a block that was truncated away without dropRelation: start clean. Nobody can
                // have seen the block as part of the relation, since the file does not contain it yet.
                acquire(contentLock(id), LWLockMode.EXCLUSIVE);
                ByteBuffer page = pageView(id);
                if (!Page.isAllZero(page)) {
                    page.put(0, zeroPage, 0, Page.BLCKSZ);
                    markDirty(id);
                }
                return id;
            }
            pageView(id).put(0, zeroPage, 0, Page.BLCKSZ);
            acquire(contentLock(id), LWLockMode.EXCLUSIVE);
            terminateBufferIO(id, false, BM_VALID);
            return id;
        } catch (RuntimeException e) {
            unpinBuffer(id);
            throw e;
        }
    }

    @Override
    public int nblocks(RelFileLocator locator, ForkNumber fork) {
        // extend() writes each new page before returning it, so the file is never shorter than the pool's view.
        return smgr.nblocks(locator, fork);
    }

    @Override
    public int flushAll() {
        int written = bufferSync(CheckpointWriteDelay.IMMEDIATE);
        processSyncRequests();
        return written;
    }

    @Override
    public int bufferSync(CheckpointWriteDelay delay) {
        int[] toWrite = markForCheckpoint();
        int written = 0;
        for (int i = 0; i < toWrite.length; i++) {
            int id = toWrite[i];
            if (has(descriptors.state(id), BM_CHECKPOINT_NEEDED) && writeDirty(id)) {
                written++;
            }
            delay.afterBuffer((double) (i + 1) / toWrite.length);
        }
        return written;
    }

    /**
     * BufferSync's first pass: sets BM_CHECKPOINT_NEEDED on every valid dirty
     * buffer and returns them in write order. The unlocked peek skips clean
     * buffers: one dirtied after it was dirtied after the redo point.
     */
    private int[] markForCheckpoint() {
        int[] ids = new int[layout.nBuffers];
        BufferTag[] tags = new BufferTag[layout.nBuffers];
        int n = 0;
        for (int id = 0; id < layout.nBuffers; id++) {
            if (!has(descriptors.state(id), BM_DIRTY)) {
                continue;
            }
            int state = descriptors.lockHeader(id);
            if (has(state, BM_VALID) && has(state, BM_DIRTY)) {
                state |= BM_CHECKPOINT_NEEDED;
                ids[n] = id;
                tags[n++] = descriptors.tag(id);
            }
            descriptors.unlockHeader(id, state);
        }
        return CheckpointBufferOrder.sorted(ids, tags, n);
    }

    /** SyncOneBuffer for the checkpoint: pins and writes the buffer if it is still dirty; true if it wrote it. */
    private boolean writeDirty(int id) {
        if (!pinIfDirty(id)) {
            return false;
        }
        try {
            LWLock content = contentLock(id);
            acquire(content, LWLockMode.SHARED);
            try {
                return flushBuffer(id, BufferLayout.CTL_BUFFERS_CHECKPOINT);
            } finally {
                release(content);
            }
        } finally {
            unpinBuffer(id);
        }
    }

    @Override
    public BgWriterRound bgBufferSync(BgWriterSettings settings) {
        if (bgWriter == null) {
            bgWriter = new BgBufferSync(this, layout.nBuffers);
        }
        return bgWriter.round(settings);
    }

    /**
     * StrategySyncStart's hand: the absolute position of the buffer the clock
     * sweep looks at next (passes x NBuffers + buffer id, modulo 2^32).
     */
    long strategySyncPosition() {
        return Integer.toUnsignedLong(area.getIntVolatile(BufferLayout.CTL_CLOCK_HAND));
    }

    /** StrategySyncStart's numBufferAllocs: the allocations since the last call, and resets them. */
    int takeRecentAllocations() {
        int allocs = area.getIntVolatile(BufferLayout.CTL_NUM_BUFFER_ALLOCS);
        if (allocs != 0) {
            area.getAndAddInt(BufferLayout.CTL_NUM_BUFFER_ALLOCS, -allocs);   // later ones stay counted
        }
        return allocs;
    }

    /**
     * SyncOneBuffer(skip_recently_used): a buffer that is pinned or has a
     * usage count is left alone (0); one the sweep could take now is
     * BUF_REUSABLE, and written first (BUF_WRITTEN too) if it is valid and
     * dirty. Its content lock is only tried: a page somebody is changing will
     * be dirty again anyway.
     */
    int syncReusableBuffer(int id) {
        if (!reusable(descriptors.state(id))) {
            return 0;   // unlocked peek: a hot buffer's header lock is left to its pinners
        }
        int state = descriptors.lockHeader(id);
        if (!reusable(state)) {
            descriptors.unlockHeader(id, state);
            return 0;
        }
        int wanted = BM_VALID | BM_DIRTY;
        if ((state & wanted) != wanted) {
            descriptors.unlockHeader(id, state);
            return BgBufferSync.BUF_REUSABLE;
        }
        // PinBuffer_Locked: we are its only pinner (refcount 0 under the header lock); the usage count stays 0
        privateRefCount[id] = 1;
        descriptors.unlockHeader(id, state + REFCOUNT_ONE);
        try {
            LWLock content = contentLock(id);
            if (!content.conditionalAcquire(LWLockMode.SHARED, self)) {
                return BgBufferSync.BUF_REUSABLE;
            }
            try {
                return flushBuffer(id, BufferLayout.CTL_BUFFERS_CLEAN)
                        ? BgBufferSync.BUF_REUSABLE | BgBufferSync.BUF_WRITTEN : BgBufferSync.BUF_REUSABLE;
            } finally {
                release(content);
            }
        } finally {
            unpinBuffer(id);
        }
    }

    private static boolean reusable(int state) {
        return refcount(state) == 0 && usageCount(state) == 0;
    }

    /** A background-writer round's counts: allocations it learned of, and whether it stopped at lru_maxpages. */
    void countBgWriterRound(int recentAllocs, int written, boolean hitMaxPages) {
        if (recentAllocs != 0) {
            area.getAndAddLong(BufferLayout.CTL_BUFFERS_ALLOC, recentAllocs);
        }
        if (hitMaxPages) {
            area.getAndAddLong(BufferLayout.CTL_MAXWRITTEN_CLEAN, 1);
        }
    }

    @Override
    public BufferWriteStats writeStats() {
        return new BufferWriteStats(area.getLongVolatile(BufferLayout.CTL_BUFFERS_ALLOC),
                area.getLongVolatile(BufferLayout.CTL_BUFFERS_CLEAN),
                area.getLongVolatile(BufferLayout.CTL_MAXWRITTEN_CLEAN),
                area.getLongVolatile(BufferLayout.CTL_BUFFERS_BACKEND),
                area.getLongVolatile(BufferLayout.CTL_BUFFERS_CHECKPOINT));
    }

    @Override
    public boolean dataChecksums() {
        return area.getIntVolatile(BufferLayout.CTL_DATA_CHECKSUMS) != 0;
    }

    @Override
    public void setDataChecksums(boolean enabled) {
        area.putIntVolatile(BufferLayout.CTL_DATA_CHECKSUMS, enabled ? 1 : 0);
    }

    @Override
    public void dropRelation(RelFileLocator locator) {
        for (int id = 0; id < layout.nBuffers; id++) {
            if (!descriptors.relationMatches(id, locator)) {
                continue;   // unlocked peek, as DropRelationBuffers does: a buffer cannot become ours meanwhile
            }
            int state = descriptors.lockHeader(id);
            if (!has(state, BM_TAG_VALID) || !descriptors.relationMatches(id, locator)) {
                descriptors.unlockHeader(id, state);
                continue;
            }
            BufferTag tag = descriptors.tag(id);
            descriptors.unlockHeader(id, state);
            invalidateBuffer(id, tag);
        }
        smgr.forget(locator);
    }

    @Override
    public void dropDatabase(int dbOid) {
        for (int id = 0; id < layout.nBuffers; id++) {
            if (descriptors.dbOid(id) != dbOid) {
                continue;   // unlocked peek, as DropDatabaseBuffers does
            }
            int state = descriptors.lockHeader(id);
            if (!has(state, BM_TAG_VALID) || descriptors.dbOid(id) != dbOid) {
                descriptors.unlockHeader(id, state);
                continue;
            }
            BufferTag tag = descriptors.tag(id);
            descriptors.unlockHeader(id, state);
            invalidateBuffer(id, tag);
            smgr.forget(tag.locator());
        }
    }

    @Override
    public RedoContext redoContext() {
        return new BufferRedoContext(this);
    }

    /** Like AtEOXact_Buffers / at process exit: pins still held are a caller's bug; report and drop them. */
    @Override
    public void close() {
        for (int id = 0; id < privateRefCount.length; id++) {
            if (privateRefCount[id] > 0) {
                LOG.warn("buffer refcount leak: buffer {} ({}) still pinned {} times", id, descriptors.tag(id),
                        privateRefCount[id]);
                privateRefCount[id] = 1;
                unpinBuffer(id);
            }
        }
        smgr.close();
    }

    // --- reading ------------------------------------------------------------------

    /**
     * ReadBuffer_common: the pinned buffer of {@code tag}, valid. With
     * {@code zeroAndLock} (RBM_ZERO_AND_LOCK) a page that is not in the pool
     * is zeroed instead of read, and the buffer comes back EXCLUSIVE-locked.
     */
    int readBuffer(BufferTag tag, boolean zeroAndLock) {
        return readBuffer(tag, zeroAndLock, null);
    }

    private int readBuffer(BufferTag tag, boolean zeroAndLock, BufferRing ring) {
        int id = bufferAlloc(tag, ring);
        try {
            if (has(descriptors.state(id), BM_VALID) || !startBufferIO(id, true)) {
                BufferUsage.countHit();
                if (zeroAndLock) {
                    acquire(contentLock(id), LWLockMode.EXCLUSIVE);
                }
                return id;
            }
            ByteBuffer page = pageView(id);
            if (zeroAndLock) {
                page.put(0, zeroPage, 0, Page.BLCKSZ);
                acquire(contentLock(id), LWLockMode.EXCLUSIVE);
            } else {
                BufferUsage.countRead();
                int previousWait = self.beginWait(WaitEvent.IO_DATA_FILE_READ);
                try {
                    smgr.read(tag.locator(), tag.fork(), tag.block(), page);
                } catch (RuntimeException e) {
                    abortBufferIO(id);
                    throw e;
                } finally {
                    self.endWait(previousWait);
                }
                if (!PageChecksum.verify(page, tag.block(), dataChecksums())) {
                    abortBufferIO(id);
                    throw PgException.error(SqlState.DATA_CORRUPTED, "invalid page in block "
                            + Integer.toUnsignedString(tag.block()) + " of relation " + tag.locator().path(tag.fork()));
                }
            }
            terminateBufferIO(id, false, BM_VALID);
            return id;
        } catch (RuntimeException e) {
            unpinBuffer(id);
            throw e;
        }
    }

    /**
     * BufferAlloc: the buffer for {@code tag}, pinned; found in the mapping
     * table or a clean, untagged victim given the tag (not yet valid).
     */
    private int bufferAlloc(BufferTag tag, BufferRing ring) {
        int hash = tag.hash();
        LWLock partition = partitionLock(hash);
        acquire(partition, LWLockMode.SHARED);
        try {
            int id = table.lookup(tag, hash);
            if (id >= 0) {
                // Pinned under the partition lock, so nobody can re-tag it before we hold it.
                pinBuffer(id);
                return id;
            }
        } finally {
            release(partition);
        }
        int victim = getVictimBuffer(ring);
        acquire(partition, LWLockMode.EXCLUSIVE);
        try {
            int existing = table.lookup(tag, hash);
            if (existing >= 0) {
                // Somebody loaded it meanwhile: use theirs; the victim stays untagged for the clock sweep.
                pinBuffer(existing);
                unpinBuffer(victim);
                return existing;
            }
            int state = descriptors.lockHeader(victim);
            descriptors.setTag(victim, tag);
            table.insert(hash, victim);
            // BM_PERMANENT from the caller's locator: the tag in shared memory does not say TEMP
            int permanent = tag.locator().temp() ? 0 : BM_PERMANENT;
            descriptors.unlockHeader(victim, (state & ~CONTENT_FLAGS) | BM_TAG_VALID | USAGECOUNT_ONE | permanent);
            return victim;
        } finally {
            release(partition);
        }
    }

    /**
     * GetVictimBuffer: a buffer pinned only by us, clean, without a tag and
     * out of the mapping table. A dirty candidate is written first (WAL
     * flushed up to its LSN before); one that is pinned or dirtied again
     * meanwhile is skipped.
     */
    private int getVictimBuffer(BufferRing ring) {
        for (;;) {
            int id = ring == null ? -1 : fromRing(ring);
            boolean fromRing = id >= 0;
            if (!fromRing) {
                id = clockSweep();
            }
            try {
                if (fromRing && has(descriptors.state(id), BM_DIRTY)) {
                    // StrategyRejectBuffer: a bulk read does not write pages to reuse its ring
                    ring.setCurrent(-1);
                    unpinBuffer(id);
                    continue;
                }
                if (has(descriptors.state(id), BM_DIRTY)) {
                    LWLock content = contentLock(id);
                    // Conditional: we may hold content locks ourselves, and its holder may wait for them.
                    if (!content.conditionalAcquire(LWLockMode.SHARED, self)) {
                        unpinBuffer(id);
                        continue;
                    }
                    try {
                        flushBuffer(id, BufferLayout.CTL_BUFFERS_BACKEND);
                    } finally {
                        release(content);
                    }
                }
                if (invalidateVictim(id)) {
                    if (ring != null) {
                        ring.setCurrent(id);
                    }
                    return id;
                }
            } catch (RuntimeException e) {
                unpinBuffer(id);
                throw e;
            }
            if (fromRing) {
                ring.setCurrent(-1);
            }
            unpinBuffer(id);
        }
    }

    /**
     * GetBufferFromRing: the ring's next buffer, pinned, if nobody has it
     * pinned and nobody used it since the scan did (usage count at most 1);
     * else -1 (the caller takes a clock-sweep victim into that slot).
     */
    private int fromRing(BufferRing ring) {
        int id = ring.advance();
        if (id < 0) {
            return -1;
        }
        for (;;) {
            int old = descriptors.waitUnlocked(id);
            if (refcount(old) != 0 || usageCount(old) > 1) {
                ring.setCurrent(-1);
                return -1;
            }
            if (descriptors.compareAndSet(id, old, old + REFCOUNT_ONE)) {
                privateRefCount[id] = 1;
                return id;
            }
        }
    }

    /**
     * StrategyGetBuffer's clock sweep: advance the shared hand; an unpinned
     * buffer with a usage count loses one, one without is taken (pinned by
     * CAS, so no other process can take it too).
     */
    private int clockSweep() {
        // counted for the background writer, which paces itself by the allocation rate
        area.getAndAddInt(BufferLayout.CTL_NUM_BUFFER_ALLOCS, 1);
        int tries = layout.nBuffers;
        for (;;) {
            int id = Integer.remainderUnsigned(area.getAndAddInt(BufferLayout.CTL_CLOCK_HAND, 1), layout.nBuffers);
            for (;;) {
                int old = descriptors.waitUnlocked(id);
                if (refcount(old) != 0) {
                    if (--tries == 0) {
                        throw PgException.error(SqlState.INTERNAL_ERROR, "no unpinned buffers available");
                    }
                    if (tries % 64 == 0) {
                        Thread.yield();   // everything pinned right now: let the pinners run
                    }
                    break;
                }
                if (usageCount(old) > 0) {
                    if (descriptors.compareAndSet(id, old, old - USAGECOUNT_ONE)) {
                        tries = layout.nBuffers;
                        break;
                    }
                    continue;
                }
                if (descriptors.compareAndSet(id, old, old + REFCOUNT_ONE)) {
                    privateRefCount[id] = 1;
                    return id;
                }
            }
        }
    }

    /**
     * InvalidateVictimBuffer: removes the victim's old mapping, provided we
     * still hold its only pin and it is clean. Returns false otherwise.
     */
    private boolean invalidateVictim(int id) {
        int state = descriptors.lockHeader(id);
        if (!has(state, BM_TAG_VALID)) {
            descriptors.unlockHeader(id, state & ~CONTENT_FLAGS);
            return true;
        }
        BufferTag old = descriptors.tag(id);
        descriptors.unlockHeader(id, state);
        int hash = old.hash();
        LWLock partition = partitionLock(hash);
        acquire(partition, LWLockMode.EXCLUSIVE);
        try {
            state = descriptors.lockHeader(id);
            if (refcount(state) != 1 || has(state, BM_DIRTY) || !has(state, BM_TAG_VALID)
                    || !descriptors.tagMatches(id, old)) {
                descriptors.unlockHeader(id, state);
                return false;
            }
            table.delete(hash, id);
            descriptors.clearTag(id);
            descriptors.unlockHeader(id, state & ~(CONTENT_FLAGS | BM_TAG_VALID));
            return true;
        } finally {
            release(partition);
        }
    }

    /**
     * InvalidateBuffer (for dropRelation): takes the buffer out of the mapping
     * table without writing it, once nobody has it pinned.
     */
    private void invalidateBuffer(int id, BufferTag tag) {
        int hash = tag.hash();
        LWLock partition = partitionLock(hash);
        for (;;) {
            acquire(partition, LWLockMode.EXCLUSIVE);
            int state = descriptors.lockHeader(id);
            if (!has(state, BM_TAG_VALID) || !descriptors.tagMatches(id, tag)) {
                descriptors.unlockHeader(id, state);
                release(partition);
                return;
            }
            if (refcount(state) != 0) {
                descriptors.unlockHeader(id, state);
                release(partition);
                if (privateRefCount[id] > 0) {
                    throw new IllegalStateException("buffer " + id + " (" + tag + ") is pinned in InvalidateBuffer");
                }
                // Pinned by a writer (checkpointer, bgwriter) for the duration of one write.
                if (has(state, BM_IO_IN_PROGRESS)) {
                    waitIO(id);
                } else {
                    LockSupport.parkNanos(100_000);
                }
                continue;
            }
            table.delete(hash, id);
            descriptors.clearTag(id);
            descriptors.unlockHeader(id, state & ~(CONTENT_FLAGS | BM_TAG_VALID));
            release(partition);
            return;
        }
    }

    // --- pins -----------------------------------------------------------------------

    /** PinBuffer: a process's first pin goes to shared memory; later ones are private. */
    void pinBuffer(int id) {
        if (privateRefCount[id] > 0) {
            privateRefCount[id]++;
            return;
        }
        descriptors.pin(id);
        privateRefCount[id] = 1;
    }

    /** UnpinBuffer: the last private pin drops the shared one. */
    void unpinBuffer(int id) {
        int count = privateRefCount[id];
        if (count <= 0) {
            throw new IllegalStateException("buffer " + id + " is not pinned by this process");
        }
        assert count > 1 || viewUndisturbed(id);
        privateRefCount[id] = count - 1;
        if (count == 1) {
            descriptors.unpin(id);
        }
    }

    /**
     * PinBuffer_Locked for the writers: pins the buffer if it is still valid,
     * tagged and dirty (checked under the header lock, so it cannot be
     * re-tagged in between). The usage count is left alone.
     */
    private boolean pinIfDirty(int id) {
        int state = descriptors.lockHeader(id);
        int wanted = BM_VALID | BM_DIRTY | BM_TAG_VALID;
        if ((state & wanted) != wanted) {
            descriptors.unlockHeader(id, state);
            return false;
        }
        if (privateRefCount[id] == 0) {
            state += REFCOUNT_ONE;
        }
        privateRefCount[id]++;
        descriptors.unlockHeader(id, state);
        return true;
    }

    // --- content -----------------------------------------------------------------------

    /** MarkBufferDirty: caller holds a pin and the EXCLUSIVE content lock. */
    void markDirty(int id) {
        for (;;) {
            int old = descriptors.waitUnlocked(id);
            int next = old | BM_DIRTY | BM_JUST_DIRTIED;
            if (next == old) {
                return;
            }
            if (descriptors.compareAndSet(id, old, next)) {
                if ((old & BM_DIRTY) == 0) {
                    BufferUsage.countDirtied();
                }
                return;
            }
        }
    }

    /** MarkBufferDirtyHint: caller holds a pin and the content lock (SHARED is enough). */
    void markDirtyHint(int id, BufferTag tag) {
        hintBits.markDirty(id, tag, pageView(id));
    }

    LWLock contentLock(int id) {
        LWLock lock = contentLocks[id];
        if (lock == null) {
            lock = area.embeddedLWLock(layout.contentLock(id), id).tranche(WaitEvent.LWLOCK_BUFFER_CONTENT);
            contentLocks[id] = lock;
        }
        return lock;
    }

    /**
     * This process's view of buffer {@code id}'s page, made once and handed to every pin ({@link Buffer#page()}:
     * absolute access only). A fresh duplicate per pin was a DirectByteBuffer allocation per page access of
     * every scan; {@link #viewUndisturbed} checks at unpin time that no caller moved or re-ordered it.
     */
    ByteBuffer pageView(int id) {
        ByteBuffer view = pageViews[id];
        if (view == null) {
            view = area.slice(layout.page(id), Page.BLCKSZ).order(ByteOrder.LITTLE_ENDIAN);
            pageViews[id] = view;
        }
        return view;
    }

    /** For assertions: the shared view of {@code id}, if made, is still at position 0, limit BLCKSZ, little-endian. */
    private boolean viewUndisturbed(int id) {
        ByteBuffer view = pageViews[id];
        if (view != null && (view.position() != 0 || view.limit() != Page.BLCKSZ
                || view.order() != ByteOrder.LITTLE_ENDIAN)) {
            throw new AssertionError("the page view of buffer " + id + " was moved or re-ordered (position "
                    + view.position() + ", limit " + view.limit() + ", " + view.order()
                    + "): a caller used relative access on Buffer.page()");
        }
        return true;
    }

    // --- I/O ------------------------------------------------------------------------

    /**
     * StartBufferIO: returns true with BM_IO_IN_PROGRESS set and the buffer's
     * I/O lock held if I/O is still needed (input: not valid yet; output:
     * still dirty). A process doing I/O holds the I/O lock EXCLUSIVE
     * throughout, so waiting for the lock is waiting (asleep) for that I/O.
     */
    private boolean startBufferIO(int id, boolean forInput) {
        LWLock io = area.lwlock(layout.ioLock(id));
        acquire(io, LWLockMode.EXCLUSIVE);
        int state = descriptors.lockHeader(id);
        boolean done = forInput ? has(state, BM_VALID) : !has(state, BM_DIRTY);
        if (done) {
            descriptors.unlockHeader(id, state);
            release(io);
            return false;
        }
        state |= BM_IO_IN_PROGRESS;
        if (!forInput) {
            state &= ~BM_JUST_DIRTIED;   // a change from now on must keep the buffer dirty
        }
        descriptors.unlockHeader(id, state);
        return true;
    }

    /** TerminateBufferIO: ends our I/O; a write clears BM_DIRTY unless the page was dirtied again meanwhile. */
    private void terminateBufferIO(int id, boolean clearDirty, int setFlags) {
        int state = descriptors.lockHeader(id);
        state &= ~(BM_IO_IN_PROGRESS | BM_IO_ERROR);
        if (clearDirty && !has(state, BM_JUST_DIRTIED)) {
            state &= ~(BM_DIRTY | BM_CHECKPOINT_NEEDED);
        }
        descriptors.unlockHeader(id, state | setFlags);
        release(area.lwlock(layout.ioLock(id)));
    }

    /** AbortBufferIO: the I/O failed; the buffer stays invalid (input) or dirty (output). */
    private void abortBufferIO(int id) {
        int state = descriptors.lockHeader(id);
        descriptors.unlockHeader(id, (state & ~BM_IO_IN_PROGRESS) | BM_IO_ERROR);
        release(area.lwlock(layout.ioLock(id)));
    }

    /** WaitIO: sleeps until the current I/O on the buffer (if any) is over. */
    private void waitIO(int id) {
        LWLock io = area.lwlock(layout.ioLock(id));
        acquire(io, LWLockMode.SHARED);
        release(io);
    }

    /**
     * FlushBuffer: caller holds a pin and the content lock (SHARED is enough:
     * writers of the page need EXCLUSIVE). Copies the page, flushes WAL up to
     * its LSN, checksums the copy (in a cluster with data checksums), writes
     * it, and queues an fsync request unless it is a TEMP relation's. Returns false if it was not dirty any
     * more; a write counts in the pg_stat_bgwriter counter at
     * {@code counterOffset} (checkpoint, clean or backend).
     */
    private boolean flushBuffer(int id, int counterOffset) {
        if (!startBufferIO(id, false)) {
            return false;
        }
        BufferTag tag = descriptors.tag(id);
        try {
            ByteBuffer copy = writeCopy;
            copy.put(0, pageView(id), 0, Page.BLCKSZ);
            long lsn = Page.lsn(copy);
            if (lsn != 0) {
                wal.flush(lsn);   // WAL before data
            }
            if (dataChecksums()) {
                PageChecksum.set(copy, tag.block());
            }
            int previousWait = self.beginWait(WaitEvent.IO_DATA_FILE_WRITE);
            try {
                smgr.write(tag.locator(), tag.fork(), tag.block(), copy);
            } finally {
                self.endWait(previousWait);
            }
            BufferUsage.countWritten();
            if (has(descriptors.state(id), BM_PERMANENT)) {
                // a TEMP relation's files are never fsynced: nothing reads them after a crash (PostgreSQL's
                // local buffers register no sync requests)
                fsyncQueue.register(tag.locator(), tag.fork(), smgr.segmentOf(tag.block()));
            }
        } catch (RuntimeException e) {
            if (isMissingFile(e) && relationDropped(tag.locator())) {
                // The relation's files were unlinked while this dirty page stayed behind (its dropper did not
                // drop it): like a write whose FORGET_RELATION_FSYNC request arrived, it is forgotten. Logged
                // because it means a DROP path missed DropRelationBuffers.
                LOG.warn("discarding dirty block {} of dropped relation {}: {}", Integer.toUnsignedString(tag.block()),
                        smgr.relPath(tag.locator(), tag.fork(), smgr.segmentOf(tag.block())), e.getMessage());
                forgetDroppedBuffer(id);
                return false;
            }
            abortBufferIO(id);
            throw e;
        }
        terminateBufferIO(id, true, 0);
        area.getAndAddLong(counterOffset, 1);
        return true;
    }

    /** A write failed because a file was not there (ENOENT). */
    private static boolean isMissingFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the relation was dropped: its main fork is gone too (every live
     * relation has one). Cached channels are closed first: one may still point
     * at an unlinked file and make the relation look alive.
     */
    private boolean relationDropped(RelFileLocator locator) {
        smgr.forget(locator);
        return !smgr.exists(locator, ForkNumber.MAIN);
    }

    /**
     * Ends our write on a buffer of a dropped relation with the buffer clean
     * and no longer VALID, so no later write is tried and no reader can find
     * its contents again (the tag stays until a clock sweep or dropRelation
     * takes it out of the mapping table; a reader treats it as a failed read).
     */
    private void forgetDroppedBuffer(int id) {
        int state = descriptors.lockHeader(id);
        state &= ~(BM_IO_IN_PROGRESS | BM_IO_ERROR | BM_DIRTY | BM_JUST_DIRTIED | BM_CHECKPOINT_NEEDED | BM_VALID);
        descriptors.unlockHeader(id, state);
        release(area.lwlock(layout.ioLock(id)));
    }

    /** The checkpointer's ProcessSyncRequests: fsync every segment queued since the last call. */
    @Override
    public SyncRequestStats processSyncRequests() {
        FsyncRequestQueue.Drained drained = fsyncQueue.drain();
        long longest = 0;
        long total = 0;
        try {
            if (drained.syncEverything()) {
                long started = System.nanoTime();
                syncAllRelationFiles();
                longest = total = System.nanoTime() - started;
            }
            for (FsyncRequestQueue.Request r : drained.requests()) {
                long started = System.nanoTime();
                int previousWait = self.beginWait(WaitEvent.IO_DATA_FILE_SYNC);
                try {
                    smgr.sync(r.locator(), r.fork(), r.segment());
                } finally {
                    self.endWait(previousWait);
                }
                long took = System.nanoTime() - started;
                longest = Math.max(longest, took);
                total += took;
            }
        } catch (RuntimeException e) {
            fsyncQueue.requeue(drained.requests(), drained.syncEverything());
            throw e;
        }
        LOG.debug("checkpoint synced {} relation segments{}", drained.requests().size(),
                drained.syncEverything() ? " after a full sync (request queue overflowed)" : "");
        return new SyncRequestStats(drained.requests().size() + (drained.syncEverything() ? 1 : 0), longest, total,
                drained.syncEverything());
    }

    private void syncAllRelationFiles() {
        for (String dir : List.of("base", "global")) {
            Path root = smgr.dataDir().resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            } catch (IOException e) {
                throw PgException.error(SqlState.IO_ERROR, "could not fsync relation files under \"" + root + "\": "
                        + e.getMessage());
            }
        }
    }

    // --- LWLock helpers ------------------------------------------------------------------

    private LWLock partitionLock(int hash) {
        return area.lwlock(layout.partitionLock(BufMappingTable.partition(hash)));
    }

    void acquire(LWLock lock, LWLockMode mode) {
        try {
            lock.acquire(mode, self);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(LWLock lock) {
        try {
            lock.release(self);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
