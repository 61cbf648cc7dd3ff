package org.tusk.engine.storage;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.lmgr.LockMode;
import org.tusk.lmgr.LockTag;
import org.tusk.storage.SessionTransaction;
import org.tusk.storage.SharedInvalidationQueue;
import org.tusk.xact.TransactionListener;
import org.tusk.xact.IsolationLevel;
import org.tusk.xact.TransactionManager;

/**
 * A session's storage transaction as the engine drives it (the storage half
 * of PostgreSQL's xact.c StartTransactionCommand / CommitTransactionCommand,
 * snapmgr's statement snapshots, and lmgr's LockRelationOid).
 *
 * <p>The storage transaction begins lazily, at the first snapshot, lock,
 * xid or savepoint, with the isolation level in effect then: so
 * {@code BEGIN; SET TRANSACTION ISOLATION LEVEL ...} works as in PostgreSQL,
 * and is refused (25001) once a snapshot was taken. Under READ COMMITTED each
 * statement gets a fresh snapshot; under REPEATABLE READ the first one is
 * kept. Between statements the command counter is incremented so that a
 * statement sees the changes of the earlier ones.
 *
 * <p>Work to do at commit or abort (PostgreSQL's pending relation deletes:
 * the storage of a dropped relation goes at commit, that of a relation
 * created by an aborted transaction goes at abort) is registered with
 * {@link #onCommit} / {@link #onAbort}; a subtransaction's registrations
 * move to its parent on RELEASE and are undone (abort actions run) on
 * ROLLBACK TO.
 *
 * <p>Cache invalidation (PostgreSQL's inval.c): catalog changes register
 * messages with {@link #registerInvalidation}; at commit they go to the
 * shared queue after the commit is visible and before the locks are
 * released; at abort (and ROLLBACK TO) they are applied to this session's
 * own caches. Messages of other backends are read at transaction start and
 * after each lock ({@link #acceptInvalidationMessages}). Catalogs are read
 * with a catalog snapshot ({@link #catalogSnapshot}), always fresh, so that
 * an entry rebuilt after an invalidation describes the committed state even
 * under REPEATABLE READ.
 */
public final class StorageTransaction {

    private final EngineStorage storage;
    private final SessionTransaction txn;
    private final int databaseOid;
    private boolean started;
    private Snapshot statementSnapshot;
    private boolean snapshotTaken;
    private Snapshot catalogSnapshot;
    /**
     * snapmgr's ActiveSnapshot stack: while it is not empty its top is what statements read
     * with instead of the statement snapshot (a cursor's snapshot while it runs, a volatile
     * function's own). A null entry is a fresh snapshot not taken yet (taken at first need).
     */
    private final ArrayList<Snapshot> activeSnapshots = new ArrayList<>();
    private CacheInvalidation caches;
    /** The next shared invalidation message this session has not read. */
    private long invalidationPosition;
    /** What the committing transaction sends (set just before the commit, sent by the end listener). */
    private List<SharedInvalidationQueue.Message> sending = List.of();
    /** One frame per nesting level: level 0 is the top-level transaction. */
    private final List<PendingActions> levels = new ArrayList<>();

    private static final class PendingActions {
        final List<Runnable> onCommit = new ArrayList<>();
        final List<Runnable> onAbort = new ArrayList<>();
        final List<SharedInvalidationQueue.Message> invalidations = new ArrayList<>();
        /** Relfilenodes created at this level (rd_createSubid / rd_newRelfilenodeSubid's role). */
        java.util.Set<org.tusk.api.storage.RelFileLocator> newRelfilenodes;
    }

    public StorageTransaction(EngineStorage storage, int databaseOid) {
        this.storage = storage;
        this.databaseOid = databaseOid;
        SharedInvalidationQueue queue = storage.invalidationQueue();
        this.invalidationPosition = queue == null ? 0 : queue.position();
        this.txn = storage.newSessionTransaction(new TransactionListener() {
            @Override
            public void transactionEnded(int topXid, boolean committed) {
                // AtEOXact_Inval: visible to others now, our locks not yet released
                if (committed && queue != null && !sending.isEmpty()) {
                    queue.send(sending);
                }
                sending = List.of();
            }
        });
    }

    /** The caches this session's invalidation messages are applied to. */
    public void setCacheInvalidation(CacheInvalidation caches) {
        this.caches = caches;
    }

