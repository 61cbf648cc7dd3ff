package org.tusk.heapam;

import org.tusk.api.storage.TransactionStatusLookup;

import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
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
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.ComboCids;
import org.tusk.heapam.internal.EndedStatusCache;
import org.tusk.heapam.internal.FreeSpaceCache;
import org.tusk.heapam.internal.FreeSpaceMap;
import org.tusk.heapam.internal.HeaderChange;
import org.tusk.heapam.internal.HeapRecords;
import org.tusk.heapam.internal.HeapTupleHeader;
import org.tusk.heapam.internal.HeapVisibility;
import org.tusk.heapam.internal.HeapVisibility.UpdateResult;
import org.tusk.heapam.internal.HotChainWalk;
import org.tusk.heapam.internal.HotPrune;
import org.tusk.heapam.internal.PruneRecord;
import org.tusk.heapam.internal.VisibilityMap;
import org.tusk.heapam.internal.Xids;
import org.tusk.shmem.LWLockMode;
import org.tusk.wal.BlockReference;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/**
 * The heap table access method (heapam.c, heapam_handler.c): tuple versions
 * in slotted pages of the relation's main fork, read and changed only through
 * shared buffers under their content locks, every change WAL-logged with the
 * page LSN set while the exclusive lock is still held.
 *
 * <p>Concurrency is PostgreSQL's: an update, delete or row lock that finds
 * the tuple's xmax running releases the buffer lock, waits for that
 * transaction ({@link TransactionContext#waitForTransaction}) and looks again.
 * Without multixacts a row has one locker at a time: a second locker, even a
 * compatible one, waits for the first to end.
 *
 * <p>One instance per process, used by one thread at a time (like the
 * {@link BufferManager} it works through).
 */
@Component(service = TableAccessMethod.class, property = TableAccessMethod.NAME_PROPERTY + "=heap")
public final class HeapAccessMethod implements TableAccessMethod {

    public static final String NAME = "heap";
    /** MaxHeapTupleSize: a tuple must fit on an empty page with its line pointer. */
    public static final int MAX_TUPLE_SIZE = Page.BLCKSZ - Page.maxAlign(Page.SIZE_OF_PAGE_HEADER + Page.ITEM_ID_SIZE);

    private static final Logger LOG = LoggerFactory.getLogger(HeapAccessMethod.class);

    @Reference
    private BufferManager buffers;
    @Reference
    private WalWriter wal;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TransactionStatusLookup clog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TableStatistics stats;

    private final FreeSpaceCache freeSpace = new FreeSpaceCache();
    /** The page arrays the next sequential scan borrows (a TPC-B transaction scans pgbench_branches once). */
    private final ScanPageBuffers.Spare spareScanBuffers = new ScanPageBuffers.Spare();
    /** {@link #pruneBeforeRead}, made once rather than per scan. */
    private final BiConsumer<Buffer, TransactionContext> pruneBeforeReadHook = this::pruneBeforeRead;
    private FreeSpaceMap fsm;
    private VisibilityMap vm;

    /** For Declarative Services: the references are injected into the fields. */
    @Activate
    public HeapAccessMethod() {
    }

    public HeapAccessMethod(BufferManager buffers, WalWriter wal, TransactionStatusLookup clog) {
        this.buffers = buffers;
        this.wal = wal;
        this.clog = clog;
    }

    /** Where inserts, updates and deletes are counted (the storage core's service; tests set it). */
    public void setStatistics(TableStatistics stats) {
        this.stats = stats;
    }

