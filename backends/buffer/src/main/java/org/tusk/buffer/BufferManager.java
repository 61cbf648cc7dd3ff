package org.tusk.buffer;

import java.nio.file.Path;
import java.util.List;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.internal.BufferLayout;
import org.tusk.buffer.internal.SharedBufferManager;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.RedoContext;
import org.tusk.wal.WalWriter;

/**
 * Shared buffers (PostgreSQL's bufmgr.c): one process's handle on the pool of
 * 8 kB pages in shared memory that every process reads and writes relations
 * through. Obtained with {@link #attach}; one instance per process slot, used
 * by one thread at a time (it carries the process's private pin counts, like
 * a backend's PrivateRefCount array).
 */
public interface BufferManager extends AutoCloseable {

    /** The shared memory the pool needs (PostgreSQL's BufferShmemSize): one area with its LWLocks. */
    static List<ShmemRequest> shmemRequests(int nBuffers) {
        BufferLayout layout = new BufferLayout(nBuffers);
        return List.of(new ShmemRequest(BufferLayout.AREA_NAME, layout.areaSize, BufferLayout.lwlockCount(nBuffers)));
    }

    /**
     * Attaches this process to the pool in {@code segment}, for relation files
     * under {@code dataDir}. {@code self} is the caller's slot (it should own its
     * latch so that lock waits sleep); {@code wal} is flushed before any dirty
     * page is written (WAL before data).
     */
    static BufferManager attach(ShmemSegment segment, Path dataDir, ProcSlot self, WalWriter wal) {
        return attach(segment, dataDir, self, wal, CheckpointDelay.NONE);
    }

    /**
     * Like {@link #attach}, for a process that runs beside the checkpointer:
     * {@code delay} is its DELAY_CHKPT_START flag (the ProcArray's), set while
     * a hint-bit change decides on its full-page image and dirties the buffer
     * ({@link Buffer#markDirtyHint}).
     */
    static BufferManager attach(ShmemSegment segment, Path dataDir, ProcSlot self, WalWriter wal,
            CheckpointDelay delay) {
        return new SharedBufferManager(segment.area(BufferLayout.AREA_NAME), new Smgr(dataDir), self, wal, delay);
    }

    /** Like {@link #attach}, over a given storage manager (tests use small segments). */
    static BufferManager attach(ShmemSegment segment, Smgr smgr, ProcSlot self, WalWriter wal) {
        return new SharedBufferManager(segment.area(BufferLayout.AREA_NAME), smgr, self, wal, CheckpointDelay.NONE);
    }

    /** Number of buffers in the pool (shared_buffers). */
    int nBuffers();

    /** This process's storage manager. */
    Smgr smgr();

    /**
     * ReadBuffer: the block, pinned and not locked; read from disk (checksum
     * verified) if it is not in the pool. A block past the end of the fork is
     * an error; a checksum mismatch is XX001 "invalid page in block N of
     * relation base/D/R".
     */
    Buffer read(RelFileLocator locator, ForkNumber fork, int block);

    /**
     * ReadBufferExtended with a strategy: as {@link #read}, but a page that
     * has to be read into the pool goes into one of {@code ring}'s buffers
     * once the ring is full, instead of a victim of the clock sweep.
     */
    default Buffer read(RelFileLocator locator, ForkNumber fork, int block, BufferRing ring) {
        return read(locator, fork, block);
    }

    /**
     * ExtendBufferedRel: adds a zeroed page at the end of the fork (creating
     * the file if needed), pinned and EXCLUSIVE-locked. The zero page is
     * written to the file before the relation extension lock is released, so
     * concurrent extenders get different blocks and {@link #nblocks} counts it
     * at once.
     */
    Buffer extend(RelFileLocator locator, ForkNumber fork);

    /** RelationGetNumberOfBlocksInFork. */
    int nblocks(RelFileLocator locator, ForkNumber fork);

    /**
     * CheckPointBuffers at full speed: {@link #bufferSync} without delays, then
     * {@link #processSyncRequests}. Returns the number of buffers written.
     */
    int flushAll();

    /**
     * BufferSync: marks every buffer dirty now as needed by the checkpoint
     * (BM_CHECKPOINT_NEEDED), then writes those still marked (WAL flushed
     * first) in file and block order, calling {@code delay} after each. A
     * buffer dirtied only after the marking is left alone (its changes lie
     * after the redo point); one written meanwhile by somebody else loses its
     * mark. Returns the number of buffers this call wrote.
     */
    int bufferSync(CheckpointWriteDelay delay);

    /** ProcessSyncRequests: fsyncs every relation segment written since the last call by any process. */
    SyncRequestStats processSyncRequests();

    /**
     * BgBufferSync, one background-writer round: estimates how many buffers
     * backends will allocate before the next round (the smoothed recent
     * allocation rate times bgwriter_lru_multiplier), and scans that far ahead
     * of the clock-sweep hand, writing only buffers that are dirty, unpinned
     * and not recently used (usage count 0), at most bgwriter_lru_maxpages.
     * Hot pages are left to checkpoints. Keeps its progress in this instance:
     * one process (the checkpointer) calls it.
     */
    BgWriterRound bgBufferSync(BgWriterSettings settings);

    /** The pool's write and allocation counters since the server started (pg_stat_bgwriter). */
    BufferWriteStats writeStats();

    /**
     * Whether pages carry checksums (pg_control's data_checksum_version, set
     * at initdb): written pages get one, read pages are verified. Off in a
     * pool nobody set it for.
     */
    boolean dataChecksums();

    /** The startup process publishes pg_control's data checksum setting to every process, before redo. */
    void setDataChecksums(boolean enabled);

    /**
     * DropRelationBuffers: forgets every buffer of the relation (all forks)
     * without writing it, for DROP and TRUNCATE. The caller holds a lock that
     * keeps other processes away from the relation.
     */
    void dropRelation(RelFileLocator locator);

    /**
     * DropDatabaseBuffers: forgets every buffer of every relation of database
     * {@code dbOid} without writing it, for DROP DATABASE, before its
     * directory is removed. The caller keeps other processes out of the
     * database (its lock on the database object).
     */
    void dropDatabase(int dbOid);

    /** XLogReadBufferForRedo over this pool, for the startup process. */
    RedoContext redoContext();

    @Override
    void close();
}
