package org.tusk.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A table access method (PostgreSQL's TableAmRoutine), registered as an OSGi
 * service with the property {@value #NAME_PROPERTY} (e.g. {@code heap},
 * {@code memory}); {@code CREATE TABLE ... USING name} picks one per relation.
 * Tuples cross this boundary as opaque byte arrays formed by the executor;
 * visibility, versions, WAL and locking are the method's business.
 *
 * <p>Implementations must stay able to read data written by their earlier
 * versions: a new bundle version replaces a running one for new sessions
 * without a restart.
 */
@ConsumerType
public interface TableAccessMethod {

    String NAME_PROPERTY = "tusk.am.name";

    /** The name CREATE TABLE ... USING refers to. */
    String name();

    /** Creates the relation's (empty) storage. Called in the creating transaction. */
    void createStorage(RelFileLocator relation);

    /** Removes the relation's storage (after the dropping transaction committed). */
    void dropStorage(RelFileLocator relation);

    /** Inserts a new tuple version created by {@code txn}; returns where it went. */
    TupleId insert(RelFileLocator relation, byte[] data, TransactionContext txn);

    /**
     * (1.6) heap_multi_insert: inserts {@code rows} as new versions created by {@code txn}
     * (same command id), in order; returns where each went. An access method may fill a
     * page at a time under one lock and one WAL record (COPY FROM's buffered rows). The
     * default inserts them one by one.
     */
    default TupleId[] multiInsert(RelFileLocator relation, java.util.List<byte[]> rows, TransactionContext txn) {
        TupleId[] tids = new TupleId[rows.size()];
        for (int i = 0; i < tids.length; i++) {
            tids[i] = insert(relation, rows.get(i), txn);
        }
        return tids;
    }

    /**
     * (1.7) heap_multi_insert with TABLE_INSERT_FROZEN (COPY FREEZE): as
     * {@link #multiInsert(RelFileLocator, java.util.List, TransactionContext)}, but when
     * {@code frozen} the rows are stored already frozen (visible to every snapshot, no commit
     * log look-up) and pages they fill entirely may be marked all-visible and all-frozen. Only
     * for storage created in the caller's current (sub)transaction, which no other transaction
     * can see before it commits, and which vanishes if it aborts. The default ignores
     * {@code frozen} (ordinary new versions are what a frozen insert promises, less fast).
     */
    default TupleId[] multiInsert(RelFileLocator relation, java.util.List<byte[]> rows, TransactionContext txn,
            boolean frozen) {
        return multiInsert(relation, rows, txn);
    }

    /** A scan of the versions visible to {@code snapshot} (and, for own changes, to its command id). */
    TableScan beginScan(RelFileLocator relation, Snapshot snapshot, TransactionContext txn);

    /**
     * The version at {@code tid} if visible to {@code snapshot}, else null. {@code tid} is where a
     * version is (a scan's or an update's id), not an index entry's: those go through
     * {@link #fetchFromIndex}.
     */
    byte[] fetch(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn);

    /**
     * table_tuple_get_latest_tid: follows the update chain from {@code tid} (each version's
     * forward link to its successor) and returns the newest version on it that
     * {@code snapshot} sees, or {@code tid} itself when none does (WHERE CURRENT OF reaches
     * the row the cursor stands on as this statement sees it). The default does not follow
     * chains.
     *
     * @since 1.4
     */
    default TupleId latestTid(RelFileLocator relation, TupleId tid, Snapshot snapshot, TransactionContext txn) {
        return tid;
    }

    /**
     * The header fields of the version at {@code tid} when it is visible to
     * {@code snapshot} (what {@link #fetch} would return), else null; null as
     * well when the access method keeps no such header.
     *
     * @since 1.4
     */
    default TupleHeaderFields fetchHeader(RelFileLocator relation, TupleId tid, Snapshot snapshot,
            TransactionContext txn) {
        return null;
    }

    /**
     * (1.2) What a unique check must know about the version at {@code tid}
     * (HeapTupleSatisfiesDirty): LIVE if inserted by a committed transaction
     * or by {@code txn} and not deleted by either; IN_PROGRESS with the xid to
     * wait for if another running transaction inserted or deletes it; else
     * DEAD. The default approximates with a fetch that sees every committed
     * version, and cannot report IN_PROGRESS.
     */
    default TupleLiveness liveness(RelFileLocator relation, TupleId tid, TransactionContext txn) {
        Snapshot latest = new Snapshot() {
            @Override public int xmin() { return 0; }
            @Override public int xmax() { return -1; }
            @Override public boolean isInProgress(int xid) { return false; }
            @Override public int commandId() { return Integer.MAX_VALUE; }
        };
        return fetch(relation, tid, latest, txn) != null ? TupleLiveness.LIVE : TupleLiveness.DEAD;
    }

    /**
     * (1.2) heap_inplace_update: overwrites the data of the version at {@code tid}
     * in place, not transactionally (no new version; an abort does not undo it),
     * WAL-logged. {@code change} gets the current data under the page's
     * exclusive lock and returns the new data, of the same length; it must not
     * block. Returns the new data. For sequences (nextval) and statistics
     * in pg_class, as PostgreSQL does.
     */
    default byte[] inplaceUpdate(RelFileLocator relation, TupleId tid, java.util.function.UnaryOperator<byte[]> change) {
        throw new UnsupportedOperationException(name() + " does not support in-place updates");
    }

    /**
     * Deletes the version at {@code tid}. With {@code wait}, a concurrent
     * changer is waited for (then the result says what it did); without it,
     * WOULD_BLOCK.
     */
    ModifyResult delete(RelFileLocator relation, TupleId tid, TransactionContext txn, Snapshot snapshot,
            boolean wait);

    /** Replaces the version at {@code tid} with {@code data}; on OK the result carries the new version's id. */
    ModifyResult update(RelFileLocator relation, TupleId tid, byte[] data, TransactionContext txn,
            Snapshot snapshot, boolean wait);

    /**
     * (1.5) An update whose caller says whether any column an index of the relation depends on
     * (key columns, expression and predicate inputs) changes. When none does, the method may make
     * the new version a heap-only tuple (PostgreSQL's HOT update, README.HOT): the result then says
     * {@link ModifyResult#heapOnly()} and the caller inserts no index entries for it, because the
     * old version's entries reach it ({@link #fetchFromIndex}). The default ignores the hint.
     */
    default ModifyResult update(RelFileLocator relation, TupleId tid, byte[] data, TransactionContext txn,
            Snapshot snapshot, boolean wait, boolean indexedColumnsUnchanged) {
        return update(relation, tid, data, txn, snapshot, wait);
    }

    /**
     * (1.5) table_index_fetch_tuple: the version an index entry pointing at {@code tid} stands
     * for that {@code snapshot} sees, with the id where it actually is (another member of a HOT
     * chain than {@code tid}), or null. The default fetches {@code tid} itself.
     */
    default FetchedTuple fetchFromIndex(RelFileLocator relation, TupleId tid, Snapshot snapshot,
            TransactionContext txn) {
        byte[] data = fetch(relation, tid, snapshot, txn);
        return data == null ? null : new FetchedTuple(tid, data);
    }

    /** SELECT ... FOR UPDATE/SHARE on one version. */
    ModifyResult lockTuple(RelFileLocator relation, TupleId tid, RowLockMode mode, TransactionContext txn,
            Snapshot snapshot, boolean wait);

    /**
     * Removes versions no transaction can see any more (deleted before
     * {@code oldestXmin}) and freezes those inserted before {@code freezeLimit}.
     */
    VacuumResult vacuum(RelFileLocator relation, int oldestXmin, int freezeLimit);

    /** Planner estimates. */
    RelationSize estimateSize(RelFileLocator relation);

    /**
     * RelationGetNumberOfBlocks: the relation's current length in pages, all the planner's
     * estimate_rel_size takes from storage (the tuple density comes from pg_class). Called for every
     * relation of every statement planned, so it must not read pages: the default asks
     * {@link #estimateSize}, which a method whose estimate counts tuples should not be made to do
     * (since 1.12).
     */
    default long numberOfBlocks(RelFileLocator relation) {
        return estimateSize(relation).pages();
    }

    /**
     * Whether every tuple version on {@code block} is visible to every
     * transaction, now and later (the visibility map's ALL_VISIBLE bit): an
     * index-only scan may then answer from the index without fetching the
     * tuple. False when not known; methods without a visibility map always
     * say false (since 1.2).
     */
    default boolean isAllVisible(RelFileLocator relation, int block) {
        return false;
    }

    /**
     * VACUUM's dead items: the tuple ids whose versions {@link #vacuum}
     * removed but whose line pointers stay reserved (LP_DEAD) because index
     * entries may still point at them. VACUUM then has every index of the
     * relation drop those entries ({@link IndexAccessMethod#bulkDelete}) and
     * calls {@link #reclaimDeadTuples} (since 1.2; empty when the method
     * reuses nothing).
     */
    default java.util.List<TupleId> collectDeadTuples(RelFileLocator relation) {
        return java.util.List.of();
    }

    /**
     * lazy_vacuum_heap_rel: makes the line pointers of {@code deadTuples}
     * (from {@link #collectDeadTuples}) reusable. Only after every index of
     * the relation dropped its entries for them, and only while holding what
     * keeps other VACUUMs of the relation away (PostgreSQL's
     * ShareUpdateExclusiveLock): otherwise an index entry could point at a
     * different row. Ids that are not dead any more are skipped. Returns how
     * many became reusable (since 1.2).
     */
    default long reclaimDeadTuples(RelFileLocator relation, java.util.Collection<TupleId> deadTuples) {
        return 0;
    }

    /**
     * Whether the method's data survive a crash or restart (heap: yes; memory:
     * no). Indexes over a table that is not durable get an init fork
     * ({@link IndexAccessMethod#buildEmpty}) so that they are emptied with it.
     */
    boolean isDurable();
}