    /**
     * CacheInvalidateRelcache and friends: a message to send at commit (and
     * to apply locally at abort). {@code kind} is one of
     * {@link SharedInvalidationQueue}'s kinds; {@code databaseOid} 0 for a
     * shared catalog.
     */
    public void registerInvalidation(int kind, int databaseOid, int objectOid) {
        if (!started) {
            return;    // nothing was changed by this session outside a transaction
        }
        SharedInvalidationQueue.Message m = new SharedInvalidationQueue.Message(kind, databaseOid, objectOid);
        List<SharedInvalidationQueue.Message> list = levels.get(levels.size() - 1).invalidations;
        if (!list.contains(m)) {
            list.add(m);
        }
    }

    /**
     * AcceptInvalidationMessages: applies the messages other backends sent
     * since the last call (or resets the caches if they were lost).
     */
    public void acceptInvalidationMessages() {
        SharedInvalidationQueue queue = storage.invalidationQueue();
        if (queue == null) {
            return;
        }
        long before = invalidationPosition;
        long r = queue.read(before, m -> {
            if (caches != null) {
                caches.apply(m);
            }
        });
        if (r < 0) {
            invalidationPosition = -r - 1;
            if (caches != null) {
                caches.reset();
            }
        } else {
            invalidationPosition = r;
        }
        if (invalidationPosition != before) {
            catalogSnapshot = null;
        }
    }

    private void applyLocally(List<SharedInvalidationQueue.Message> messages) {
        if (caches != null) {
            messages.forEach(caches::apply);
        }
    }

    /**
     * GetCatalogSnapshot: the snapshot catalog reads use, fresh whatever the
     * isolation level; kept until the next command counter increment,
     * statement, lock or invalidation message.
     */
    public Snapshot catalogSnapshot(IsolationLevel level) {
        ensureStarted(level);
        if (catalogSnapshot == null) {
            catalogSnapshot = txn.transactions().catalogSnapshot();
        }
        return catalogSnapshot;
    }

    public EngineStorage storage() {
        return storage;
    }

    public int databaseOid() {
        return databaseOid;
    }

    /** The transaction as access methods take it; starts the storage transaction if needed. */
    public TransactionContext context(IsolationLevel level) {
        ensureStarted(level);
        return txn;
    }

    /** The transaction manager (xids, command ids) once started. */
    public TransactionManager manager() {
        return txn.transactions();
    }

    public boolean isStarted() {
        return started;
    }

    /** Whether a snapshot has been taken in this transaction (SET TRANSACTION ISOLATION LEVEL is too late then). */
    public boolean snapshotTaken() {
        return snapshotTaken;
    }

    /** This session's transactions so far: the local half of a virtual transaction id (procNumber/lxid). */
    private int localTransactionId;

    /** The current (or last) transaction's local id, PGPROC's lxid: counts this session's transactions from 1. */
    public int localTransactionId() {
        return localTransactionId;
    }

    private void ensureStarted(IsolationLevel level) {
        if (!started) {
            txn.transactions().begin(level);
            started = true;
            localTransactionId++;
            levels.clear();
            levels.add(new PendingActions());
            acceptInvalidationMessages();
        }
    }

    /**
     * The snapshot of the current statement (GetTransactionSnapshot): taken at
     * the statement's first need and kept for the rest of it.
     */
    public Snapshot snapshot(IsolationLevel level) {
        ensureStarted(level);
        int top = activeSnapshots.size() - 1;
        if (top >= 0) {
            Snapshot active = activeSnapshots.get(top);
            if (active == null) {
                // GetTransactionSnapshot inside a statement: under READ COMMITTED a new one, but without
                // resetting the advertised xmin (statementSnapshot would), which the calling statement's
                // older snapshot still needs; under REPEATABLE READ the transaction's
                TransactionManager manager = txn.transactions();
                active = manager.isolationLevel() == IsolationLevel.REPEATABLE_READ ? manager.statementSnapshot()
                        : manager.catalogSnapshot();
                activeSnapshots.set(top, active);
                snapshotTaken = true;
            }
            return active;
        }
        if (statementSnapshot == null) {
            statementSnapshot = txn.transactions().statementSnapshot();
            snapshotTaken = true;
        }
        return statementSnapshot;
    }

    /**
     * End of a statement inside a transaction (CommandCounterIncrement): the
     * next statement sees this one's changes, and takes a new snapshot.
     */
    public void endStatement() {
        statementSnapshot = null;
        catalogSnapshot = null;
        if (started && txn.transactions().currentXidIfAny() != 0) {
            txn.transactions().commandCounterIncrement();
        }
    }