    @Override
    public List<TupleId> collectDeadTuples(RelFileLocator relation) {
        List<TupleId> dead = new ArrayList<>();
        int nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        Buffer mapPage = null;
        int mapBlock = -1;
        try {
            for (int block = 0; block < nblocks; block++) {
                if (VisibilityMap.mapBlock(block) != mapBlock) {
                    if (mapPage != null) {
                        mapPage.release();
                    }
                    mapBlock = VisibilityMap.mapBlock(block);
                    mapPage = visibilityMap().pinIfExists(relation, block);
                }
                if (mapPage != null && (VisibilityMap.bits(mapPage.page(), block) & VisibilityMap.ALL_VISIBLE) != 0) {
                    continue;                   // an all-visible page has no LP_DEAD items (VACUUM sets it so)
                }
                try (Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block)) {
                    buffer.lock(LWLockMode.SHARED);
                    ByteBuffer page = buffer.page();
                    for (int off = 1; !Page.isNew(page) && off <= Page.maxOffsetNumber(page); off++) {
                        if (Page.itemIdFlags(Page.itemId(page, off)) == Page.LP_DEAD) {
                            dead.add(new TupleId(block, off));
                        }
                    }
                }
            }
        } finally {
            if (mapPage != null) {
                mapPage.release();
            }
        }
        return dead;
    }

    /**
     * lazy_vacuum_heap_page for each page of {@code deadTuples}: under the
     * exclusive lock the still-LP_DEAD ones become LP_UNUSED (no tuple
     * moves, so no cleanup lock is needed), logged as HEAP2 VACUUM.
     */
    @Override
    public long reclaimDeadTuples(RelFileLocator relation, java.util.Collection<TupleId> deadTuples) {
        java.util.TreeMap<Integer, List<Integer>> byBlock = new java.util.TreeMap<>();
        for (TupleId tid : deadTuples) {
            byBlock.computeIfAbsent(tid.block(), b -> new ArrayList<>()).add(tid.offset());
        }
        int nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        long reclaimed = 0;
        for (var entry : byBlock.entrySet()) {
            if (Integer.compareUnsigned(entry.getKey(), nblocks) >= 0) {
                continue;
            }
            try (Buffer buffer = buffers.read(relation, ForkNumber.MAIN, entry.getKey())) {
                buffer.lock(LWLockMode.EXCLUSIVE);
                ByteBuffer page = buffer.page();
                int[] offsets = entry.getValue().stream().mapToInt(Integer::intValue)
                        .filter(off -> !Page.isNew(page) && off >= 1 && off <= Page.maxOffsetNumber(page)
                                && Page.itemIdFlags(Page.itemId(page, off)) == Page.LP_DEAD)
                        .sorted().toArray();
                if (offsets.length == 0) {
                    continue;
                }
                HeapRecords.setUnused(page, offsets);
                buffer.markDirty();
                WalRecord record = WalRecord.builder(ResourceManager.HEAP2, HeapRecords.XLOG_HEAP2_VACUUM)
                        .data(HeapRecords.encodeOffsets(offsets)).block(blockRef(0, buffer, 0)).build();
                Page.setLsn(page, wal.insert(record));
                reclaimed += offsets.length;
            }
        }
        return reclaimed;
    }

    /** The shared free space map (the {@code _fsm} fork), created on first use after injection. */
    public FreeSpaceMap freeSpaceMap() {
        if (fsm == null) {
            fsm = new FreeSpaceMap(buffers);
        }
        return fsm;
    }

    /** The visibility map (the {@code _vm} fork). */
    public VisibilityMap visibilityMap() {
        if (vm == null) {
            vm = new VisibilityMap(buffers);
        }
        return vm;
    }

    /**
     * Index-only scans' question: is every tuple on {@code block} visible to
     * every transaction (the block's ALL_VISIBLE bit in the visibility map)?
     * False for blocks the map does not cover.
     */
    @Override
    public boolean isAllVisible(RelFileLocator relation, int block) {
        return (visibilityMap().status(relation, block) & VisibilityMap.ALL_VISIBLE) != 0;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public void createStorage(RelFileLocator relation) {
        buffers.smgr().create(relation, ForkNumber.MAIN);
    }

    @Override
    public void dropStorage(RelFileLocator relation) {
        buffers.dropRelation(relation);
        for (ForkNumber fork : ForkNumber.values()) {
            if (buffers.smgr().exists(relation, fork)) {
                buffers.smgr().unlink(relation, fork);
            }
        }
        freeSpace.forget(relation);
        sizeSamples.remove(relation);
        knownLengths.remove(relation);
        TableStatistics counters = stats;
        if (counters != null) {
            counters.drop(relation);
        }
    }

    // --- insert ----------------------------------------------------------------

    @Override
    public TupleId insert(RelFileLocator relation, byte[] data, TransactionContext txn) {
        checkSize(data);
        int xid = txn.assignXid();
        byte[] tuple = HeapTupleHeader.form(data, xid, txn.commandId(), 0, 0, 0);
        Buffer buffer = bufferForTuple(relation, tuple.length, -1, true);
        try {
            ByteBuffer page = buffer.page();
            int offset = HeapRecords.chooseOffset(page, tuple.length);
            HeapTupleHeader.setCtid(tuple, buffer.blockNumber(), offset);
            try (VisibilityMapClear vmClear = VisibilityMapClear.prepare(visibilityMap(), buffer)) {
                HeapRecords.placeTuple(page, offset, tuple);
                buffer.markDirty();
                boolean init = isOnlyItem(page, offset);
                WalRecord.Builder record = WalRecord.builder(ResourceManager.HEAP,
                        HeapRecords.XLOG_HEAP_INSERT | (init ? HeapRecords.XLOG_HEAP_INIT_PAGE : 0))
                        .xid(xid).data(HeapRecords.encodeInsert(offset, tuple, xid, buffer.blockNumber()))
                        .block(blockRef(0, buffer, init ? BlockReference.WILL_INIT : 0));
                vmClear.register(record);
                long lsn = wal.insert(record.build());
                Page.setLsn(page, lsn);
                vmClear.setLsn(lsn);
            }
            freeSpace.record(relation, buffer.blockNumber(), HeapRecords.freeSpace(page));
            TableStatistics counters = stats;
            if (counters != null) {
                counters.countInsert(relation, NAME);
            }
            return new TupleId(buffer.blockNumber(), offset);
        } finally {
            buffer.release();
        }
    }

    /**
     * heap_multi_insert: the rows' tuples go onto pages in order, as many as
     * fit on each page under one exclusive lock, and each page's share is one
     * HEAP2 MULTI_INSERT record (a page's worth of COPY rows cost one buffer
     * lookup, one lock and one WAL insertion instead of one per row).
     */
    @Override
    public TupleId[] multiInsert(RelFileLocator relation, java.util.List<byte[]> rows, TransactionContext txn) {
        return multiInsert(relation, rows, txn, false);
    }

    /**
     * heap_multi_insert. With {@code frozen} (TABLE_INSERT_FROZEN, COPY FREEZE into storage
     * created in this subtransaction) the tuples carry HEAP_XMIN_FROZEN (xmin stays the
     * inserter's, as PostgreSQL keeps it since 9.4); a page that held nothing before becomes
     * PD_ALL_VISIBLE with its map bits ALL_VISIBLE | ALL_FROZEN, and a PD_ALL_VISIBLE page
     * stays so (only frozen rows join it), all in the page's MULTI_INSERT record. So the VACUUM
     * after a COPY FREEZE skips every page and readers ask the commit log nothing.
     */
    @Override
    public TupleId[] multiInsert(RelFileLocator relation, java.util.List<byte[]> rows, TransactionContext txn,
            boolean frozen) {
        TupleId[] tids = new TupleId[rows.size()];
        if (tids.length == 0) {
            return tids;
        }
        for (byte[] data : rows) {
            checkSize(data);
        }
        int xid = txn.assignXid();
        int cid = txn.commandId();
        int extraInfomask = frozen ? HeapTupleHeader.HEAP_XMIN_FROZEN : 0;
        // Each tuple's header is formed here for the page and again in the page's WAL record, and the
        // row's data copied into both from the caller's array: no tuple is joined in an array of its own.
        byte[] header = new byte[HeapTupleHeader.HOFF];
        int next = 0;
        // heap_multi_insert's vmbuffer: the map page of the pages this call sets all-frozen, pinned once for all
        // of them (one map page covers 32,672 heap pages). Pinning it per heap page asked the map fork's size
        // (an fstat) for every page COPY FREEZE filled.
        Buffer mapPage = null;
        try {
            while (next < tids.length) {
                Buffer buffer = bufferForTuple(relation, HeapTupleHeader.HOFF + rows.get(next).length, -1, !frozen);
                try {
                    ByteBuffer page = buffer.page();
                    int block = buffer.blockNumber();
                    boolean init = Page.maxOffsetNumber(page) == 0;
                    // PostgreSQL's all_frozen_set (a page that starts empty), or a page all-visible
                    // before that only frozen rows join: either way it is all-visible afterwards
                    boolean allFrozenSet = frozen && init;
                    boolean staysAllVisible = frozen && (allFrozenSet || (Page.flags(page) & Page.PD_ALL_VISIBLE) != 0);
                    if (allFrozenSet) {
                        Buffer held = mapPage;
                        mapPage = null;             // released by pin when it is the wrong page
                        mapPage = visibilityMap().pin(relation, block, held);
                    }
                    int first = next;
                    int[] offsets = new int[Math.min(tids.length - first, HeapTupleHeader.MAX_TUPLES_PER_PAGE)];
                    try (VisibilityMapClear vmClear = staysAllVisible ? VisibilityMapClear.none()
                            : VisibilityMapClear.prepare(visibilityMap(), buffer)) {
                        int offset;
                        while (next < tids.length && next - first < offsets.length
                                && (offset = HeapRecords.chooseOffset(page,
                                        HeapTupleHeader.HOFF + rows.get(next).length)) != Page.INVALID_OFFSET_NUMBER) {
                            HeapTupleHeader.writeNew(header, 0, xid, cid, block, offset, extraInfomask);
                            HeapRecords.placeTuple(page, offset, header, rows.get(next));
                            offsets[next - first] = offset;
                            tids[next] = new TupleId(block, offset);
                            next++;
                        }
                        if (staysAllVisible) {
                            Page.setFlags(page, Page.flags(page) | Page.PD_ALL_VISIBLE);
                        }
                        buffer.markDirty();
                        int info = HeapRecords.XLOG_HEAP2_MULTI_INSERT | (init ? HeapRecords.XLOG_HEAP_INIT_PAGE : 0)
                                | (staysAllVisible ? HeapRecords.XLOG_HEAP2_MULTI_INSERT_ALL_VISIBLE : 0);
                        WalRecord.Builder record = WalRecord.builder(ResourceManager.HEAP2, info)
                                .xid(xid).data(HeapRecords.encodeMultiInsert(offsets, rows, first, next, xid, cid,
                                        block, extraInfomask))
                                .block(blockRef(0, buffer, init ? BlockReference.WILL_INIT : 0));
                        if (allFrozenSet) {
                            // visibilitymap_set under the heap page's lock (heap page, then map page)
                            mapPage.lock(LWLockMode.EXCLUSIVE);
                            VisibilityMap.setBits(mapPage.page(), block,
                                    VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
                            mapPage.markDirty();
                            record.block(blockRef(1, mapPage, 0));
                        }
                        vmClear.register(record);
                        long lsn = wal.insert(record.build());
                        Page.setLsn(page, lsn);
                        vmClear.setLsn(lsn);
                        if (allFrozenSet) {
                            Page.setLsn(mapPage.page(), lsn);
                            mapPage.unlock();
                        }
                    }
                    freeSpace.record(relation, block, HeapRecords.freeSpace(page));
                } finally {
                    buffer.release();
                }
            }
        } finally {
            if (mapPage != null) {
                mapPage.release();
            }
        }
        TableStatistics counters = stats;
        if (counters != null) {
            counters.countInserts(relation, NAME, tids.length);
        }
        return tids;
    }

    /**
     * RelationGetBufferForTuple: a page with room for {@code length} bytes,
     * pinned and EXCLUSIVE-locked, initialized if it was new; never
     * {@code excludedBlock} (the old page of an update, whose lock the caller
     * does not hold now). Tries pages this process knows to have room, then
     * the last page, then extends the relation. Without {@code useFsm}
     * (TABLE_INSERT_SKIP_FSM: COPY FREEZE, into storage this subtransaction
     * created, which no other process can have freed space in) the shared free
     * space map is not asked.
     */
    private Buffer bufferForTuple(RelFileLocator relation, int length, int excludedBlock, boolean useFsm) {
        int needed = Page.maxAlign(length) + Page.ITEM_ID_SIZE;
        while (true) {
            int block = freeSpace.find(relation, needed, excludedBlock);
            if (block < 0 && useFsm) {
                block = freeSpaceMap().find(relation, needed, excludedBlock);
                if (block >= 0 && !isWithin(relation, block)) {
                    freeSpaceMap().record(relation, block, 0);      // a stale entry beyond the end
                    continue;
                }
            }
            // The last page, when nothing here knows of room (PostgreSQL's "FSM knows nothing of the rel": its
            // last-page try). Without the shared map (TABLE_INSERT_SKIP_FSM: new storage only this process
            // extends) that page is only unknown while this process knows no page of the relation at all:
            // otherwise it is the target just found full, as PostgreSQL's bulk insert state's current buffer,
            // and asking the file's size (an fstat) for every page COPY FREEZE filled learned nothing.
            if (block < 0 && (useFsm || !freeSpace.knowsAnyPage(relation))) {
                int last = buffers.nblocks(relation, ForkNumber.MAIN) - 1;
                if (last >= 0 && last != excludedBlock && !freeSpace.knows(relation, last)) {
                    block = last;
                }
            }
            if (block < 0) {
                Buffer buffer = buffers.extend(relation, ForkNumber.MAIN);
                HeapRecords.initPage(buffer.page());
                buffer.markDirty();
                return buffer;
            }
            Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block);
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            if (Page.isNew(page)) {
                // Extended by someone who did not get to use it (PostgreSQL initializes such pages too).
                HeapRecords.initPage(page);
                buffer.markDirty();
            }
            if (HeapRecords.chooseOffset(page, length) != Page.INVALID_OFFSET_NUMBER) {
                return buffer;
            }
            int free = HeapRecords.freeSpace(page);
            buffer.release();
            // RecordAndGetPageWithFreeSpace: correct the shared map (after the heap page lock is gone).
            freeSpace.record(relation, block, free);
            if (useFsm) {
                freeSpaceMap().record(relation, block, free);
            }
        }
    }

    /** Whether the tuple just placed at {@code offset} is alone on the page: its record may re-initialize it. */
    private static boolean isOnlyItem(ByteBuffer page, int offset) {
        return offset == 1 && Page.maxOffsetNumber(page) == 1;
    }

    private static void checkSize(byte[] data) {
        int size = HOFF + data.length;
        if (size > MAX_TUPLE_SIZE) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "row is too big: size " + size + ", maximum size " + MAX_TUPLE_SIZE);
        }
    }

    // --- reading ---------------------------------------------------------------

    @Override
    public TableScan beginScan(RelFileLocator relation, Snapshot snapshot, TransactionContext txn) {
        return new HeapScan(buffers, relation, snapshot, txn, pruneBeforeReadHook, spareScanBuffers);
    }

    @Override
    public byte[] fetch(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn) {
        return readVisible(relation, tid, snapshot, txn, HeapTupleHeader::data);
    }

    /**
     * heap_fetch: {@code read} applied to the tuple at {@code tid} under a share lock on its
     * page, or null when there is none or the snapshot does not see it.
     */
    private <T> T readVisible(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn,
            java.util.function.Function<ByteBuffer, T> read) {
        if (!isWithin(relation, tid.block())) {
            return null;
        }
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, tid.block());
        try {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer tuple = normalTuple(buffer.page(), tid.offset());
            if (tuple == null || !HeapVisibility.satisfiesMvcc(tuple, snapshot, txn, buffer)) {
                return null;
            }
            return read.apply(tuple);
        } finally {
            buffer.release();
        }
    }

    @Override
    public TupleId latestTid(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn) {
        TupleId result = tid;
        TupleId at = tid;
        int priorXmax = 0;
        for (int hops = 0; hops < 1_000_000; hops++) {
            if (!isWithin(relation, at.block())) {
                return result;
            }
            TupleId next;
            Buffer buffer = buffers.read(relation, ForkNumber.MAIN, at.block());
            try {
                buffer.lock(LWLockMode.SHARED);
                ByteBuffer tuple = normalTuple(buffer.page(), at.offset());
                // the chain ends at a removed item or at a version not made by the previous one's updater
                if (tuple == null || hops > 0 && HeapTupleHeader.xmin(tuple) != priorXmax) {
                    return result;
                }
                if (HeapVisibility.satisfiesMvcc(tuple, snapshot, txn, buffer)) {
                    result = at;
                }
                next = new TupleId(HeapTupleHeader.ctidBlock(tuple), HeapTupleHeader.ctidOffset(tuple));
                priorXmax = HeapTupleHeader.xmax(tuple);
            } finally {
                buffer.release();
            }
            if (next.equals(at) || priorXmax == 0) {
                return result;
            }
            at = next;
        }
        return result;
    }

    @Override
    public org.tusk.api.storage.TupleHeaderFields fetchHeader(RelFileLocator relation, TupleId tid,
            Snapshot snapshot, TransactionContext txn) {
        return readVisible(relation, tid, snapshot, txn, HeapScan::headerFields);
    }

    /**
     * HeapTupleSatisfiesDirty over the HOT chain at {@code tid} (an index entry's): the first
     * member that is not DEAD decides (heap_hot_search_buffer with SnapshotDirty).
     */
    @Override
    public org.tusk.api.storage.TupleLiveness liveness(RelFileLocator relation, TupleId tid, TransactionContext txn) {
        if (!isWithin(relation, tid.block())) {
            return org.tusk.api.storage.TupleLiveness.DEAD;
        }
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, tid.block());
        try {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer page = buffer.page();
            if (!isChainRoot(page, tid.offset())) {
                return org.tusk.api.storage.TupleLiveness.DEAD;
            }
            HotChainWalk chain = new HotChainWalk(page, tid.offset(), null);
            for (int member = chain.next(); member != 0; member = chain.next()) {
                org.tusk.api.storage.TupleLiveness liveness = HeapVisibility.satisfiesDirty(Page.item(page, member), txn,
                        buffer);
                if (liveness.state() != org.tusk.api.storage.TupleLiveness.State.DEAD) {
                    return liveness;
                }
            }
            return org.tusk.api.storage.TupleLiveness.DEAD;
        } finally {
            buffer.release();
        }
    }

    /**
     * heap_hot_search_buffer with an MVCC snapshot: the member of the HOT chain at {@code tid}
     * (an index entry's heap TID, maybe a redirect) that {@code snapshot} sees, with its id.
     */
    @Override
    public org.tusk.api.storage.FetchedTuple fetchFromIndex(RelFileLocator relation, TupleId tid, Snapshot snapshot,
            TransactionContext txn) {
        if (!isWithin(relation, tid.block())) {
            return null;
        }
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, tid.block());
        try {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer page = buffer.page();
            if (!isChainRoot(page, tid.offset())) {
                return null;
            }
            HotChainWalk chain = new HotChainWalk(page, tid.offset(), null);
            for (int member = chain.next(); member != 0; member = chain.next()) {
                ByteBuffer tuple = Page.item(page, member);
                if (HeapVisibility.satisfiesMvcc(tuple, snapshot, txn, buffer)) {
                    return new org.tusk.api.storage.FetchedTuple(new TupleId(tid.block(), member),
                            HeapTupleHeader.data(tuple));
                }
            }
            return null;
        } finally {
            buffer.release();
        }
    }

    /**
     * Whether the line pointer an index entry names can start a HOT chain (NORMAL or REDIRECT), read
     * from the line pointer alone: no view of the tuple is made for a check (heap_hot_search_buffer).
     */
    private static boolean isChainRoot(ByteBuffer page, int offset) {
        if (Page.isNew(page) || offset < 1 || offset > Page.maxOffsetNumber(page)) {
            return false;
        }
        int flags = Page.itemIdFlags(Page.itemId(page, offset));
        return flags == Page.LP_NORMAL || flags == Page.LP_REDIRECT;
    }

    @Override
    public byte[] inplaceUpdate(RelFileLocator relation, TupleId tid, java.util.function.UnaryOperator<byte[]> change) {
        Buffer buffer = readForModify(relation, tid);
        try {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            ByteBuffer tuple = normalTuple(page, tid.offset());
            if (tuple == null) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "tuple " + tid + " of " + relation
                        + " to update in place is gone");
            }
            byte[] data = change.apply(HeapTupleHeader.data(tuple));
            HeapRecords.overwriteData(page, tid.offset(), data);
            buffer.markDirty();
            // heap_inplace_update: xmin/xmax unchanged, so the page's visibility bits stay
            log(HeapRecords.XLOG_HEAP_INPLACE, 0, HeapRecords.encodeInplace(tid.offset(), data), buffer,
                    VisibilityMapClear.none());
            return data;
        } finally {
            buffer.release();
        }
    }

    /** The tuple at {@code offset} if that line pointer is in range and NORMAL, else null. */
    static ByteBuffer normalTuple(ByteBuffer page, int offset) {
        if (Page.isNew(page) || offset < 1 || offset > Page.maxOffsetNumber(page)) {
            return null;
        }
        return Page.itemIdFlags(Page.itemId(page, offset)) == Page.LP_NORMAL ? Page.item(page, offset) : null;
    }

    // --- delete, update, lock ----------------------------------------------------

    @Override
    public ModifyResult delete(RelFileLocator relation, TupleId tid, TransactionContext txn, Snapshot snapshot,
            boolean wait) {
        int xid = txn.assignXid();
        int cid = txn.commandId();
        Buffer buffer = readForModify(relation, tid);
        try {
            ModifyResult failure = lockModifiable(relation, buffer, tid, cid, txn, wait, true);
            if (failure != null) {
                return failure;
            }
            ByteBuffer page = buffer.page();
            ByteBuffer tuple = Page.item(page, tid.offset());
            HeaderChange change = newXmax(tuple, tid.offset(), xid, cid, txn, tid.block(), tid.offset());
            try (VisibilityMapClear vmClear = VisibilityMapClear.prepare(visibilityMap(), buffer)) {
                change.apply(page);
                buffer.markDirty();
                log(HeapRecords.XLOG_HEAP_DELETE, xid, HeapRecords.encodeHeaderChange(change), buffer, vmClear);
            }
            TableStatistics counters = stats;
            if (counters != null) {
                counters.countDelete(relation, NAME);
            }
            return ModifyResult.ok(null);
        } finally {
            buffer.release();
        }
    }

    @Override
    public ModifyResult update(RelFileLocator relation, TupleId tid, byte[] data, TransactionContext txn,
            Snapshot snapshot, boolean wait) {
        return update(relation, tid, data, txn, snapshot, wait, false);
    }

    /**
     * heap_update. With {@code indexedColumnsUnchanged} and room on the old version's page
     * (after pruning it, when it is full and has prunable versions) the new version is a
     * heap-only tuple (HOT): the old one gets HEAP_HOT_UPDATED, the new one HEAP_ONLY_TUPLE,
     * and the result tells the caller not to insert index entries.
     */
    @Override
    public ModifyResult update(RelFileLocator relation, TupleId tid, byte[] data, TransactionContext txn,
            Snapshot snapshot, boolean wait, boolean indexedColumnsUnchanged) {
        checkSize(data);
        int xid = txn.assignXid();
        int cid = txn.commandId();
        byte[] newTuple = HeapTupleHeader.form(data, xid, cid, 0, 0, HEAP_UPDATED);
        Buffer oldBuffer = readForModify(relation, tid);
        try {
            while (true) {
                ModifyResult failure = lockModifiable(relation, oldBuffer, tid, cid, txn, wait, true);
                if (failure != null) {
                    return failure;
                }
                ByteBuffer oldPage = oldBuffer.page();
                int newOffset = HeapRecords.chooseOffset(oldPage, newTuple.length);
                // only for updates that may be HOT (the executor's, on user tables): catalog rows keep the
                // placement they always had, and pruning is what makes room for the chain to grow
                if (newOffset == Page.INVALID_OFFSET_NUMBER && indexedColumnsUnchanged
                        && pruneOpportunistically(oldBuffer, txn)) {
                    newOffset = HeapRecords.chooseOffset(oldPage, newTuple.length);
                }
                if (newOffset != Page.INVALID_OFFSET_NUMBER) {
                    return updateOnPages(oldBuffer, oldBuffer, newOffset, tid, newTuple, xid, cid, txn,
                            indexedColumnsUnchanged);
                }
                // Another page: lock both in block order (as RelationGetBufferForTuple does) to avoid deadlocks.
                oldBuffer.unlock();
                Buffer newBuffer = bufferForTuple(relation, newTuple.length, tid.block(), true);
                try {
                    if (Integer.compareUnsigned(newBuffer.blockNumber(), tid.block()) > 0) {
                        newBuffer.unlock();
                        oldBuffer.lock(LWLockMode.EXCLUSIVE);
                        newBuffer.lock(LWLockMode.EXCLUSIVE);
                    } else {
                        oldBuffer.lock(LWLockMode.EXCLUSIVE);
                    }
                    ByteBuffer tuple = normalTuple(oldBuffer.page(), tid.offset());
                    boolean stillOk = tuple != null && HeapVisibility.satisfiesUpdate(tuple, tid.block(),
                            tid.offset(), cid, txn, oldBuffer) == UpdateResult.OK;
                    newOffset = stillOk ? HeapRecords.chooseOffset(newBuffer.page(), newTuple.length)
                            : Page.INVALID_OFFSET_NUMBER;
                    if (newOffset != Page.INVALID_OFFSET_NUMBER) {
                        return updateOnPages(oldBuffer, newBuffer, newOffset, tid, newTuple, xid, cid, txn, false);
                    }
                    // Changed while unlocked (the tuple, or the room on the new page): start over, which
                    // locks the old page again after waiting for whoever changed the tuple.
                    oldBuffer.unlock();
                } finally {
                    newBuffer.release();
                }
            }
        } finally {
            oldBuffer.release();
        }
    }

    /**
     * heap_update's critical section: both pages exclusively locked, the old tuple checked, the new
     * version's line pointer {@code newOffset} chosen under these locks (choosing it scans the line
     * pointers of a page with PD_HAS_FREE_LINES, so it is not chosen twice); a HOT update when
     * {@code hot} and the pages are one.
     */
    private ModifyResult updateOnPages(Buffer oldBuffer, Buffer newBuffer, int newOffset, TupleId tid,
            byte[] newTuple, int xid, int cid, TransactionContext txn, boolean hot) {
        ByteBuffer newPage = newBuffer.page();
        int newBlock = newBuffer.blockNumber();
        HeapTupleHeader.setCtid(newTuple, newBlock, newOffset);
        ByteBuffer oldPage = oldBuffer.page();
        HeaderChange change = newXmax(Page.item(oldPage, tid.offset()), tid.offset(), xid, cid, txn, newBlock,
                newOffset);
        boolean samePage = oldBuffer == newBuffer;
        boolean heapOnly = hot && samePage;
        if (heapOnly) {
            // the old version leads its chain on to the new one; no index entry will point at the new one
            change = new HeaderChange(change.offset(), change.xmax(), change.cid(), change.infomask(),
                    change.infomask2() & ~HEAP_KEYS_UPDATED | HEAP_HOT_UPDATED, change.ctidBlock(),
                    change.ctidOffset(), change.flags());
            ByteBuffer t = ByteBuffer.wrap(newTuple).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            HeapTupleHeader.setInfomask2(t, HeapTupleHeader.infomask2(t) | HEAP_ONLY_TUPLE);
        }
        long lsn;
        try (VisibilityMapClear vmClear = samePage ? VisibilityMapClear.prepare(visibilityMap(), newBuffer)
                : VisibilityMapClear.prepare(visibilityMap(), newBuffer, oldBuffer)) {
            // on one page redo has the old version at hand: the record logs only the data that differs
            byte[] data = HeapRecords.encodeUpdate(change, newOffset, newTuple, xid, newBlock,
                    samePage ? Page.item(oldPage, tid.offset()) : null);
            change.apply(oldPage);
            HeapRecords.placeTuple(newPage, newOffset, newTuple);
            oldBuffer.markDirty();
            newBuffer.markDirty();
            boolean init = !samePage && isOnlyItem(newPage, newOffset);
            WalRecord.Builder record = WalRecord.builder(ResourceManager.HEAP,
                    HeapRecords.XLOG_HEAP_UPDATE | (init ? HeapRecords.XLOG_HEAP_INIT_PAGE : 0))
                    .xid(xid).data(data)
                    .block(blockRef(0, newBuffer, init ? BlockReference.WILL_INIT : 0));
            if (!samePage) {
                record.block(blockRef(1, oldBuffer, 0));
            }
            vmClear.register(record);
            lsn = wal.insert(record.build());
            vmClear.setLsn(lsn);
        }
        Page.setLsn(newPage, lsn);
        Page.setLsn(oldPage, lsn);
        TableStatistics counters = stats;
        if (counters != null) {
            counters.countUpdate(oldBuffer.locator(), NAME, heapOnly);
        }
        freeSpace.record(newBuffer.locator(), newBlock, HeapRecords.freeSpace(newPage));
        if (!samePage) {
            newBuffer.unlock();
        }
        TupleId newTid = new TupleId(newBlock, newOffset);
        return heapOnly ? ModifyResult.okHeapOnly(newTid) : ModifyResult.ok(newTid);
    }

    /**
     * heap_page_prune_opt on the exclusively locked page of an update that did not fit: when
     * the page may hold versions dead to everyone (pd_prune_xid before the horizon), prunes
     * its HOT chains ({@link HotPrune}), logged as HEAP2 PRUNE. Tusk's readers copy what they
     * need under the content lock and keep no pointers into a page after releasing it, so the
     * exclusive lock suffices for moving tuples (PostgreSQL needs a cleanup lock for that).
     * Returns whether anything was freed.
     */
    private boolean pruneOpportunistically(Buffer buffer, TransactionContext txn) {
        int prunable = Page.pruneXid(buffer.page());
        if (prunable == Xids.INVALID) {
            return false;
        }
        int horizon = txn.pruneHorizon();
        if (horizon == Xids.INVALID || !Xids.precedes(prunable, horizon)) {
            return false;
        }
        return pruneLocked(buffer, prunable, horizon, txn);
    }

    /**
     * heap_page_prune_opt as heapgetpage calls it for each page a sequential scan reads: a page
     * with less than a tenth of its space free (MINFREE; pgbench's tables have fillfactor 100, so
     * the fillfactor's share never exceeds it) and versions that may be dead to everyone is pruned
     * before the scan looks at it, when its exclusive lock is free right now. Without this, pages
     * that no update lands on any more (the HOT chains of pgbench_branches move on to a later page
     * once one fills) kept every dead version until autovacuum, and each scan checked them all.
     * The caller holds a pin and no lock. pd_prune_xid and the free space are first read without
     * the lock, as PostgreSQL does (a stale answer only prunes a little early or late).
     */
    void pruneBeforeRead(Buffer buffer, TransactionContext txn) {
        ByteBuffer page = buffer.page();
        int prunable = Page.pruneXid(page);
        if (prunable == Xids.INVALID || HeapRecords.freeSpace(page) >= PRUNE_MIN_FREE) {
            return;
        }
        int horizon = txn.pruneHorizon();
        if (horizon == Xids.INVALID || !Xids.precedes(prunable, horizon)
                || !buffer.conditionalLock(LWLockMode.EXCLUSIVE)) {
            return;                                 // busy: the next reader of the page will try again
        }
        try {
            prunable = Page.pruneXid(page);
            if (prunable != Xids.INVALID && Xids.precedes(prunable, horizon)
                    && HeapRecords.freeSpace(page) < PRUNE_MIN_FREE) {
                pruneLocked(buffer, prunable, horizon, txn);
            }
        } finally {
            buffer.unlock();
        }
    }

    /** heap_page_prune_opt's minfree with the default fillfactor: BLCKSZ / 10. */
    static final int PRUNE_MIN_FREE = Page.BLCKSZ / 10;

    /** heap_page_prune on the exclusively locked {@code buffer}; whether anything was freed. */
    private boolean pruneLocked(Buffer buffer, int prunable, int horizon, TransactionContext txn) {
        ByteBuffer page = buffer.page();
        HotPrune prune = HotPrune.compute(page, horizon, statusOf(txn), buffer);
        if (!prune.changesAnything()) {
            if (prune.newPruneXid() != prunable) {
                Page.setPruneXid(page, prune.newPruneXid());      // a hint, like PostgreSQL's: not logged
            }
            return false;
        }
        int freed = prune.tuplesFreed(page);
        logPrune(buffer, prune);
        TableStatistics counters = stats;
        if (counters != null) {
            counters.countPruned(buffer.locator(), freed);
        }
        return true;
    }

    /**
     * {@code txn::status}, made once per transaction context: a session keeps its context, and the method
     * reference pruneLocked made for every full page an update found was a new object each time (allocated
     * through a method handle, outside compiled code: 0.1-0.2% of a TPC-B backend's samples).
     */
    private java.util.function.IntFunction<TransactionStatus> statusOf(TransactionContext txn) {
        StatusOf known = statusOf;
        if (known == null || known.txn() != txn) {
            known = new StatusOf(txn, txn::status);
            statusOf = known;       // final fields: safe to publish racily, a loser only makes another
        }
        return known.status();
    }

    private record StatusOf(TransactionContext txn, java.util.function.IntFunction<TransactionStatus> status) {
    }

    private StatusOf statusOf;

    /** Applies {@code prune} to the exclusively locked {@code buffer} and logs it (HEAP2 PRUNE). */
    private void logPrune(Buffer buffer, HotPrune prune) {
        ByteBuffer page = buffer.page();
        prune.apply(page);
        buffer.markDirty();
        WalRecord record = WalRecord.builder(ResourceManager.HEAP2, HotPrune.XLOG_HEAP2_PRUNE)
                .data(prune.encode()).block(blockRef(0, buffer, 0)).build();
        Page.setLsn(page, wal.insert(record));
    }

    @Override
    public ModifyResult lockTuple(RelFileLocator relation, TupleId tid, RowLockMode mode, TransactionContext txn,
            Snapshot snapshot, boolean wait) {
        int xid = txn.assignXid();
        int cid = txn.commandId();
        int lockBits = switch (mode) {
            case KEY_SHARE -> HEAP_XMAX_KEYSHR_LOCK;
            case SHARE -> HEAP_XMAX_SHR_LOCK;
            case NO_KEY_UPDATE, UPDATE -> HEAP_XMAX_EXCL_LOCK;
        };
        Buffer buffer = readForModify(relation, tid);
        try {
            ModifyResult failure = lockModifiable(relation, buffer, tid, cid, txn, wait, false);
            if (failure != null) {
                return failure;
            }
            ByteBuffer page = buffer.page();
            ByteBuffer tuple = Page.item(page, tid.offset());
            int mask = infomask(tuple);
            if ((mask & HEAP_XMAX_INVALID) == 0 && xmaxIsLockedOnly(mask) && txn.isCurrentTransactionId(xmax(tuple))
                    && lockStrength(mask & HEAP_LOCK_MASK) >= lockStrength(lockBits)) {
                return ModifyResult.ok(null);           // we already hold at least this lock
            }
            int newMask = mask & ~HEAP_XMAX_BITS | HEAP_XMAX_LOCK_ONLY | lockBits;
            // Without multixacts every locker excludes every other, so FOR UPDATE and FOR NO KEY UPDATE look alike.
            int infomask2 = infomask2(tuple) & ~HEAP_KEYS_UPDATED;
            HeaderChange change = new HeaderChange(tid.offset(), xid, rawCid(tuple), newMask, infomask2,
                    ctidBlock(tuple), ctidOffset(tuple), 0);
            // The page stays all-visible, but its tuple now has an xmax: the map's bits go (PostgreSQL
            // clears only ALL_FROZEN; clearing both is conservative and VACUUM sets ALL_VISIBLE again).
            try (VisibilityMapClear vmClear = VisibilityMapClear.prepare(visibilityMap(), buffer)) {
                change.apply(page);
                buffer.markDirty();
                log(HeapRecords.XLOG_HEAP_LOCK, xid, HeapRecords.encodeHeaderChange(change), buffer, vmClear);
            }
            return ModifyResult.ok(null);
        } finally {
            buffer.release();
        }
    }

    private static int lockStrength(int lockBits) {
        return switch (lockBits) {
            case HEAP_XMAX_KEYSHR_LOCK -> 1;
            case HEAP_XMAX_SHR_LOCK -> 2;
            case HEAP_XMAX_EXCL_LOCK -> 3;
            default -> 0;
        };
    }

    /**
     * Whether {@code block} (unsigned) is inside the relation's main fork. A heap
     * never shrinks while it keeps its relfilenode (no truncation; TRUNCATE and
     * DROP give it new or no storage), so a length seen once stays a lower bound
     * and only blocks beyond it cost an lseek (mdnblocks) — every fetch and
     * update asked for one.
     */
    private boolean isWithin(RelFileLocator relation, int block) {
        Integer known = knownLengths.get(relation);
        if (known != null && Integer.compareUnsigned(block, known) < 0) {
            return true;
        }
        int nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        if (knownLengths.size() >= KNOWN_LENGTHS_MAX) {
            knownLengths.clear();
        }
        knownLengths.put(relation, nblocks);
        return Integer.compareUnsigned(block, nblocks) < 0;
    }

    private static final int KNOWN_LENGTHS_MAX = 4096;
    private final java.util.concurrent.ConcurrentHashMap<RelFileLocator, Integer> knownLengths =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The pinned, unlocked buffer of {@code tid}, which must be inside the relation. */
    private Buffer readForModify(RelFileLocator relation, TupleId tid) {
        if (!isWithin(relation, tid.block())) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "tuple " + tid + " is beyond the end of relation "
                    + relation);
        }
        return buffers.read(relation, ForkNumber.MAIN, tid.block());
    }

    /**
     * Takes the buffer's EXCLUSIVE lock and waits until the tuple may be
     * changed by {@code txn} (HeapTupleSatisfiesUpdate, waiting for a running
     * xmax). Returns null with the lock held if it may; otherwise the
     * failure, with the lock released.
     *
     * <p>With {@code tupleLock} (UPDATE and DELETE), a writer that must wait first takes the
     * version's tuple lock (heap_acquire_tuplock) and keeps it while it sleeps on the xmax, so
     * the writers of one hot row (pgbench_branches) queue on that lock in arrival order and each
     * commit wakes only the first of them; without it every waiter woke at each commit, re-read
     * the page under its content lock and, all but one, went back to sleep on the winner. The
     * lock is released before returning, whatever the outcome: a later writer then finds our
     * xmax (or the version we gave up on) under the content lock.
     */
    private ModifyResult lockModifiable(RelFileLocator relation, Buffer buffer, TupleId tid, int cid,
            TransactionContext txn, boolean wait, boolean tupleLock) {
        boolean holdsTupleLock = false;
        try {
            buffer.lock(LWLockMode.EXCLUSIVE);
            while (true) {
                ByteBuffer tuple = normalTuple(buffer.page(), tid.offset());
                if (tuple == null) {
                    buffer.unlock();
                    return new ModifyResult(ModifyResult.Status.INVISIBLE, null, 0);
                }
                UpdateResult result = HeapVisibility.satisfiesUpdate(tuple, tid.block(), tid.offset(), cid, txn,
                        buffer);
                int xmax = xmax(tuple);
                switch (result) {
                    case OK:
                        return null;
                    case BEING_MODIFIED:
                        buffer.unlock();
                        if (!wait) {
                            return new ModifyResult(ModifyResult.Status.WOULD_BLOCK, null, xmax);
                        }
                        // Heavyweight waits never hold content locks: the tuple lock, then XactLockTableWait.
                        if (tupleLock && !holdsTupleLock) {
                            txn.lockTupleVersion(relation, tid);
                            holdsTupleLock = true;
                            buffer.lock(LWLockMode.EXCLUSIVE);
                            continue;   // whoever held the tuple lock before us may have changed the version
                        }
                        txn.waitForTransaction(xmax);
                        buffer.lock(LWLockMode.EXCLUSIVE);
                        continue;
                    default:
                        TupleId next = new TupleId(ctidBlock(tuple), ctidOffset(tuple));
                        buffer.unlock();
                        return switch (result) {
                            case INVISIBLE -> new ModifyResult(ModifyResult.Status.INVISIBLE, null, 0);
                            case SELF_MODIFIED -> new ModifyResult(ModifyResult.Status.SELF_MODIFIED, next, xmax);
                            case UPDATED -> new ModifyResult(ModifyResult.Status.UPDATED, next, xmax);
                            default -> new ModifyResult(ModifyResult.Status.DELETED, tid, xmax);
                        };
                }
            }
        } finally {
            if (holdsTupleLock) {
                txn.unlockTupleVersion(relation, tid);
            }
        }
    }

    /**
     * The header of a version that {@code xid}/{@code cid} deletes or replaces
     * with the one at (ctidBlock, ctidOffset): xmax set, cmax stored (as a
     * combo id when we inserted it too, HeapTupleHeaderAdjustCmax).
     */
    private static HeaderChange newXmax(ByteBuffer tuple, int offset, int xid, int cid, TransactionContext txn,
            int ctidBlock, int ctidOffset) {
        int mask = infomask(tuple) & ~(HEAP_XMAX_BITS | HEAP_COMBOCID);
        int storedCid = cid;
        if (!xminCommitted(infomask(tuple)) && txn.isCurrentTransactionId(xmin(tuple))) {
            storedCid = ComboCids.comboId(HeapVisibility.cmin(tuple), cid);
            mask |= HEAP_COMBOCID;
        }
        int infomask2 = infomask2(tuple) & ~HEAP_HOT_UPDATED | HEAP_KEYS_UPDATED;
        return new HeaderChange(offset, xid, storedCid, mask, infomask2, ctidBlock, ctidOffset,
                HeaderChange.CLEAR_ALL_VISIBLE | HeaderChange.SET_PRUNABLE);
    }

    /** A record that leaves visibility alone (heap_inplace_update does not clear the VM bit). */
    private void log(int info, int xid, byte[] data, Buffer buffer) {
        log(info, xid, data, buffer, VisibilityMapClear.NOTHING);
    }

    private void log(int info, int xid, byte[] data, Buffer buffer, VisibilityMapClear vmClear) {
        WalRecord.Builder record = WalRecord.builder(ResourceManager.HEAP, info).xid(xid).data(data)
                .block(blockRef(0, buffer, 0));
        vmClear.register(record);
        long lsn = wal.insert(record.build());
        Page.setLsn(buffer.page(), lsn);
        vmClear.setLsn(lsn);
    }

    static BlockReference blockRef(int blockId, Buffer buffer, int flags) {
        return new BlockReference(blockId, buffer.locator(), buffer.fork(), buffer.blockNumber(), buffer.page(),
                flags);
    }

    // --- VACUUM ------------------------------------------------------------------

    @Override
    public VacuumResult vacuum(RelFileLocator relation, int oldestXmin, int freezeLimit) {
        TransactionStatusLookup lookup = clog;
        if (lookup == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "VACUUM of heap relation " + relation + " needs the commit log, which is not available");
        }
        return vacuum(relation, oldestXmin, freezeLimit, lookup);
    }

    /** lazy_scan_skip's SKIP_PAGES_THRESHOLD: shorter runs of all-frozen pages are read anyway. */
    static final int SKIP_PAGES_THRESHOLD = 32;

    /**
     * Lazy VACUUM's first heap pass (lazy_scan_heap with heap_page_prune and
     * freezing): on every page whose cleanup lock is free, dead versions'
     * line pointers become LP_DEAD and their space is reclaimed, tuples whose
     * xmin precedes {@code freezeLimit} are frozen, and the page is marked
     * all-visible when every tuple on it is visible to everyone. Pages whose
     * cleanup lock is busy are only counted (lazy_scan_noprune), not pruned.
     */
    public VacuumResult vacuum(RelFileLocator relation, int oldestXmin, int freezeLimit,
            TransactionStatusLookup statusLookup) {
        TransactionStatusLookup lookup = new EndedStatusCache(statusLookup);
        sizeSamples.remove(relation);
        int nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        long removed = 0;
        long remaining = 0;
        long recentlyDead = 0;
        long frozen = 0;
        long allVisiblePages = 0;
        long skippedPages = 0;
        long scannedPages = 0;
        int firstSkipped = -1;
        int skipUpTo = 0;       // blocks before this are in a run of all-frozen pages long enough to skip
        int decidedUpTo = 0;    // blocks before this were looked at by allFrozenRunEnd already
        Buffer mapPage = null;
        try {
            for (int block = 0; block < nblocks; block++) {
                Buffer held = mapPage;
                mapPage = null;                     // released by pin when it is the wrong page
                mapPage = visibilityMap().pin(relation, block, held);   // visibilitymap_pin before the heap lock
                if (block >= decidedUpTo && VisibilityMap.bits(mapPage.page(), block) == VisibilityMap.VALID_BITS) {
                    int runEnd = allFrozenRunEnd(relation, block, nblocks - 1);
                    skipUpTo = runEnd - block >= SKIP_PAGES_THRESHOLD ? runEnd : skipUpTo;
                    decidedUpTo = runEnd;
                }
                if (block < skipUpTo) {
                    // lazy_scan_skip: an all-frozen page has nothing to prune or freeze (any change
                    // since would have cleared the bit first), so it is not read at all: reading
                    // the 16,394 pages COPY FREEZE left in pgbench's accounts table only to count
                    // their tuples was a sixth of `pgbench -i -s 10`. Their tuples are estimated below.
                    // As there, only runs of SKIP_PAGES_THRESHOLD pages are skipped (short ones are not
                    // worth breaking the OS's read-ahead for) and the last page is always read, so
                    // reltuples' estimate (vac_estimate_reltuples) sees the pages PostgreSQL's sees.
                    if (skippedPages++ == 0) {
                        firstSkipped = block;
                    }
                    allVisiblePages++;
                    continue;
                }
                scannedPages++;
                Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block);
                int free = -1;
                try {
                    if (!buffer.conditionalLockForCleanup()) {
                        // lazy_scan_noprune: another pin keeps the page as it is this time, but its tuples
                        // still count, or a busy table's reltuples and n_live_tup would lose a page's rows
                        LOG.debug("vacuum of {} counts block {} without pruning: cleanup lock not available",
                                relation, block);
                        buffer.lock(LWLockMode.SHARED);
                        PagePruner counter = new PagePruner(buffer, oldestXmin, freezeLimit, lookup);
                        int missedDead = counter.prune().deadOffsets().length;
                        remaining += counter.remaining() + missedDead;
                        recentlyDead += counter.recentlyDead() + missedDead;
                        continue;
                    }
                    ByteBuffer page = buffer.page();
                    if (Page.isNew(page)) {
                        continue;
                    }
                    // HOT chains first: dead prefixes go, roots redirect to their first survivor
                    HotPrune hot = HotPrune.compute(page, oldestXmin, lookup::status, buffer);
                    if (hot.changesAnything()) {
                        logPrune(buffer, hot);
                        removed += hot.removed();
                    }
                    PagePruner pruner = new PagePruner(buffer, oldestXmin, freezeLimit, lookup);
                    PruneRecord prune = pruner.prune();
                    if (prune.changesAnything(page)) {
                        prune.apply(page);
                        buffer.markDirty();
                        WalRecord record = WalRecord.builder(ResourceManager.HEAP2,
                                HeapRecords.XLOG_HEAP2_PRUNE_VACUUM_SCAN).data(prune.encode())
                                .block(blockRef(0, buffer, 0)).build();
                        Page.setLsn(page, wal.insert(record));
                    }
                    removed += prune.deadOffsets().length;
                    remaining += pruner.remaining();
                    recentlyDead += pruner.recentlyDead();
                    frozen += pruner.frozen();
                    int wanted = 0;
                    if ((Page.flags(page) & Page.PD_ALL_VISIBLE) != 0) {
                        allVisiblePages++;
                        wanted = VisibilityMap.ALL_VISIBLE | (pruner.allFrozen() ? VisibilityMap.ALL_FROZEN : 0);
                    }
                    setMapBits(mapPage, block, wanted);
                    free = HeapRecords.freeSpace(page);
                } finally {
                    buffer.release();
                }
                if (free >= 0) {
                    freeSpace.record(relation, block, free);
                    freeSpaceMap().record(relation, block, free);
                }
            }
        } finally {
            if (mapPage != null) {
                mapPage.release();
            }
        }
        long skippedEstimate = skippedTuples(relation, skippedPages, scannedPages, remaining, firstSkipped);
        return new VacuumResult(nblocks, removed, remaining + skippedEstimate, frozen, allVisiblePages, recentlyDead,
                skippedPages, skippedEstimate);
    }

    /**
     * The tuples on the all-frozen pages VACUUM skipped, estimated as PostgreSQL's
     * vac_estimate_reltuples extrapolates (VACUUM never reads them): at the density of the
     * pages it scanned when those are at least as many, else at the density of the first
     * skipped page, read for it (a table COPY FREEZE just loaded has no scanned pages; its
     * pages are filled alike, the last one excepted).
     */
    private long skippedTuples(RelFileLocator relation, long skippedPages, long scannedPages, long scannedTuples,
            int firstSkipped) {
        if (skippedPages == 0) {
            return 0;
        }
        if (scannedPages >= skippedPages) {
            return Math.round((double) scannedTuples / scannedPages * skippedPages);
        }
        return Math.max(0, countAllFrozenPage(relation, firstSkipped)) * skippedPages;
    }

    /**
     * The end (exclusive) of the run of all-frozen blocks starting at {@code from}, looking no further
     * than {@code limit} (exclusive): lazy_scan_skip's look-ahead in the visibility map.
     */
    private int allFrozenRunEnd(RelFileLocator relation, int from, int limit) {
        Buffer mapPage = null;
        try {
            int block = from;
            for (; block < limit; block++) {
                Buffer held = mapPage;
                mapPage = null;                     // released by pin when it is the wrong page
                mapPage = visibilityMap().pin(relation, block, held);
                if (VisibilityMap.bits(mapPage.page(), block) != VisibilityMap.VALID_BITS) {
                    break;
                }
            }
            return block;
        } finally {
            if (mapPage != null) {
                mapPage.release();
            }
        }
    }

    /**
     * The tuples of a page the visibility map says is all-frozen, counted under its share lock
     * (no visibility checks); -1 when the page is not PD_ALL_VISIBLE after all (the bit was
     * cleared meanwhile).
     */
    private long countAllFrozenPage(RelFileLocator relation, int block) {
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block);
        try {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer page = buffer.page();
            if (Page.isNew(page) || (Page.flags(page) & Page.PD_ALL_VISIBLE) == 0) {
                return -1;
            }
            long tuples = 0;
            int maxOff = Page.maxOffsetNumber(page);
            for (int off = 1; off <= maxOff; off++) {
                if (Page.itemIdFlags(Page.itemId(page, off)) == Page.LP_NORMAL) {
                    tuples++;
                }
            }
            return tuples;
        } finally {
            buffer.release();
        }
    }

    /**
     * visibilitymap_set under the heap page's cleanup lock: the map page gets
     * exactly {@code bits} for {@code block} (whose PD_ALL_VISIBLE matches
     * them, logged before by the prune record or earlier), WAL-logged as HEAP2
     * VISIBLE with the map page as block 0.
     */
    private void setMapBits(Buffer mapPage, int block, int bits) {
        mapPage.lock(LWLockMode.EXCLUSIVE);
        try {
            ByteBuffer map = mapPage.page();
            if (VisibilityMap.bits(map, block) == bits) {
                return;
            }
            VisibilityMap.setBits(map, block, bits);
            mapPage.markDirty();
            WalRecord record = WalRecord.builder(ResourceManager.HEAP2, HeapRecords.XLOG_HEAP2_VISIBLE)
                    .data(HeapRecords.encodeVisible(block, bits)).block(blockRef(0, mapPage, 0)).build();
            Page.setLsn(map, wal.insert(record));
        } finally {
            mapPage.unlock();
        }
    }

    // --- estimates -------------------------------------------------------------

    /** Counts the NORMAL line pointers of up to 16 evenly spread pages and extrapolates. */
    @Override
    public RelationSize estimateSize(RelFileLocator relation) {
        int nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        if (nblocks == 0) {
            return new RelationSize(0, 0);
        }
        if (nblocks <= SIZE_SAMPLE_PAGES) {
            return new RelationSize(nblocks, sampleTuples(relation, nblocks));
        }
        // Sampling is an estimate anyway: the planner asks for every scan it plans (each Execute of
        // a prepared TPC-B UPDATE), so keep the sample while the relation keeps its length, briefly.
        long now = System.nanoTime();
        SizeSample cached = sizeSamples.get(relation);
        if (cached != null && cached.nblocks == nblocks && now - cached.takenNanos < SIZE_SAMPLE_TTL_NANOS) {
            return new RelationSize(nblocks, cached.tuples);
        }
        double tuples = sampleTuples(relation, nblocks);
        if (sizeSamples.size() >= SIZE_SAMPLE_CACHE_MAX) {
            sizeSamples.clear();
        }
        sizeSamples.put(relation, new SizeSample(nblocks, tuples, now));
        return new RelationSize(nblocks, tuples);
    }

    /** The file's length: no page is read (the planner asks for every relation of every statement). */
    @Override
    public long numberOfBlocks(RelFileLocator relation) {
        return buffers.nblocks(relation, ForkNumber.MAIN);
    }

    /** Pages read by {@link #estimateSize}; relations up to this length are counted exactly. */
    private static final int SIZE_SAMPLE_PAGES = 16;
    private static final long SIZE_SAMPLE_TTL_NANOS = 1_000_000_000L;
    private static final int SIZE_SAMPLE_CACHE_MAX = 1024;

    /** One relation's last sampled size in this process. */
    private record SizeSample(int nblocks, double tuples, long takenNanos) {
    }

    private final java.util.concurrent.ConcurrentHashMap<RelFileLocator, SizeSample> sizeSamples =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Line pointers in use on up to {@value #SIZE_SAMPLE_PAGES} evenly spread pages, scaled to the relation. */
    private double sampleTuples(RelFileLocator relation, int nblocks) {
        int samples = Math.min(nblocks, SIZE_SAMPLE_PAGES);
        long tuples = 0;
        for (int i = 0; i < samples; i++) {
            int block = (int) ((long) i * nblocks / samples);
            Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block);
            try {
                buffer.lock(LWLockMode.SHARED);
                ByteBuffer page = buffer.page();
                if (!Page.isNew(page)) {
                    int maxOff = Page.maxOffsetNumber(page);
                    for (int off = 1; off <= maxOff; off++) {
                        if (Page.itemIdFlags(Page.itemId(page, off)) == Page.LP_NORMAL) {
                            tuples++;
                        }
                    }
                }
            } finally {
                buffer.release();
            }
        }
        return (double) tuples * nblocks / samples;
    }

    /**
     * Collects a page's pruning and freezing decisions (heap_page_prune_and_freeze's analysis half).
     * The visibility checks set hints on the locked page (as HeapTupleSatisfiesVacuumHorizon does).
     */
    private static final class PagePruner {
        private final Buffer buffer;
        private final ByteBuffer page;
        private final int oldestXmin;
        private final int freezeLimit;
        private final TransactionStatusLookup lookup;
        private int remaining;
        private int recentlyDead;
        private int frozen;
        private boolean allFrozen;

        PagePruner(Buffer buffer, int oldestXmin, int freezeLimit, TransactionStatusLookup lookup) {
            this.buffer = buffer;
            this.page = buffer.page();
            this.oldestXmin = oldestXmin;
            this.freezeLimit = freezeLimit;
            this.lookup = lookup;
        }

        PruneRecord prune() {
            List<Integer> dead = new ArrayList<>();
            List<int[]> freezes = new ArrayList<>();
            boolean allVisible = true;
            allFrozen = true;
            int pruneXid = Xids.INVALID;
            for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
                int flags = Page.itemIdFlags(Page.itemId(page, off));
                if (flags == Page.LP_DEAD) {
                    allVisible = false;                 // waits for index vacuuming
                }
                if (flags != Page.LP_NORMAL) {
                    continue;
                }
                ByteBuffer tuple = Page.item(page, off);
                switch (HeapVisibility.satisfiesVacuum(tuple, 0, oldestXmin, lookup::status, buffer)) {
                    case DEAD -> {
                        dead.add(off);
                        allVisible = false;
                    }
                    case RECENTLY_DEAD, DELETE_IN_PROGRESS -> {
                        remaining++;
                        recentlyDead++;     // its deleter counted it dead already, committed or not
                        allVisible = false;
                        pruneXid = olderPruneXid(pruneXid, xmax(tuple));
                    }
                    case INSERT_IN_PROGRESS -> {
                        remaining++;
                        allVisible = false;
                    }
                    case LIVE -> {
                        remaining++;
                        int[] freeze = freezePlan(tuple, off);
                        if (freeze != null) {
                            freezes.add(freeze);
                        }
                        int mask = freeze != null ? freeze[1] : infomask(tuple);
                        if (!xminFrozen(mask) || (mask & HEAP_XMAX_INVALID) == 0) {
                            allFrozen = false;
                        }
                        if (!xminFrozen(mask) && !Xids.precedes(xmin(tuple), oldestXmin)) {
                            allVisible = false;         // someone may still not see the inserter as committed
                        }
                    }
                }
            }
            int[] offsets = new int[freezes.size()];
            int[] masks = new int[freezes.size()];
            int[] xmaxes = new int[freezes.size()];
            for (int i = 0; i < freezes.size(); i++) {
                offsets[i] = freezes.get(i)[0];
                masks[i] = freezes.get(i)[1];
                xmaxes[i] = freezes.get(i)[2];
            }
            return new PruneRecord(dead.stream().mapToInt(Integer::intValue).toArray(), offsets, masks, xmaxes,
                    pruneXid, allVisible ? PruneRecord.ALL_VISIBLE : 0);
        }

        /**
         * heap_prepare_freeze_tuple for a LIVE tuple: {offset, infomask, xmax}
         * when it changes, else null. xmin before freezeLimit becomes frozen;
         * an xmax that no longer matters (a finished locker, an aborted
         * updater) before freezeLimit is removed.
         */
        private int[] freezePlan(ByteBuffer tuple, int off) {
            int mask = infomask(tuple);
            int xmax = xmax(tuple);
            int newMask = mask;
            int newXmax = xmax;
            if (!xminFrozen(mask) && Xids.isNormal(xmin(tuple)) && Xids.precedes(xmin(tuple), freezeLimit)) {
                newMask |= HEAP_XMIN_FROZEN;
                frozen++;
            }
            // as heap_prepare_freeze_tuple, whatever the hints say: an old raw xmax must not outlive
            // relfrozenxid (satisfiesVacuum has just hinted an aborted deleter's or ended locker's
            // xmax XMAX_INVALID; a running one never gets that hint)
            if (xmax != Xids.INVALID && Xids.precedes(xmax, freezeLimit) && ((mask & HEAP_XMAX_INVALID) != 0
                    || lookup.status(xmax) != TransactionStatus.IN_PROGRESS)) {
                newMask = newMask & ~HEAP_XMAX_BITS | HEAP_XMAX_INVALID;
                newXmax = Xids.INVALID;
            }
            return newMask == mask && newXmax == xmax ? null : new int[] {off, newMask, newXmax};
        }

        private static int olderPruneXid(int current, int xid) {
            return current == Xids.INVALID || Xids.precedes(xid, current) ? xid : current;
        }

        int remaining() {
            return remaining;
        }

        int recentlyDead() {
            return recentlyDead;
        }

        int frozen() {
            return frozen;
        }

        /** Every remaining tuple has a frozen xmin and no xmax (meaningful when the page is all-visible). */
        boolean allFrozen() {
            return allFrozen;
        }
    }
}
