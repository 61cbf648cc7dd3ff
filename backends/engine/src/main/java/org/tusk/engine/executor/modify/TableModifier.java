package org.tusk.engine.executor.modify;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.TupleLiveness;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.executor.scan.ScanRelation;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * The row-level work of nodeModifyTable.c for one table and one statement:
 * ExecInsert / ExecUpdate / ExecDelete against the table access method, with
 * ExecConstraints (typmod coercion, NOT NULL, CHECK), ExecInsertIndexTuples
 * (every index gets an entry for every new version; unique indexes check
 * through {@link org.tusk.api.storage.TableAccessMethod#liveness}) and
 * the concurrency rules of the isolation level: under REPEATABLE READ a
 * version changed by a concurrent committed transaction is 40001; under READ
 * COMMITTED the caller follows it with {@link #lockNewest} (EvalPlanQual).
 */
public final class TableModifier {

    /** What became of an update or delete. */
    public enum Outcome {
        /** Done. */
        DONE,
        /** The version was changed already by this command (or later ones): skipped, as PostgreSQL does. */
        SELF_MODIFIED,
        /** READ COMMITTED only: a concurrent transaction updated it; {@link Result#newer()} is the next version. */
        UPDATED,
        /** READ COMMITTED only: a concurrent transaction deleted it; the row is gone. */
        DELETED
    }

    /** @param tid the new version (update) or the next version to follow (UPDATED) */
    public record Result(Outcome outcome, TupleId tid) {
    }

    /** The newest version of a row, locked by us (EvalPlanQual's input). */
    public record LockedRow(TupleId tid, Object[] values) {
    }

    private final ResultRelation table;
    /** See {@link #typmodBodies}; built at the first row. */
    private org.tusk.engine.expr.FunctionBody[] typmodBodies;
    private final ScanRelation rel;
    private final TransactionContext txn;
    private final Snapshot snapshot;
    private final EvalContext ctx;

    public TableModifier(ResultRelation table, TransactionContext txn, Snapshot snapshot, EvalContext ctx) {
        this.table = table;
        this.rel = table.relation();
        this.txn = txn;
        this.snapshot = snapshot;
        this.ctx = ctx;
    }

    public ResultRelation table() {
        return table;
    }

    public TransactionContext transaction() {
        return txn;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    // --- insert ------------------------------------------------------------------

    private PartitionRouter router;

    private long lastRoutedRelid;

    /** The last routed row as stored (after the partition's BEFORE ROW triggers), in this table's column order. */
    private Object[] lastRoutedRow;

    /** The row the last routed insert stored, as this (routing) table sees it; null when nothing was routed. */
    public Object[] lastRoutedRow() {
        return lastRoutedRow;
    }

    /** The partition the last routed insert went to (RETURNING tableoid), 0 when nothing was routed. */
    public long lastRoutedRelid() {
        return lastRoutedRelid;
    }

    /** The tuple routing of a partitioned target, or null. */
    public PartitionRouter router() {
        return router;
    }

    /** Makes inserts into this (partitioned) table go to the partition the router picks. */
    public TableModifier routeThrough(PartitionRouter router) {
        this.router = router;
        return this;
    }

    /** The leaf's own row triggers, fired for rows routed into it (null: none). */
    private TriggerManager routedTriggers;

    /** For a leaf partition reached by routing: its row in the routing target's column order. */
    private java.util.function.UnaryOperator<Object[]> toRootRow;

    /** The routing target whose row format error DETAILs show (ExecPartitionCheckEmitError's conversion). */
    private TableModifier root;

    private boolean lastSkipped;

    /**
     * Marks this modifier as a leaf partition that rows are routed into: {@code triggers} are its own
     * row triggers (BEFORE ROW may change or skip a routed row; AFTER ROW events are queued on it),
     * {@code toRootRow} converts its rows to the routing target's column order for error messages.
     */
    public TableModifier asRoutedLeaf(TriggerManager triggers, java.util.function.UnaryOperator<Object[]> toRootRow) {
        this.routedTriggers = triggers;
        this.toRootRow = toRootRow;
        return this;
    }

    /** Whether this routed leaf's tuples differ in layout from the routing target's (a conversion map). */
    private boolean convertedFromRoot = true;
    private boolean lastRoutedConverted = true;

    public TableModifier convertedFromRoot(boolean converted) {
        this.convertedFromRoot = converted;
        return this;
    }

    /**
     * Whether the last routed row was converted to its partition's layout: without a conversion
     * PostgreSQL's RETURNING reads a virtual slot, which has no system columns.
     */
    public boolean lastRoutedConverted() {
        return lastRoutedConverted;
    }

    /** The leaf's row trigger manager (null: none); the statement fires its queued AFTER events at the end. */
    public TriggerManager routedTriggers() {
        return routedTriggers;
    }

    /** Whether the last insert was skipped by a BEFORE ROW trigger of the partition it was routed to. */
    public boolean lastInsertSkipped() {
        return lastSkipped;
    }

    /** The target's row-level security checks on new rows (root column order), empty when none apply. */
    private java.util.List<PolicyCheck> policyChecks = java.util.List.of();

    /** Makes new rows written through this (target) table pass {@code checks} (ExecWithCheckOptions for RLS). */
    public TableModifier withPolicyChecks(java.util.List<PolicyCheck> checks) {
        this.policyChecks = checks;
        return this;
    }

    /**
     * ExecWithCheckOptions(WCO_RLS_*_CHECK): 42501 unless {@code row} (this table's column order)
     * satisfies every check; NULL fails as false does. No DETAIL, as PostgreSQL shows none.
     */
    public void checkPolicies(Object[] row) {
        if (policyChecks.isEmpty()) {
            return;
        }
        Object[] saved = ctx.row();
        ctx.setRow(row);
        try {
            for (PolicyCheck check : policyChecks) {
                if (!Boolean.TRUE.equals(check.expr().eval(ctx))) {
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, check.policyName() == null
                            ? "new row violates row-level security policy for table \"" + check.relationName() + "\""
                            : "new row violates row-level security policy \"" + check.policyName() + "\" for table \""
                                    + check.relationName() + "\"");
                }
            }
        } finally {
            ctx.setRow(saved);
        }
    }

    /**
     * ExecFindPartition alone (INSERT ... ON CONFLICT into a partitioned table, which checks the
     * leaf's arbiter indexes before inserting): the leaf {@code row} would go to and the row in the
     * leaf's column order; nothing is stored.
     */
    public PartitionRouter.Routed routeOnly(Object[] row) {
        checkPartitionConstraint(row);
        router.adoptRoot(this);
        return router.route(row, ctx);
    }

    /** For a leaf reached by routing: {@code leafRow} in the routing target's column order. */
    public Object[] rootRowOf(Object[] leafRow) {
        return toRootRow != null ? toRootRow.apply(leafRow) : leafRow;
    }

    /** Records a row written into a leaf other than by {@link #insert} (ON CONFLICT DO UPDATE) for RETURNING. */
    public void noteRouted(long relid, Object[] rootRow, TableModifier leaf) {
        lastRoutedRelid = relid;
        lastRoutedRow = rootRow;
        lastRoutedConverted = leaf.convertedFromRoot;
    }

    /** ExecInsert: coerces and checks {@code row} (in place), stores it, indexes it. */
    public TupleId insert(Object[] row) {
        lastSkipped = false;
        lastRoutedRow = null;
        if (router != null) {
            checkPartitionConstraint(row);              // a partitioned partition: its own bound first
            router.adoptRoot(this);
            PartitionRouter.Routed routed = router.route(row, ctx);
            lastRoutedRelid = routed.relid();
            TableModifier leaf = routed.modifier();
            lastRoutedConverted = leaf.convertedFromRoot;
            Object[] leafRow = routed.row();
            if (leaf.routedTriggers != null) {
                leafRow = leaf.routedTriggers.beforeRow(org.tusk.engine.relcache.TriggerDesc.INSERT, null, leafRow);
                if (leafRow == null) {
                    lastSkipped = true;
                    return null;
                }
                leafRow = java.util.Arrays.copyOf(leafRow, leaf.table.natts());
            }
            Object[] rootRow = leaf.toRootRow != null ? leaf.toRootRow.apply(leafRow) : leafRow;
            if (!policyChecks.isEmpty()) {
                // after the partition's BEFORE ROW triggers, on the row as the target sees it
                checkPolicies(rootRow);
            }
            lastRoutedRow = rootRow;
            TupleId tid = leaf.insert(leafRow);
            if (leaf.routedTriggers != null) {
                leaf.routedTriggers.afterRow(org.tusk.engine.relcache.TriggerDesc.INSERT, null, leafRow);
            }
            return tid;
        }
        checkPolicies(row);
        checkConstraints(row);
        TupleId tid = rel.am().insert(rel.locator(), rel.codec().form(row), txn);
        insertIndexEntries(row, tid);
        return tid;
    }

    // --- batched insert (COPY FROM's CopyMultiInsertBuffer) ------------------------

    /** Whether rows may be stored a batch at a time: no partition routing (its leaves decide per row). */
    public boolean canInsertInBatches() {
        return router == null;
    }

    /**
     * The part of ExecInsert that comes before storing: {@code row} is coerced and
     * checked (policies, constraints) in place; returns the tuple to store with
     * {@link #storeBatch}, whose rows then get their index entries through
     * {@link #insertIndexEntriesOf}.
     */
    public byte[] prepareBatchedInsert(Object[] row) {
        lastSkipped = false;
        lastRoutedRow = null;
        checkPolicies(row);
        checkConstraints(row);
        return rel.codec().form(row);
    }

    /** Stores tuples from {@link #prepareBatchedInsert} (heap_multi_insert); returns their ids in order. */
    public TupleId[] storeBatch(List<byte[]> tuples) {
        return rel.am().multiInsert(rel.locator(), tuples, txn, frozenBatches);
    }

    /** Whether {@link #storeBatch} stores rows frozen (COPY FREEZE, TABLE_INSERT_FROZEN). */
    private boolean frozenBatches;

    /**
     * COPY FREEZE: batches are stored frozen. The caller checked that the table's storage was
     * created in the current subtransaction. Not with a TOAST table: its chunks are stored as
     * ordinary new rows, and a frozen row whose chunks an older snapshot cannot see would be
     * unreadable to it (PostgreSQL freezes the chunks too), so such rows stay unfrozen.
     */
    public void storeBatchesFrozen() {
        frozenBatches = !rel.codec().hasToast();
    }

    /** The index entries of a row stored by {@link #storeBatch}, unique ones checked. */
    public void insertIndexEntriesOf(Object[] row, TupleId tid) {
        insertIndexEntries(row, tid);
    }

    /** Whether the table has indexes to maintain. */
    public boolean hasIndexes() {
        return !table.indexes().isEmpty();
    }

    // --- update / delete / lock ------------------------------------------------------

    /** ExecUpdate on version {@code tid} with the complete new row (coerced and checked in place). */
    public Result update(TupleId tid, Object[] newRow) {
        return update(tid, newRow, null);
    }

    /**
     * ExecUpdate with the old version's column values ({@code oldRow}, null when not known): when
     * no index's key (nor an expression's or predicate's input) differs between the two rows, the
     * access method may make a heap-only tuple (HOT) and no index entries are inserted.
     */
    public Result update(TupleId tid, Object[] newRow, Object[] oldRow) {
        checkConstraints(newRow);
        // TOAST: the old version's out-of-line values the new one does not keep are deleted with it
        byte[] old = rel.codec().hasToast() ? rel.am().fetch(rel.locator(), tid, latestSnapshot(), txn) : null;
        byte[] data = old != null ? rel.codec().formUpdate(newRow, old) : rel.codec().form(newRow);
        ModifyResult result = rel.am().update(rel.locator(), tid, data, txn, snapshot, true,
                oldRow != null && indexedColumnsUnchanged(oldRow, newRow));
        if (rel.codec().hasToast() && result.status() != ModifyResult.Status.OK) {
            rel.codec().toastDelete(data, old, latestSnapshot());     // nothing points at what we just wrote
        }
        Result outcome = interpret(result, "update");
        if (outcome.outcome() == Outcome.DONE) {
            rel.codec().toastDelete(old, data, latestSnapshot());
            if (!result.heapOnly()) {
                insertIndexEntries(newRow, outcome.tid());
            }
        }
        return outcome;
    }

    /**
     * HeapDetermineColumnsInfo's question, asked of the index keys: whether every index gives
     * {@code oldRow} and {@code newRow} the same encoded key (expressions evaluated, a partial
     * index's predicate deciding alike), so that the new version may be a heap-only tuple.
     */
    private boolean indexedColumnsUnchanged(Object[] oldRow, Object[] newRow) {
        for (ResultIndex index : table.indexes()) {
            Object[] before = index.keyValues(oldRow, ctx);
            Object[] after = index.keyValues(newRow, ctx);
            if (before == null || after == null) {
                if (before != after) {
                    return false;
                }
                continue;
            }
            if (!java.util.Arrays.equals(IndexKeyEncoding.encode(index.keyTypes(), before),
                    IndexKeyEncoding.encode(index.keyTypes(), after))) {
                return false;
            }
        }
        return true;
    }

    /** ExecDelete of version {@code tid}. Index entries stay for VACUUM to remove; TOAST chunks go with the row. */
    public Result delete(TupleId tid) {
        byte[] old = rel.codec().hasToast() ? rel.am().fetch(rel.locator(), tid, latestSnapshot(), txn) : null;
        Result outcome = interpret(rel.am().delete(rel.locator(), tid, txn, snapshot, true), "delete");
        if (outcome.outcome() == Outcome.DONE) {
            rel.codec().toastDelete(old, null, latestSnapshot());
        }
        return outcome;
    }

    /**
     * ExecLockRows for one version: OK, SELF_MODIFIED (locked or changed by us
     * already), or for READ COMMITTED UPDATED/DELETED to follow. NOWAIT gives
     * 55P03.
     */
    public Result lock(TupleId tid, RowLockMode mode, boolean nowait) {
        ModifyResult result = rel.am().lockTuple(rel.locator(), tid, mode, txn, snapshot, !nowait);
        if (result.status() == ModifyResult.Status.WOULD_BLOCK) {
            throw PgException.error(SqlState.LOCK_NOT_AVAILABLE,
                    "could not obtain lock on row in relation \"" + rel.name() + "\"");
        }
        return interpret(result, "lock");
    }

    private Result interpret(ModifyResult result, String what) {
        return switch (result.status()) {
            case OK -> new Result(Outcome.DONE, result.newTupleId());
            case SELF_MODIFIED -> new Result(Outcome.SELF_MODIFIED, null);
            case UPDATED -> {
                if (txn.isRepeatableRead()) {
                    throw serializationFailure("update");
                }
                yield new Result(Outcome.UPDATED, result.newTupleId());
            }
            case DELETED -> {
                if (txn.isRepeatableRead()) {
                    throw serializationFailure("delete");
                }
                yield new Result(Outcome.DELETED, null);
            }
            case INVISIBLE -> throw PgException.error(SqlState.INTERNAL_ERROR, "attempted to " + what
                    + " invisible tuple");
            case WOULD_BLOCK -> throw PgException.error(SqlState.LOCK_NOT_AVAILABLE,
                    "could not obtain lock on row in relation \"" + rel.name() + "\"");
        };
    }

    private static PgException serializationFailure(String kind) {
        return PgException.error(SqlState.SERIALIZATION_FAILURE,
                "could not serialize access due to concurrent " + kind);
    }

    /**
     * EvalPlanQual's first half for READ COMMITTED: starting at {@code tid}
     * (the version a concurrent update produced), lock the newest version of
     * the row, following the update chain and waiting for changers, and read
     * it. Null if the row was deleted meanwhile.
     */
    public LockedRow lockNewest(TupleId tid) {
        while (true) {
            ModifyResult locked = rel.am().lockTuple(rel.locator(), tid, RowLockMode.UPDATE, txn, latestSnapshot(),
                    true);
            switch (locked.status()) {
                case OK, SELF_MODIFIED -> {
                    byte[] data = rel.am().fetch(rel.locator(), tid, latestSnapshot(), txn);
                    return data == null ? null : new LockedRow(tid, rel.codec().deform(data, latestSnapshot()));
                }
                case UPDATED -> tid = locked.newTupleId();
                default -> {
                    return null;
                }
            }
        }
    }

    /**
     * A snapshot in which every committed transaction counts and this
     * transaction's earlier commands do: how EvalPlanQual reads the version it
     * has just locked (whose updater committed after the statement snapshot).
     */
    private Snapshot latestSnapshot() {
        int cid = txn.commandId();
        return new Snapshot() {
            @Override public int xmin() { return snapshot.xmin(); }
            @Override public int xmax() { return -1; }
            @Override public boolean isInProgress(int xid) { return false; }
            @Override public int commandId() { return cid; }
        };
    }

    // --- ON CONFLICT -----------------------------------------------------------------

    /**
     * ExecCheckIndexConstraints: a version that conflicts with {@code row} in
     * one of the {@code arbiters} (unique indexes), or null. Rows being
     * inserted or deleted by running transactions are waited for. (Without
     * speculative insertion a concurrent inserter of the same key can still
     * make the following insert fail with 23505.)
     */
    public TupleId findConflict(Object[] row, List<ResultIndex> arbiters) {
        retry:
        while (true) {
            for (ResultIndex index : arbiters) {
                Object[] key = index.keyValues(row, ctx);
                if (key == null || hasNull(key) && !index.nullsNotDistinct()) {
                    continue;                           // NULLs never conflict
                }
                byte[] encoded = IndexKeyEncoding.encode(index.keyTypes(), key);
                try (IndexScan scan = index.am().beginScan(index.descriptor(), ScanBounds.equal(encoded), snapshot,
                        txn)) {
                    while (scan.next()) {
                        TupleLiveness liveness = rel.am().liveness(rel.locator(), scan.heapTid(), txn);
                        switch (liveness.state()) {
                            case LIVE -> {
                                // the live member of the entry's HOT chain, which is what gets locked and updated
                                org.tusk.api.storage.FetchedTuple live = rel.am().fetchFromIndex(rel.locator(),
                                        scan.heapTid(), latestSnapshot(), txn);
                                return live != null ? live.tid() : scan.heapTid();
                            }
                            case IN_PROGRESS -> {
                                scan.close();
                                txn.waitForTransaction(liveness.xid());
                                continue retry;
                            }
                            case DEAD -> {
                            }
                        }
                    }
                }
            }
            return null;
        }
    }

    /** Fetches version {@code tid} as a row (for ON CONFLICT DO UPDATE after locking it), or null. */
    public Object[] fetchLocked(TupleId tid) {
        byte[] data = rel.am().fetch(rel.locator(), tid, latestSnapshot(), txn);
        return data == null ? null : rel.codec().deform(data, latestSnapshot());
    }

    // --- constraints and indexes --------------------------------------------------------

    /**
     * Per column, its type's length-coercion function when the column has a typmod, else null;
     * looked up once per modifier (a pg_cast and a function-registry lookup per column of every
     * row was a few percent of pgbench's UPDATEs, for the filler char(n) columns).
     */
    private org.tusk.engine.expr.FunctionBody[] typmodBodies(List<ResultColumn> columns) {
        org.tusk.engine.expr.FunctionBody[] bodies = typmodBodies;
        if (bodies == null || bodies.length != columns.size()) {
            bodies = new org.tusk.engine.expr.FunctionBody[columns.size()];
            for (int i = 0; i < bodies.length; i++) {
                ResultColumn column = columns.get(i);
                if (column.typmod() >= 0) {
                    bodies[i] = org.tusk.engine.func.Coercion.typmodBody(column.type());
                }
            }
            typmodBodies = bodies;
        }
        return bodies;
    }

    /**
     * ExecConstraints, preceded by the assignment typmod coercion: varchar(n)
     * too long is 22001, NOT NULL 23502, CHECK 23514, with PostgreSQL's
     * "Failing row contains (...)" detail.
     */
    public void checkConstraints(Object[] row) {
        List<ResultColumn> columns = table.columns();
        org.tusk.engine.expr.FunctionBody[] bodies = typmodBodies(columns);
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            if (row[i] != null && bodies[i] != null) {
                row[i] = bodies[i].apply(new Object[] {row[i], column.typmod(), false}, ctx);
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            if (column.notNull() && row[i] == null) {
                throw PgException.error(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + column.name()
                        + "\" of relation \"" + rel.name() + "\" violates not-null constraint")
                        .withDetail("Failing row contains " + failingRow(row) + ".");
            }
        }
        if (!table.checks().isEmpty()) {
            Object[] saved = ctx.row();
            ctx.setRow(row);
            try {
                for (CheckConstraint check : table.checks()) {
                    if (check.view() != null) {
                        if (!Boolean.TRUE.equals(check.expr().eval(ctx))) {
                            throw PgException.error("44000", "new row violates check option for view \""
                                    + check.view() + "\"").withDetail("Failing row contains " + failingRow(row) + ".");
                        }
                        continue;
                    }
                    if (check.name() == null && !Boolean.TRUE.equals(check.expr().eval(ctx))) {
                        // ExecPartitionCheck: a row in a partition must satisfy its bound (NULL fails too)
                        throw PgException.error(SqlState.CHECK_VIOLATION, "new row for relation \"" + rel.name()
                                + "\" violates partition constraint")
                                .withDetail("Failing row contains " + failingRow(row) + ".");
                    }
                    if (check.name() != null && Boolean.FALSE.equals(check.expr().eval(ctx))) {
                        throw PgException.error(SqlState.CHECK_VIOLATION, "new row for relation \"" + rel.name()
                                + "\" violates check constraint \"" + check.name() + "\"")
                                .withDetail("Failing row contains " + failingRow(row) + ".");
                    }
                }
            } finally {
                ctx.setRow(saved);
            }
        }
    }

    /**
     * ExecPartitionCheck alone: whether {@code row} satisfies this partition's constraint (its
     * bound and its ancestors'); true for a table that is not a partition. UPDATE through a
     * partitioned table moves a row that fails it.
     */
    public boolean satisfiesPartitionConstraint(Object[] row) {
        Object[] saved = ctx.row();
        ctx.setRow(row);
        try {
            for (CheckConstraint check : table.checks()) {
                if (check.name() == null && check.view() == null && !Boolean.TRUE.equals(check.expr().eval(ctx))) {
                    return false;
                }
            }
            return true;
        } finally {
            ctx.setRow(saved);
        }
    }

    /**
     * ExecWithCheckOptions(WCO_VIEW_CHECK) alone: 44000 when {@code row} fails the check option
     * of a view the statement goes through (a row moving to another partition is checked here).
     */
    public void checkViewOptions(Object[] row) {
        Object[] saved = ctx.row();
        ctx.setRow(row);
        try {
            for (CheckConstraint check : table.checks()) {
                if (check.view() != null && !Boolean.TRUE.equals(check.expr().eval(ctx))) {
                    throw PgException.error("44000", "new row violates check option for view \""
                            + check.view() + "\"").withDetail("Failing row contains " + describeRow(row) + ".");
                }
            }
        } finally {
            ctx.setRow(saved);
        }
    }

    /** 23514 "new row for relation ... violates partition constraint" unless {@code row} satisfies it. */
    public void checkPartitionConstraint(Object[] row) {
        if (!satisfiesPartitionConstraint(row)) {
            throw PgException.error(SqlState.CHECK_VIOLATION, "new row for relation \"" + rel.name()
                    + "\" violates partition constraint").withDetail("Failing row contains " + failingRow(row) + ".");
        }
    }

    /** ExecInsertIndexTuples: an entry in every index; unique ones check first (23505 with the key). */
    private void insertIndexEntries(Object[] row, TupleId tid) {
        for (ResultIndex index : table.indexes()) {
            Object[] key = index.keyValues(row, ctx);
            if (key == null) {
                continue;                               // outside a partial index
            }
            byte[] encoded = IndexKeyEncoding.encode(index.keyTypes(), key);
            boolean check = index.unique() && (!hasNull(key) || index.nullsNotDistinct());
            try {
                index.am().insert(index.descriptor(), encoded, tid,
                        check ? heapTid -> rel.am().liveness(rel.locator(), heapTid, txn) : null, txn);
            } catch (PgException e) {
                if (SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) && e.detail() == null) {
                    throw e.withDetail("Key " + describeKey(index, key) + " already exists.");
                }
                if (SqlState.PROGRAM_LIMIT_EXCEEDED.equals(e.sqlState()) && e.detail() == null
                        && e.getMessage() != null && e.getMessage().startsWith("index row size")) {
                    // _bt_check_third_page's detail and hint (the access method does not know the table's name)
                    throw e.withDetail("Index row references tuple (" + Integer.toUnsignedLong(tid.block()) + ","
                            + tid.offset() + ") in relation \"" + rel.name() + "\".")
                            .withHint("Values larger than 1/3 of a buffer page cannot be indexed.\n"
                                    + "Consider a function index of an MD5 hash of the value, or use full text indexing.");
                }
                throw e;
            }
        }
    }

    /** BuildIndexValueDescription: {@code (a, b)=(1, x)}. */
    String describeKey(ResultIndex index, Object[] key) {
        StringBuilder names = new StringBuilder("(");
        StringBuilder values = new StringBuilder("(");
        for (int i = 0; i < key.length; i++) {
            if (i > 0) {
                names.append(", ");
                values.append(", ");
            }
            if (index.keyExprs() != null && index.keyExprs()[i] != null) {
                names.append(org.tusk.engine.planner.Deparser.unqualifiedAsWritten(index.keyExprs()[i]));
                values.append(key[i] == null ? "null" : TextFormat.output(index.keyTypes().get(i), key[i], typeContext()));
                continue;
            }
            ResultColumn column = table.columns().get(index.keyColumns()[i]);
            names.append(column.name());
            values.append(key[i] == null ? "null" : TextFormat.output(column.type(), key[i], typeContext()));
        }
        return names.append(")=").append(values).append(")").toString();
    }

    /** The DETAIL's row: in the routing target's column order for a partition reached by routing. */
    private String failingRow(Object[] row) {
        if (root != null && toRootRow != null && root != this) {
            return root.describeRow(toRootRow.apply(row));
        }
        return describeRow(row);
    }

    void setRoot(TableModifier root) {
        this.root = root;
    }

    /** Whether the user holds SELECT on the table (else DETAILs name the columns they show). */
    private java.util.function.BooleanSupplier tableSelect = () -> true;

    /**
     * ExecBuildSlotValueDescription's privilege test: without SELECT on the table the row's values are
     * shown as {@code (a, b) = (1, x)}, for the columns the statement writes (taken to be all of them).
     */
    public TableModifier describeRowsIf(java.util.function.BooleanSupplier tableSelect) {
        this.tableSelect = tableSelect;
        return this;
    }

    /** ExecBuildSlotValueDescription: {@code (1, null, x)}. */
    public String describeRow(Object[] row) {
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ResultColumn column = table.columns().get(i);
            names.add(column.name());
            parts.add(row[i] == null ? "null"
                    : truncate(TextFormat.output(column.type(), row[i], typeContext()), 64));
        }
        String values = "(" + String.join(", ", parts) + ")";
        return tableSelect.getAsBoolean() ? values : "(" + String.join(", ", names) + ") = " + values;
    }

    /** ExecBuildSlotValueDescription's maxfieldlen: at most {@code max} characters, then "...". */
    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private TypeContext typeContext() {
        return ctx != null && ctx.session() != null ? ctx.session().typeContext() : TypeContext.DEFAULT;
    }

    private static boolean hasNull(Object[] key) {
        for (Object v : key) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }
}