    /**
     * CommandCounterIncrement within a statement (DDL steps that must see
     * their own catalog changes): later scans see earlier changes; the
     * statement's snapshot is refreshed to the new command id. While an
     * active snapshot is pushed, that one moves to the new command id
     * instead (UpdateActiveSnapshotCommandId) and the calling statement's
     * snapshot stays as it was.
     */
    public void commandCounterIncrement() {
        if (started && txn.transactions().currentXidIfAny() != 0) {
            txn.transactions().commandCounterIncrement();
            catalogSnapshot = null;
            int top = activeSnapshots.size() - 1;
            if (top < 0) {
                statementSnapshot = null;
            } else if (activeSnapshots.get(top) instanceof org.tusk.xact.Snapshot active) {
                activeSnapshots.set(top, active.withCommandId(txn.transactions().currentCommandId()));
            } else {
                activeSnapshots.set(top, null);
            }
        }
    }

    /**
     * PushActiveSnapshot: statements read with {@code snapshot} until {@link #popActiveSnapshots}
     * (a cursor runs with the snapshot of its DECLARE); null pushes a fresh snapshot taken at
     * first need (GetTransactionSnapshot: a volatile function's). Returns the depth to pop back to.
     */
    public int pushActiveSnapshot(Snapshot snapshot) {
        activeSnapshots.add(snapshot);
        return activeSnapshots.size() - 1;
    }

    /** PopActiveSnapshot back to {@code depth} (what {@link #pushActiveSnapshot} returned). */
    public void popActiveSnapshots(int depth) {
        while (activeSnapshots.size() > depth) {
            activeSnapshots.remove(activeSnapshots.size() - 1);
        }
    }

    /** LockRelationOid: a heavyweight lock on a relation, held until the transaction ends. */
    public void lockRelation(int relationOid, boolean shared, LockMode mode, IsolationLevel level) {
        ensureStarted(level);
        storage.locks().acquire(LockTag.relation(shared ? 0 : databaseOid, relationOid), mode, false);
        acceptInvalidationMessages();
    }

    /** ConditionalLockRelationOid: like {@link #lockRelation}, but false instead of waiting. */
    public boolean tryLockRelation(int relationOid, boolean shared, LockMode mode, IsolationLevel level) {
        ensureStarted(level);
        return storage.locks().acquire(LockTag.relation(shared ? 0 : databaseOid, relationOid), mode, true);
    }

    /**
     * ConditionalLockSharedObject / ConditionalLockDatabaseObject: the lock
     * on a non-relation object if it is free now (false otherwise), until the
     * transaction ends.
     */
    public boolean tryLockObject(int classId, int objectOid, boolean shared, LockMode mode, IsolationLevel level) {
        ensureStarted(level);
        return storage.locks().acquire(LockTag.object(shared ? 0 : databaseOid, classId, objectOid, 0), mode, true);
    }

    /** A lock on a non-relation object (LockDatabaseObject / LockSharedObject), until the transaction ends. */
    public void lockObject(int classId, int objectOid, boolean shared, LockMode mode, IsolationLevel level) {
        ensureStarted(level);
        storage.locks().acquire(LockTag.object(shared ? 0 : databaseOid, classId, objectOid, 0), mode, false);
        acceptInvalidationMessages();
    }

    /**
     * An exclusive lock on one value of a catalog's unique key (by its hash;
     * sub-id -1 keeps it apart from locks on objects), until the transaction
     * ends: concurrent creators of one name queue behind each other.
     */
    public void lockUniqueKey(int catalogOid, int keyHash, boolean shared, IsolationLevel level) {
        ensureStarted(level);
        storage.locks().acquire(LockTag.object(shared ? 0 : databaseOid, catalogOid, keyHash, -1), LockMode.EXCLUSIVE,
                false);
    }

    public void onCommit(Runnable action) {
        levels.get(levels.size() - 1).onCommit.add(action);
    }

    public void onAbort(Runnable action) {
        levels.get(levels.size() - 1).onAbort.add(action);
    }

    /**
     * Records that {@code locator} is storage this (sub)transaction created: a new table's, or
     * the new relfilenode of a TRUNCATE or a table rewrite. No other transaction can see it
     * before commit and it is dropped if the level aborts (RelationSetNewRelfilenumber /
     * rd_newRelfilenodeSubid), which is what COPY FREEZE relies on.
     */
    public void noteNewRelfilenode(org.tusk.api.storage.RelFileLocator locator) {
        PendingActions top = levels.get(levels.size() - 1);
        if (top.newRelfilenodes == null) {
            top.newRelfilenodes = new java.util.HashSet<>();
        }
        top.newRelfilenodes.add(locator);
    }

