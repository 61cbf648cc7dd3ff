package org.tusk.memam;

import static org.tusk.memam.internal.MemTuple.*;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RelationSize;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.api.storage.TransactionStatusLookup;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.memam.internal.ComboCids;
import org.tusk.memam.internal.MemTuple;
import org.tusk.memam.internal.MemVisibility;
import org.tusk.memam.internal.MemVisibility.UpdateResult;
import org.tusk.memam.internal.MemoryArea;
import org.tusk.memam.internal.MemoryBlock;
import org.tusk.memam.internal.MemoryLayout;
import org.tusk.memam.internal.Xids;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemAttachment;

/**
 * The memory table access method ({@code CREATE TABLE ... USING memory}):
 * tuple versions in 8 kB blocks of the shared-memory area
 * {@value #AREA_NAME}, with the heap's MVCC rules, update chains, row locks
 * and conflict results, but no WAL and no files. The area is zeroed at every
 * server start and crash reset, so after a restart every memory table is
 * empty (its catalog entry survives; a relation missing from the area reads
 * as empty and gets storage again on its first insert).
 *
 * <p>Concurrency: all blocks of a relation are guarded by one of the area's
 * partition LWLocks, held for one block's worth of work at a time; a
 * change that meets a running xmax releases it and waits through
 * {@link TransactionContext#waitForTransaction}, then looks again, exactly
 * as the heap does with its buffer lock.
 *
 * <p>One instance per process, used by one thread at a time (it takes
 * LWLocks with this process's slot).
 */
@Component(service = TableAccessMethod.class, property = TableAccessMethod.NAME_PROPERTY + "=memory")
public final class MemoryAccessMethod implements TableAccessMethod {

    public static final String NAME = "memory";
    /** StorageShmem.MEMORY_TABLES_AREA (a compile-time constant: no run-time dependency on tusk-storage). */
    public static final String AREA_NAME = org.tusk.storage.StorageShmem.MEMORY_TABLES_AREA;
    /** Largest tuple, header included (MaxHeapTupleSize of a memory block). */
    public static final int MAX_TUPLE_SIZE = MemoryBlock.MAX_TUPLE;

    private static final Logger LOG = LoggerFactory.getLogger(MemoryAccessMethod.class);

    @Reference
    private ShmemAttachment attachment;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TransactionStatusLookup clog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TableStatistics stats;

    private MemoryArea memory;

    /** For Declarative Services: the references are injected, then {@link #activate()}. */
    public MemoryAccessMethod() {
    }

    /** For tests and hosts without OSGi: {@code area} is the memory-table area, {@code slot} this process's. */
    public MemoryAccessMethod(ShmemArea area, ProcSlot slot, TransactionStatusLookup clog) {
        this.memory = new MemoryArea(area, slot);
        this.clog = clog;
    }

    @Activate
    void activate() {
        ShmemArea area = attachment.segment().area(AREA_NAME);
        memory = new MemoryArea(area, attachment.slot());
        LOG.debug("memory tables: {} blocks of {} bytes in {}", memory.layout().nblocks(), MemoryLayout.BLCKSZ,
                area);
    }

    /** Where inserts, updates and deletes are counted (the storage core's service; tests set it). */
    public void setStatistics(TableStatistics stats) {
        this.stats = stats;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    /** Blocks of the area owned by relations now (monitoring, tests). */
    public int blocksInUse() {
        return memory.blocksInUse();
    }

    /** Blocks the area holds in all (from {@code memory_table_size}). */
    public int blocksTotal() {
        return memory.layout().nblocks();
    }

    @Override
    public void createStorage(RelFileLocator relation) {
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
            memory.lookupOrCreate(relation);
        }
    }

