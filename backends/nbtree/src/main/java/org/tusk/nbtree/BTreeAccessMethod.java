package org.tusk.nbtree;

import java.util.List;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexBuildScan;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RelationSize;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.UniqueCheck;
import org.tusk.buffer.BufferManager;
import org.tusk.nbtree.internal.BTRootCache;
import org.tusk.nbtree.internal.BTree;
import org.tusk.nbtree.internal.BTreeBuild;
import org.tusk.nbtree.internal.BTreeForwardScan;
import org.tusk.nbtree.internal.BuildLeafTuples;
import org.tusk.wal.WalWriter;

/**
 * The B-tree index access method (nbtree.c's btbuild, btinsert,
 * btbeginscan/btgettuple, btbulkdelete): Lehman–Yao B+-trees in shared
 * buffers, every change WAL-logged (rmgr BTREE, replayed by
 * {@link BTreeResourceManager}). Entries are (key, heap TID), unique in the
 * tree: equal keys are ordered by heap TID.
 *
 * <p>One instance per process, used by one thread at a time (like the
 * {@link BufferManager} it works through). Concurrency between processes is
 * by buffer content locks only.
 */
@Component(service = IndexAccessMethod.class, property = IndexAccessMethod.NAME_PROPERTY + "=btree")
public final class BTreeAccessMethod implements IndexAccessMethod {

    public static final String NAME = "btree";

    @Reference
    private BufferManager buffers;
    @Reference
    private WalWriter wal;
    /** This process's rd_amcache: each index's root as its metapage last said. */
    private final BTRootCache roots = new BTRootCache();

    /** For Declarative Services: the references are injected into the fields. */
    @Activate
    public BTreeAccessMethod() {
    }

    public BTreeAccessMethod(BufferManager buffers, WalWriter wal) {
        this.buffers = buffers;
        this.wal = wal;
    }

    @Override
    public String name() {
        return NAME;
    }

    private BTree tree(IndexDescriptor index) {
        return new BTree(buffers, wal, index, roots);
    }

    /**
     * Sorts the heap's entries by (key, TID) (not at all when they arrive in
     * that order, {@link BuildLeafTuples}) and writes the tree bottom-up
     * ({@link BTreeBuild}, nbtsort.c: leaves 90% full, one WAL record per page);
     * an empty heap gets the metapage and an empty root leaf. A unique index
     * refuses two equal keys with 23505.
     */
    @Override
    public long build(IndexDescriptor index, IndexBuildScan heapScan) {
        BuildLeafTuples spool = new BuildLeafTuples(index.comparator());
        heapScan.scan((key, tid) -> {
            BTree.checkLeafSize(index, key);
            spool.add(key, tid);
        });
        List<byte[]> leafTuples = spool.sorted(index.unique(), () -> {
            throw new PgException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + index.name() + "\"");
        });
        if (leafTuples.isEmpty()) {
            tree(index).create();
            return 0;
        }
        if (!buffers.smgr().exists(index.index(), ForkNumber.MAIN)) {
            buffers.smgr().create(index.index(), ForkNumber.MAIN);
        }
        BTreeBuild.build(buffers, wal, index, leafTuples);
        return leafTuples.size();
    }

    @Override
    public void buildEmpty(IndexDescriptor index) {
        tree(index).createInitFork();
    }

    @Override
    public void dropStorage(RelFileLocator index) {
        roots.forget(index);
        buffers.dropRelation(index);
        for (ForkNumber fork : ForkNumber.values()) {
            if (buffers.smgr().exists(index, fork)) {
                buffers.smgr().unlink(index, fork);
            }
        }
    }

    @Override
    public void insert(IndexDescriptor index, byte[] key, TupleId heapTid, UniqueCheck uniqueCheck,
            TransactionContext txn) {
        tree(index).insert(key, heapTid, uniqueCheck, txn);
    }

    @Override
    public IndexScan beginScan(IndexDescriptor index, ScanBounds bounds, Snapshot snapshot, TransactionContext txn) {
        return new BTreeForwardScan(buffers, tree(index), bounds);
    }

    @Override
    public IndexVacuumResult bulkDelete(IndexDescriptor index, Predicate<TupleId> isDead) {
        return tree(index).bulkDelete(isDead);
    }

    @Override
    public RelationSize estimateSize(IndexDescriptor index) {
        return new RelationSize(buffers.nblocks(index.index(), ForkNumber.MAIN), tree(index).countEntries());
    }
}