    /**
     * Whether {@code locator} was created in the current subtransaction (or in a subtransaction
     * of it that was released since, which passes it to its parent as PostgreSQL's
     * AtEOSubXact_cleanup does).
     */
    public boolean isNewInCurrentSubtransaction(org.tusk.api.storage.RelFileLocator locator) {
        if (!started || levels.isEmpty()) {
            return false;
        }
        java.util.Set<org.tusk.api.storage.RelFileLocator> created = levels.get(levels.size() - 1).newRelfilenodes;
        return created != null && created.contains(locator);
    }

    // ---- savepoints ----

    public void savepoint(IsolationLevel level) {
        ensureStarted(level);
        txn.transactions().beginSubtransaction();
        levels.add(new PendingActions());
    }

    public void releaseSavepoint() {
        txn.transactions().releaseSubtransaction();
        PendingActions done = levels.remove(levels.size() - 1);
        PendingActions parent = levels.get(levels.size() - 1);
        parent.onCommit.addAll(done.onCommit);
        parent.onAbort.addAll(done.onAbort);
        parent.invalidations.addAll(done.invalidations);
        if (done.newRelfilenodes != null) {
            if (parent.newRelfilenodes == null) {
                parent.newRelfilenodes = new java.util.HashSet<>();
            }
            parent.newRelfilenodes.addAll(done.newRelfilenodes);
        }
    }

    /** ROLLBACK TO: aborts the innermost subtransaction and starts it again (the savepoint stays). */
    public void rollbackToSavepoint() {
        txn.transactions().rollbackSubtransaction();
        PendingActions done = levels.remove(levels.size() - 1);
        runAll(done.onAbort);
        applyLocally(done.invalidations);
        statementSnapshot = null;
        catalogSnapshot = null;
        txn.transactions().beginSubtransaction();
        levels.add(new PendingActions());
    }

    /** Rolls back one savepoint level for good (used when ROLLBACK TO unwinds inner savepoints). */
    public void abortSubtransaction() {
        txn.transactions().rollbackSubtransaction();
        PendingActions done = levels.remove(levels.size() - 1);
        runAll(done.onAbort);
        applyLocally(done.invalidations);
        catalogSnapshot = null;
    }

    public int nestingLevel() {
        return started ? txn.transactions().nestingLevel() : 0;
    }

    // ---- end ----

    public void commit() {
        if (!started) {
            return;
        }
        // most transactions (all read-only ones) have no actions and no messages: no lists for them
        List<Runnable> after = List.of();
        List<SharedInvalidationQueue.Message> messages = List.of();
        for (PendingActions p : levels) {
            if (!p.onCommit.isEmpty()) {
                after = after.isEmpty() ? new ArrayList<>(p.onCommit) : concat(after, p.onCommit);
            }
            if (!p.invalidations.isEmpty()) {
                messages = messages.isEmpty() ? new ArrayList<>(p.invalidations) : concat(messages, p.invalidations);
            }
        }
        sending = messages;
        try {
            txn.transactions().commit();
        } finally {
            reset();
        }
        runAll(after);
    }

    public void abort() {
        if (!started) {
            return;
        }
        List<Runnable> after = new ArrayList<>();
        List<SharedInvalidationQueue.Message> undone = new ArrayList<>();
        for (int i = levels.size() - 1; i >= 0; i--) {
            after.addAll(levels.get(i).onAbort);
            undone.addAll(levels.get(i).invalidations);
        }
        sending = List.of();
        try {
            txn.transactions().abort();
        } finally {
            reset();
        }
        runAll(after);
        applyLocally(undone);
    }

    private static <T> List<T> concat(List<T> into, List<T> more) {
        into.addAll(more);
        return into;
    }

    private void reset() {
        started = false;
        activeSnapshots.clear();
        statementSnapshot = null;
        catalogSnapshot = null;
        snapshotTaken = false;
        levels.clear();
    }

    private static void runAll(List<Runnable> actions) {
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // like PostgreSQL's smgrDoPendingDeletes: a failure here is only worth a warning
                org.slf4j.LoggerFactory.getLogger(StorageTransaction.class).warn("end-of-transaction action failed", e);
            }
        }
    }

    /** The isolation level named by the transaction_isolation setting. */
    public static IsolationLevel isolationLevel(String setting) {
        if (setting == null) {
            return IsolationLevel.READ_COMMITTED;
        }
        switch (setting) {
            case "repeatable read":
            case "serializable":   // SSI is not implemented: SERIALIZABLE runs as REPEATABLE READ
                return IsolationLevel.REPEATABLE_READ;
            case "read committed":
            case "read uncommitted":
                return IsolationLevel.READ_COMMITTED;
            default:
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid transaction isolation \"" + setting + "\"");
        }
    }
}