    @Override
    public void dropStorage(RelFileLocator relation) {
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
            memory.drop(relation);
        }
        count(relation, TableStatistics::drop);
    }

    // --- insert ----------------------------------------------------------------

    @Override
    public TupleId insert(RelFileLocator relation, byte[] data, TransactionContext txn) {
        checkSize(data);
        int xid = txn.assignXid();
        MemTuple header = new MemTuple(xid, Xids.INVALID, txn.commandId(), 0, 0, XMAX_INVALID);
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
            int entry = memory.lookupOrCreate(relation);
            MemoryBlock block = blockForTuple(relation, entry, DATA + data.length);
            TupleId placed = new TupleId(block.number(), block.add(header, data));
            count(relation, (s, r) -> s.countInsert(r, NAME));
            return placed;
        }
    }

    /**
     * RelationGetBufferForTuple without an FSM: the block VACUUM last
     * reported roomy, else the last block, else a new block (53100 if the
     * area is full). The caller holds the partition lock EXCLUSIVE.
     */
    private MemoryBlock blockForTuple(RelFileLocator relation, int entry, int length) {
        int hint = memory.freeHint(entry);
        if (hint >= 0) {
            MemoryBlock block = memory.block(hint);
            if (block.isOwnedBy(relation) && block.fits(length)) {
                return block;
            }
            memory.setFreeHint(entry, -1);
        }
        int last = memory.lastBlock(entry);
        if (last >= 0 && memory.block(last).fits(length)) {
            return memory.block(last);
        }
        return memory.extend(relation, entry);
    }

    private static void checkSize(byte[] data) {
        int size = DATA + data.length;
        if (size > MAX_TUPLE_SIZE) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "row is too big: size " + size + ", maximum size " + MAX_TUPLE_SIZE);
        }
    }

    // --- reading ---------------------------------------------------------------

    @Override
    public TableScan beginScan(RelFileLocator relation, Snapshot snapshot, TransactionContext txn) {
        return new MemoryScan(memory, relation, snapshot, txn);
    }

    @Override
    public byte[] fetch(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn) {
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
            MemoryBlock block = ownedBlock(relation, tid);
            if (block == null || !block.isNormal(tid.offset())
                    || !MemVisibility.satisfiesMvcc(block.header(tid.offset()), snapshot, txn)) {
                return null;
            }
            return block.data(tid.offset());
        }
    }

    @Override
    public TupleId latestTid(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn) {
        TupleId result = tid;
        TupleId at = tid;
        int priorXmax = 0;
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
            for (int hops = 0; hops < 1_000_000; hops++) {
                MemoryBlock block = ownedBlock(relation, at);
                if (block == null || !block.isNormal(at.offset())) {
                    return result;
                }
                MemTuple tuple = block.header(at.offset());
                if (hops > 0 && tuple.xmin() != priorXmax) {
                    return result;              // not the successor the previous version's updater made
                }
                if (MemVisibility.satisfiesMvcc(tuple, snapshot, txn)) {
                    result = at;
                }
                TupleId next = new TupleId(tuple.ctidBlock(), tuple.ctidOffset());
                priorXmax = tuple.xmax();
                if (next.equals(at) || priorXmax == 0) {
                    return result;
                }
                at = next;
            }
        }
        return result;
    }

    @Override
    public org.tusk.api.storage.TupleHeaderFields fetchHeader(RelFileLocator relation, TupleId tid,
            Snapshot snapshot, TransactionContext txn) {
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
            MemoryBlock block = ownedBlock(relation, tid);
            if (block == null || !block.isNormal(tid.offset())
                    || !MemVisibility.satisfiesMvcc(block.header(tid.offset()), snapshot, txn)) {
                return null;
            }
            return MemoryScan.headerFields(block.header(tid.offset()));
        }
    }

    /** The block of {@code tid} if it belongs to {@code relation} (the caller holds the partition lock), else null. */
    private MemoryBlock ownedBlock(RelFileLocator relation, TupleId tid) {
        if (!memory.layout().isBlock(tid.block())) {
            return null;
        }
        MemoryBlock block = memory.block(tid.block());
        return block.isOwnedBy(relation) ? block : null;
    }

    // --- delete, update, lock ----------------------------------------------------

    /** What to do to a version once it may be changed; runs under the partition lock EXCLUSIVE. */
    @FunctionalInterface
    private interface Change {
        ModifyResult apply(MemoryBlock block, MemTuple tuple);
    }

    /**
     * Takes the relation's lock and waits until {@code txn} may change the
     * version at {@code tid} (HeapTupleSatisfiesUpdate, sleeping on a running
     * xmax with the lock released), then applies {@code change}; otherwise
     * returns what stands in the way.
     */
    private ModifyResult modify(RelFileLocator relation, TupleId tid, TransactionContext txn, boolean wait,
            Change change) {
        int cid = txn.commandId();
        while (true) {
            int waitFor;
            try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
                MemoryBlock block = ownedBlock(relation, tid);
                if (block == null) {
                    throw PgException.error(SqlState.INTERNAL_ERROR, "tuple " + tid
                            + " is beyond the end of memory table " + relation);
                }
                if (!block.isNormal(tid.offset())) {
                    return new ModifyResult(ModifyResult.Status.INVISIBLE, null, 0);
                }
                MemTuple tuple = block.header(tid.offset());
                UpdateResult result = MemVisibility.satisfiesUpdate(tuple, tid.block(), tid.offset(), cid, txn);
                TupleId next = new TupleId(tuple.ctidBlock(), tuple.ctidOffset());
                switch (result) {
                    case OK:
                        return change.apply(block, tuple);
                    case BEING_MODIFIED:
                        if (!wait) {
                            return new ModifyResult(ModifyResult.Status.WOULD_BLOCK, null, tuple.xmax());
                        }
                        waitFor = tuple.xmax();
                        break;
                    case INVISIBLE:
                        return new ModifyResult(ModifyResult.Status.INVISIBLE, null, 0);
                    case SELF_MODIFIED:
                        return new ModifyResult(ModifyResult.Status.SELF_MODIFIED, next, tuple.xmax());
                    case UPDATED:
                        return new ModifyResult(ModifyResult.Status.UPDATED, next, tuple.xmax());
                    default:
                        return new ModifyResult(ModifyResult.Status.DELETED, tid, tuple.xmax());
                }
            }
            // XactLockTableWait with no LWLock held (a heavyweight wait never holds one).
            txn.waitForTransaction(waitFor);
        }
    }

    @Override
    public ModifyResult delete(RelFileLocator relation, TupleId tid, TransactionContext txn, Snapshot snapshot,
            boolean wait) {
        int xid = txn.assignXid();
        int cid = txn.commandId();
        ModifyResult result = modify(relation, tid, txn, wait, (block, tuple) -> {
            block.setHeader(tid.offset(), newXmax(tuple, xid, cid, txn, tid.block(), tid.offset()));
            return ModifyResult.ok(null);
        });
        if (result.status() == ModifyResult.Status.OK) {
            count(relation, (s, r) -> s.countDelete(r, NAME));
        }
        return result;
    }

    private void count(RelFileLocator relation, java.util.function.BiConsumer<TableStatistics, RelFileLocator> what) {
        TableStatistics counters = stats;
        if (counters != null) {
            what.accept(counters, relation);
        }
    }

    @Override
    public ModifyResult update(RelFileLocator relation, TupleId tid, byte[] data, TransactionContext txn,
            Snapshot snapshot, boolean wait) {
        checkSize(data);
        int xid = txn.assignXid();
        int cid = txn.commandId();
        MemTuple newHeader = new MemTuple(xid, Xids.INVALID, cid, 0, 0, XMAX_INVALID | UPDATED);
        int length = DATA + data.length;
        ModifyResult result = modify(relation, tid, txn, wait, (block, tuple) -> {
            // The new version is placed first: if the area is full (53100) the old one stays untouched.
            MemoryBlock target = block.fits(length) ? block
                    : blockForTuple(relation, memory.lookupOrCreate(relation), length);
            int newOffset = target.add(newHeader, data);
            block.setHeader(tid.offset(), newXmax(tuple, xid, cid, txn, target.number(), newOffset));
            return ModifyResult.ok(new TupleId(target.number(), newOffset));
        });
        if (result.status() == ModifyResult.Status.OK) {
            count(relation, (s, r) -> s.countUpdate(r, NAME));
        }
        return result;
    }

    /**
     * The header of a version that {@code xid}/{@code cid} deletes or
     * replaces with the one at (ctidBlock, ctidOffset): xmax set, cmax stored
     * (as a combo id when we inserted it too, HeapTupleHeaderAdjustCmax).
     */
    private static MemTuple newXmax(MemTuple tuple, int xid, int cid, TransactionContext txn, int ctidBlock,
            int ctidOffset) {
        int mask = tuple.infomask() & ~(XMAX_BITS | COMBOCID);
        int storedCid = cid;
        if (!tuple.xminFrozen() && txn.isCurrentTransactionId(tuple.xmin())) {
            storedCid = ComboCids.comboId(tuple.cmin(), cid);
            mask |= COMBOCID;
        }
        return tuple.withXmax(xid, storedCid, mask, ctidBlock, ctidOffset);
    }

    @Override
    public ModifyResult lockTuple(RelFileLocator relation, TupleId tid, RowLockMode mode, TransactionContext txn,
            Snapshot snapshot, boolean wait) {
        int xid = txn.assignXid();
        int lockBits = switch (mode) {
            case KEY_SHARE -> XMAX_KEYSHR_LOCK;
            case SHARE -> XMAX_SHR_LOCK;
            case NO_KEY_UPDATE, UPDATE -> XMAX_EXCL_LOCK;
        };
        return modify(relation, tid, txn, wait, (block, tuple) -> {
            int mask = tuple.infomask();
            if (!tuple.xmaxInvalid() && tuple.xmaxIsLockedOnly() && txn.isCurrentTransactionId(tuple.xmax())
                    && lockStrength(mask & LOCK_MASK) >= lockStrength(lockBits)) {
                return ModifyResult.ok(null);           // we already hold at least this lock
            }
            // Without multixacts one locker excludes every other, so the strengths only matter for upgrades.
            block.setHeader(tid.offset(), tuple.withInfomask(xid, mask & ~XMAX_BITS | XMAX_LOCK_ONLY | lockBits));
            return ModifyResult.ok(null);
        });
    }

    private static int lockStrength(int lockBits) {
        return switch (lockBits) {
            case XMAX_KEYSHR_LOCK -> 1;
            case XMAX_SHR_LOCK -> 2;
            case XMAX_EXCL_LOCK -> 3;
            default -> 0;
        };
    }

    // --- VACUUM and statistics -----------------------------------------------------

    @Override
    public java.util.List<TupleId> collectDeadTuples(RelFileLocator relation) {
        java.util.List<TupleId> dead = new java.util.ArrayList<>();
        int nblocks;
        int next;
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
            int entry = memory.lookup(relation);
            nblocks = entry < 0 ? 0 : memory.nblocks(entry);
            next = entry < 0 ? -1 : memory.firstBlock(entry);
        }
        for (int i = 0; i < nblocks && next >= 0; i++) {
            try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
                MemoryBlock block = memory.block(next);
                if (!block.isOwnedBy(relation)) {
                    break;
                }
                for (int off = 1; off <= block.nitems(); off++) {
                    if (block.isDead(off)) {
                        dead.add(new TupleId(block.number(), off));
                    }
                }
                next = block.next();
            }
        }
        return dead;
    }

    /** The second half of VACUUM: LP_DEAD line pointers the indexes no longer point at become reusable. */
    @Override
    public long reclaimDeadTuples(RelFileLocator relation, java.util.Collection<TupleId> deadTuples) {
        java.util.TreeMap<Integer, java.util.List<Integer>> byBlock = new java.util.TreeMap<>();
        for (TupleId tid : deadTuples) {
            byBlock.computeIfAbsent(tid.block(), b -> new java.util.ArrayList<>()).add(tid.offset());
        }
        long reclaimed = 0;
        for (var entry : byBlock.entrySet()) {
            if (entry.getKey() < 0 || entry.getKey() >= memory.layout().nblocks()) {
                continue;
            }
            try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
                MemoryBlock block = memory.block(entry.getKey());
                if (block.isOwnedBy(relation)) {
                    reclaimed += block.reclaim(entry.getValue().stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
        return reclaimed;
    }

    @Override
    public VacuumResult vacuum(RelFileLocator relation, int oldestXmin, int freezeLimit) {
        TransactionStatusLookup lookup = clog;
        if (lookup == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "VACUUM of memory table " + relation + " needs the commit log, which is not available");
        }
        int nblocks;
        int next;
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
            int entry = memory.lookup(relation);
            nblocks = entry < 0 ? 0 : memory.nblocks(entry);
            next = entry < 0 ? -1 : memory.firstBlock(entry);
        }
        BlockVacuum totals = new BlockVacuum(oldestXmin, freezeLimit, lookup);
        int roomiest = -1;
        int roomiestFree = MemoryLayout.BLCKSZ / 8;
        long scanned = 0;
        for (int i = 0; i < nblocks && next >= 0; i++) {
            // One block per lock hold, so that backends are not stalled for the whole table.
            try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
                MemoryBlock block = memory.block(next);
                if (!block.isOwnedBy(relation)) {
                    break;
                }
                totals.vacuum(block);
                scanned++;
                if (block.freeSpace() > roomiestFree) {
                    roomiest = block.number();
                    roomiestFree = block.freeSpace();
                }
                next = block.next();
            }
        }
        if (roomiest >= 0) {
            try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.EXCLUSIVE)) {
                int entry = memory.lookup(relation);
                if (entry >= 0) {
                    memory.setFreeHint(entry, roomiest);
                }
            }
        }
        return new VacuumResult(scanned, totals.removed, totals.remaining, totals.frozen, totals.allVisiblePages,
                totals.recentlyDead);
    }

    /**
     * heap_page_prune_and_freeze for one memory block: DEAD versions are
     * removed at once (their line pointers become LP_UNUSED: no index points
     * into memory tables), LIVE ones whose xmin precedes freezeLimit are
     * frozen, and an xmax that no longer matters (a finished locker, an
     * aborted updater) before freezeLimit is cleared.
     */
    private static final class BlockVacuum {
        final int oldestXmin;
        final int freezeLimit;
        final TransactionStatusLookup clog;
        long removed;
        long remaining;
        long recentlyDead;
        long frozen;
        long allVisiblePages;

        BlockVacuum(int oldestXmin, int freezeLimit, TransactionStatusLookup clog) {
            this.oldestXmin = oldestXmin;
            this.freezeLimit = freezeLimit;
            this.clog = clog;
        }

        void vacuum(MemoryBlock block) {
            int n = block.nitems();
            int[] dead = new int[n];
            int deadCount = 0;
            boolean allVisible = true;
            for (int offset = 1; offset <= n; offset++) {
                if (!block.isNormal(offset)) {
                    continue;
                }
                MemTuple t = block.header(offset);
                switch (MemVisibility.satisfiesVacuum(t, oldestXmin, clog)) {
                    case DEAD -> dead[deadCount++] = offset;
                    case RECENTLY_DEAD, DELETE_IN_PROGRESS -> {
                        remaining++;
                        recentlyDead++;     // its deleter counted it dead already, committed or not
                        allVisible = false;
                    }
                    case INSERT_IN_PROGRESS -> {
                        remaining++;
                        allVisible = false;
                    }
                    case LIVE -> {
                        remaining++;
                        MemTuple after = freeze(t);
                        if (after != t) {
                            block.setHeader(offset, after);
                        }
                        if (!after.xminFrozen() && !Xids.precedes(after.xmin(), oldestXmin)) {
                            allVisible = false;     // someone may still not see the inserter as committed
                        }
                    }
                }
            }
            if (deadCount > 0) {
                block.removeAndCompact(java.util.Arrays.copyOf(dead, deadCount));
                removed += deadCount;
            }
            if (allVisible) {
                allVisiblePages++;
            }
        }

        private MemTuple freeze(MemTuple t) {
            int mask = t.infomask();
            int xmax = t.xmax();
            if (!t.xminFrozen() && Xids.isNormal(t.xmin()) && Xids.precedes(t.xmin(), freezeLimit)) {
                mask |= XMIN_FROZEN;
                frozen++;
            }
            if (!t.xmaxInvalid() && Xids.precedes(xmax, freezeLimit)
                    && clog.status(xmax) != TransactionStatus.IN_PROGRESS) {
                mask = mask & ~XMAX_BITS | XMAX_INVALID;
                xmax = Xids.INVALID;
            }
            return mask == t.infomask() && xmax == t.xmax() ? t : t.withInfomask(xmax, mask);
        }
    }

    @Override
    public RelationSize estimateSize(RelFileLocator relation) {
        try (MemoryArea.Held lock = memory.lockRelation(relation, LWLockMode.SHARED)) {
            int entry = memory.lookup(relation);
            if (entry < 0) {
                return new RelationSize(0, 0);
            }
            long tuples = 0;
            int blocks = memory.nblocks(entry);
            int b = memory.firstBlock(entry);
            for (int i = 0; i < blocks && b >= 0; i++) {
                MemoryBlock block = memory.block(b);
                for (int offset = 1, n = block.nitems(); offset <= n; offset++) {
                    if (block.isNormal(offset)) {
                        tuples++;
                    }
                }
                b = block.next();
            }
            return new RelationSize(blocks, tuples);
        }
    }
}
