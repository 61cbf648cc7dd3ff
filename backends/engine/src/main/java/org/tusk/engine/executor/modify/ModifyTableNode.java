package org.tusk.engine.executor.modify;

import java.util.Arrays;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * ModifyTable (nodeModifyTable.c): pulls rows from its source plan and
 * inserts, updates or deletes through a {@link TableModifier}; returns the
 * RETURNING rows (none without RETURNING) and counts the rows processed for
 * the command tag.
 *
 * <p>Source row conventions (what the analyzer/planner must produce):
 * <ul>
 * <li>INSERT: exactly the table's columns, defaults already filled in.</li>
 * <li>UPDATE/DELETE: the target table's columns first (0..natts-1), then any
 *     other columns (FROM/USING), and the target version's
 *     {@link TupleId} at {@code ctidIndex} (SeqScanNode/IndexScanNode with
 *     emitCtid). {@code setTargets} (UPDATE: one per table column) and
 *     {@code recheck} (the WHERE clause) are evaluated over such a row.</li>
 * <li>RETURNING expressions see the new row (the old one for DELETE) in
 *     place of the target's columns, the rest of the source row after it.</li>
 * </ul>
 * READ COMMITTED EvalPlanQual: when the version was updated concurrently, the
 * newest version is locked and put into the source row, {@code recheck} is
 * evaluated again, and if it still holds the SET list is recomputed and that
 * version is updated (or deleted).
 */
public final class ModifyTableNode implements PlanState {

    public enum Kind {
        INSERT, UPDATE, DELETE, MERGE
    }

    private final Kind kind;
    private final TableModifier modifier;
    private final PlanState source;
    private final EvalContext ctx;
    private final Expr[] setTargets;
    private final int ctidIndex;
    private final Expr recheck;
    private final Expr[] returning;
    private final OnConflict onConflict;
    private final int natts;
    private long processed;
    private RowEvents events;
    private TriggerManager triggers;

    /**
     * What the AFTER ROW triggers of the table would be told (here: the foreign key checks and
     * actions, which run when the statement's rows are done). Rows are the table's live columns.
     */
    public interface RowEvents {
        void inserted(Object[] newRow);

        void updated(Object[] oldRow, Object[] newRow);

        void deleted(Object[] oldRow);
    }

    private InheritedTargets inherited;
    private int tableoidIndex = -1;

    /**
     * UPDATE/DELETE through an inheritance parent: the source row's slot {@code tableoidIndex}
     * names the member it came from, whose modifier changes it (rows may move between partitions).
     */
    public ModifyTableNode throughInheritors(InheritedTargets inherited, int tableoidIndex) {
        this.inherited = inherited;
        this.tableoidIndex = tableoidIndex;
        return this;
    }

    /** Reports every row changed to {@code events} (null: nobody listens). */
    public ModifyTableNode withEvents(RowEvents events) {
        this.events = events;
        return this;
    }

    private ModifyTableNode(Kind kind, TableModifier modifier, PlanState source, EvalContext ctx, Expr[] setTargets,
            int ctidIndex, Expr recheck, Expr[] returning, OnConflict onConflict) {
        this.kind = kind;
        this.modifier = modifier;
        this.source = source;
        this.ctx = ctx;
        this.setTargets = setTargets;
        this.ctidIndex = ctidIndex;
        this.recheck = recheck;
        this.returning = returning;
        this.onConflict = onConflict;
        this.natts = modifier.table().natts();
    }

    public static ModifyTableNode insert(TableModifier modifier, PlanState source, EvalContext ctx,
            OnConflict onConflict, Expr[] returning) {
        return new ModifyTableNode(Kind.INSERT, modifier, source, ctx, null, -1, null, returning, onConflict);
    }

    public static ModifyTableNode update(TableModifier modifier, PlanState source, EvalContext ctx,
            Expr[] setTargets, int ctidIndex, Expr recheck, Expr[] returning) {
        return new ModifyTableNode(Kind.UPDATE, modifier, source, ctx, setTargets, ctidIndex, recheck, returning,
                null);
    }

    /**
     * MERGE over the join of source and target: the target's columns first, its version's TupleId at
     * {@code ctidIndex} (null for a source row no target row joined), then the source's columns.
     * {@code joinCondition} is re-checked on a version a concurrent transaction made.
     */
    public static ModifyTableNode merge(TableModifier modifier, PlanState source, EvalContext ctx, int ctidIndex,
            Expr joinCondition, List<MergeAction> actions) {
        ModifyTableNode node = new ModifyTableNode(Kind.MERGE, modifier, source, ctx, null, ctidIndex, null, null,
                null);
        node.joinCondition = joinCondition;
        node.mergeActions = actions;
        return node;
    }

    public static ModifyTableNode delete(TableModifier modifier, PlanState source, EvalContext ctx, int ctidIndex,
            Expr recheck, Expr[] returning) {
        return new ModifyTableNode(Kind.DELETE, modifier, source, ctx, null, ctidIndex, recheck, returning, null);
    }

    /** Fires {@code triggers}' row triggers around each row written (null: none). */
    public ModifyTableNode withTriggers(TriggerManager triggers) {
        this.triggers = triggers;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** Rows inserted, updated or deleted so far (the command tag's count). */
    public long processed() {
        return processed;
    }

    /** Runs the whole statement (no RETURNING, or results not wanted); returns the count. */
    public long runToCompletion() {
        while (next() != null) {
            // rows are counted by next()
        }
        return processed;
    }

    @Override
    public Object[] next() {
        while (true) {
            Object[] in = source.next();
            if (in == null) {
                return null;
            }
            ctx.checkForInterrupts();
            Object[] out = switch (kind) {
                case INSERT -> insert(in);
                case UPDATE -> update(in, setTargets);
                case DELETE -> delete(in);
                case MERGE -> merge(in);
            };
            if (out != null && returning != null) {
                return out;
            }
        }
    }

    // --- INSERT ----------------------------------------------------------------------

    private Object[] insert(Object[] in) {
        Object[] row = Arrays.copyOf(in, natts);
        if (triggers != null) {
            row = triggers.beforeRow(org.tusk.engine.relcache.TriggerDesc.INSERT, null, row);
            if (row == null) {
                return null;
            }
        }
        conflictUpdated = false;
        if (onConflict == null) {
            lastInsertedTid = modifier.insert(row);
            if (modifier.lastInsertSkipped()) {
                return null;                            // a BEFORE ROW trigger of the partition skipped it
            }
            processed++;
            afterRow(org.tusk.engine.relcache.TriggerDesc.INSERT, null, row);
            return project(row, null);
        }
        while (true) {
            // a partitioned target: the row is routed first, its leaf's arbiters decide (ExecInsert after
            // ExecPrepareTupleRouting, with the arbiter indexes mapped to the partition's)
            PartitionRouter.Routed routed = modifier.router() != null && onConflict.leafArbiters() != null
                    ? modifier.routeOnly(row) : null;
            TableModifier target = routed == null ? modifier : routed.modifier();
            TupleId conflict = routed == null ? modifier.findConflict(row, onConflict.arbiters())
                    : target.findConflict(routed.row(), onConflict.leafArbiters().apply(routed.relid(), target));
            if (conflict == null) {
                lastInsertedTid = modifier.insert(row);
                if (modifier.lastInsertSkipped()) {
                    return null;
                }
                processed++;
                afterRow(org.tusk.engine.relcache.TriggerDesc.INSERT, null, row);
                return project(row, null);
            }
            if (!onConflict.doUpdate()) {
                return null;                            // DO NOTHING
            }
            Object[] updated = onConflictUpdate(target, routed, conflict, row);
            if (updated != RETRY) {
                return updated;
            }
        }
    }

    private static final Object[] RETRY = new Object[0];

    /** The ctid of the row the last insert wrote (RETURNING ctid). */
    private TupleId lastInsertedTid;
    /** Whether the row being returned is an ON CONFLICT DO UPDATE's (its new version carries our lock). */
    private boolean conflictUpdated;
    /** Whether RETURNING reads xmin, cmin, xmax or cmax of the inserted tuple. */
    private boolean readsTupleHeader;

    /** UPDATE/DELETE: where the source row carries the target tuple's xmin, cmin, xmax, cmax (-1: it does not). */
    private int headerSlot = -1;

    /**
     * The RETURNING of an UPDATE reads the new version's header (xmin = our xid, xmax 0), that of
     * a DELETE the deleted version's (xmax = our xid): {@code slot} is where the source row has them.
     */
    public ModifyTableNode withHeaderSlots(int slot) {
        this.headerSlot = slot;
        return this;
    }

    public ModifyTableNode readingTupleHeader(boolean reads) {
        this.readsTupleHeader = reads;
        return this;
    }

    /**
     * The one place a written row is reported (ExecAR*Triggers): first to the foreign key
     * checks (their RI triggers sort before user trigger names), then queued for the
     * table's AFTER ROW triggers. Both fire at the end of the statement.
     */
    private void afterRow(int event, Object[] oldRow, Object[] newRow) {
        if (events != null) {
            switch (event) {
                case org.tusk.engine.relcache.TriggerDesc.INSERT -> events.inserted(newRow);
                case org.tusk.engine.relcache.TriggerDesc.UPDATE -> events.updated(oldRow, newRow);
                default -> events.deleted(oldRow);
            }
        }
        if (triggers != null) {
            triggers.afterRow(event, oldRow, newRow);
        }
    }

    /** ExecOnConflictUpdate: lock the existing row, then update it from the SET list with EXCLUDED. */
    private Object[] onConflictUpdate(TableModifier target, PartitionRouter.Routed routed, TupleId conflict,
            Object[] proposed) {
        TableModifier.Result locked;
        try {
            locked = target.lock(conflict, RowLockMode.UPDATE, false);
        } catch (PgException e) {
            if (e.getMessage().startsWith("attempted to lock invisible tuple")) {
                throw cannotAffectTwice();
            }
            throw e;
        }
        switch (locked.outcome()) {
            case SELF_MODIFIED -> throw cannotAffectTwice();
            case UPDATED, DELETED -> {
                return RETRY;                            // READ COMMITTED: look for the conflict again
            }
            default -> {
            }
        }
        Object[] existing = target.fetchLocked(conflict);
        if (existing == null) {
            return RETRY;
        }
        if (routed != null) {
            existing = target.rootRowOf(existing);      // SET and WHERE read the target's columns
        }
        Object[] combined = new Object[natts * 2];
        System.arraycopy(existing, 0, combined, 0, natts);
        System.arraycopy(proposed, 0, combined, natts, natts);
        if (onConflict.where() != null && !Boolean.TRUE.equals(eval(onConflict.where(), combined))) {
            return null;                                 // WHERE false: the row stays, nothing returned
        }
        Object[] newRow = evalAll(onConflict.setTargets(), combined);
        Object[] stored = newRow;
        if (routed != null) {
            // the new version must stay in the partition (ExecUpdateAct refuses to move an ON CONFLICT row)
            PartitionRouter.Routed again;
            try {
                again = modifier.routeOnly(newRow);
            } catch (PgException e) {
                if (!SqlState.CHECK_VIOLATION.equals(e.sqlState())) {
                    throw e;
                }
                again = null;
            }
            if (again == null || again.relid() != routed.relid()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "invalid ON UPDATE specification")
                        .withDetail("The result tuple would appear in a different partition than the original tuple.");
            }
            stored = again.row();
        }
        TableModifier.Result result = target.update(conflict, stored);
        if (result.outcome() != TableModifier.Outcome.DONE) {
            throw cannotAffectTwice();
        }
        processed++;
        afterRow(org.tusk.engine.relcache.TriggerDesc.UPDATE, existing, newRow);
        lastInsertedTid = result.tid();
        conflictUpdated = true;
        if (routed != null) {
            modifier.noteRouted(routed.relid(), newRow, target);
        }
        return project(newRow, null);
    }

    private static PgException cannotAffectTwice() {
        return PgException.error(SqlState.CARDINALITY_VIOLATION,
                "ON CONFLICT DO UPDATE command cannot affect row a second time")
                .withHint("Ensure that no rows proposed for insertion within the same command have duplicate "
                        + "constrained values.");
    }

    // --- UPDATE / DELETE ------------------------------------------------------------------

    private Object[] update(Object[] in, Expr[] setTargets) {
        Object[] sourceRow = in;
        TupleId tid = (TupleId) in[ctidIndex];
        InheritedTargets.Member member = inherited == null ? null : inherited.member(in[tableoidIndex]);
        TableModifier modifier = member == null ? this.modifier : member.modifier();
        while (true) {
            Object[] newRow = evalAll(setTargets, sourceRow);
            Object[] oldRow = Arrays.copyOf(sourceRow, natts);
            if (triggers != null) {
                newRow = triggers.beforeRow(org.tusk.engine.relcache.TriggerDesc.UPDATE, oldRow, newRow);
                if (newRow == null) {
                    return null;
                }
            }
            Object[] stored = member == null ? newRow : inherited.toMember(member, newRow, tid);
            TriggerManager memberTriggers = member == null ? null : modifier.routedTriggers();
            Object[] oldStored = null;
            if (memberTriggers != null) {
                // the member's own BEFORE ROW UPDATE triggers, on its rows (they may change the key)
                oldStored = inherited.toMember(member, oldRow, tid);
                stored = memberTriggers.beforeRow(org.tusk.engine.relcache.TriggerDesc.UPDATE, oldStored, stored);
                if (stored == null) {
                    return null;
                }
                stored = Arrays.copyOf(stored, modifier.table().natts());
                newRow = inherited.toParent(member, stored);
            }
            if (member != null && inherited.mustMove(member, stored)) {
                // ExecCrossPartitionUpdate: delete here (the member's BEFORE DELETE triggers may skip
                // the whole move), insert through the target
                if (memberTriggers != null && memberTriggers.beforeRow(org.tusk.engine.relcache.TriggerDesc.DELETE,
                        oldStored, null) == null) {
                    return null;
                }
                TableModifier.Result deleted = modifier.delete(tid);
                switch (deleted.outcome()) {
                    case DONE -> {
                        long to = inherited.insertMoved(newRow);
                        if (readsTupleHeader && !inherited.lastMoveConverted()) {
                            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                                    "cannot retrieve a system column in this context");
                        }
                        newRow = inherited.lastMovedRow(newRow);
                        processed++;
                        afterRow(org.tusk.engine.relcache.TriggerDesc.UPDATE, oldRow, newRow);
                        Object[] moved = sourceRow.clone();
                        moved[tableoidIndex] = to;
                        return project(newRow, moved);
                    }
                    case SELF_MODIFIED, DELETED -> {
                        return kind == Kind.MERGE ? mergeConflict(deleted) : null;
                    }
                    case UPDATED -> {
                        if (kind == Kind.MERGE) {
                            return mergeConflict(deleted);
                        }
                        sourceRow = evalPlanQual(modifier, member, deleted.tid(), sourceRow);
                        if (sourceRow == null) {
                            return null;
                        }
                        tid = (TupleId) sourceRow[ctidIndex];
                        continue;
                    }
                }
            }
            // ExecUpdateAct: the target's RLS UPDATE checks when the row stays (a moving row is checked where it lands)
            this.modifier.checkPolicies(newRow);
            // the old version's values (HOT needs them): the target's own slots, for a plain table
            TableModifier.Result result = modifier.update(tid, stored, member == null ? oldRow : null);
            switch (result.outcome()) {
                case DONE -> {
                    processed++;
                    if (memberTriggers != null) {
                        memberTriggers.afterRow(org.tusk.engine.relcache.TriggerDesc.UPDATE, oldStored, stored);
                    }
                    afterRow(org.tusk.engine.relcache.TriggerDesc.UPDATE, oldRow, newRow);
                    lastInsertedTid = result.tid();
                    return project(newRow, sourceRow);
                }
                case SELF_MODIFIED, DELETED -> {
                    return kind == Kind.MERGE ? mergeConflict(result) : null;
                }
                case UPDATED -> {
                    if (kind == Kind.MERGE) {
                        return mergeConflict(result);
                    }
                    sourceRow = evalPlanQual(modifier, member, result.tid(), sourceRow);
                    if (sourceRow == null) {
                        return null;
                    }
                    tid = (TupleId) sourceRow[ctidIndex];
                }
            }
        }
    }

    private Object[] delete(Object[] in) {
        Object[] sourceRow = in;
        TupleId tid = (TupleId) in[ctidIndex];
        InheritedTargets.Member member = inherited == null ? null : inherited.member(in[tableoidIndex]);
        TableModifier modifier = member == null ? this.modifier : member.modifier();
        while (true) {
            Object[] oldRow = Arrays.copyOf(sourceRow, natts);
            if (triggers != null
                    && triggers.beforeRow(org.tusk.engine.relcache.TriggerDesc.DELETE, oldRow, null) == null) {
                return null;
            }
            TableModifier.Result result = modifier.delete(tid);
            switch (result.outcome()) {
                case DONE -> {
                    processed++;
                    afterRow(org.tusk.engine.relcache.TriggerDesc.DELETE, oldRow, null);
                    return project(Arrays.copyOf(sourceRow, natts), sourceRow);
                }
                case SELF_MODIFIED, DELETED -> {
                    return kind == Kind.MERGE ? mergeConflict(result) : null;
                }
                case UPDATED -> {
                    if (kind == Kind.MERGE) {
                        return mergeConflict(result);
                    }
                    sourceRow = evalPlanQual(modifier, member, result.tid(), sourceRow);
                    if (sourceRow == null) {
                        return null;
                    }
                    tid = (TupleId) sourceRow[ctidIndex];
                }
            }
        }
    }

    // --- MERGE ---------------------------------------------------------------------------------

    private List<MergeAction> mergeActions;
    private Expr joinCondition;
    /** MERGE: the version a concurrent transaction's update made of the row being changed. */
    private TupleId concurrentVersion;
    private long sourceRows;
    private long mergeInserted;
    private long mergeUpdated;
    private long mergeDeleted;

    /** What {@link #update}/{@link #delete} of a MERGE return when another transaction changed the row first. */
    private static final Object[] CONCURRENTLY_UPDATED = new Object[0];
    private static final Object[] CONCURRENTLY_DELETED = new Object[0];

    /**
     * MERGE: each source row (the target's columns and ctid null when no target row joined) takes
     * the first WHEN clause of its kind whose condition holds (ExecMerge).
     */
    private Object[] merge(Object[] in) {
        sourceRows++;
        Object[] row = in;
        boolean matched = in[ctidIndex] != null;
        while (matched) {
            MergeAction action = firstAction(true, row);
            if (action == null || action.command() == MergeAction.Command.NOTHING) {
                return null;
            }
            long before = processed;
            Object[] out = action.command() == MergeAction.Command.UPDATE ? update(row, action.targets())
                    : delete(row);
            if (out == CONCURRENTLY_UPDATED) {
                // ExecMergeMatched's EvalPlanQual: the newest version, if it still joins, goes through the
                // MATCHED clauses from the top; otherwise the row is NOT MATCHED
                row = mergeRecheck(row);
                matched = row != null;
                row = matched ? row : in;
                continue;
            }
            if (out == CONCURRENTLY_DELETED) {
                break;
            }
            if (processed > before) {
                if (action.command() == MergeAction.Command.UPDATE) {
                    mergeUpdated++;
                } else {
                    mergeDeleted++;
                }
            }
            return out;
        }
        MergeAction action = firstAction(false, row);
        if (action == null || action.command() == MergeAction.Command.NOTHING) {
            return null;
        }
        ctx.setRow(row);
        Object[] inserted = new Object[natts];
        for (int i = 0; i < natts; i++) {
            Expr e = action.targets()[i];
            inserted[i] = e == null ? null : e.eval(ctx);           // a column without default: NULL
        }
        long before = processed;
        Object[] out = insert(inserted);
        if (processed > before) {
            mergeInserted++;
        }
        return out;
    }

    private MergeAction firstAction(boolean matched, Object[] row) {
        for (MergeAction action : mergeActions) {
            if (action.matched() == matched
                    && (action.condition() == null || Boolean.TRUE.equals(eval(action.condition(), row)))) {
                return action;
            }
        }
        return null;
    }

    /**
     * A MERGE's update or delete found the version changed: by this very command (a second source
     * row matched it: 21000), or, in READ COMMITTED, by a concurrent transaction (REPEATABLE READ
     * failed with 40001 already in TableModifier).
     */
    private Object[] mergeConflict(TableModifier.Result result) {
        return switch (result.outcome()) {
            case SELF_MODIFIED -> throw PgException.error(SqlState.CARDINALITY_VIOLATION,
                    "MERGE command cannot affect row a second time")
                    .withHint("Ensure that not more than one source row matches any one target row.");
            case UPDATED -> {
                concurrentVersion = result.tid();
                yield CONCURRENTLY_UPDATED;
            }
            default -> CONCURRENTLY_DELETED;
        };
    }

    /** The newest version of the row, locked, in the source row; null when it is gone or no longer joins. */
    private Object[] mergeRecheck(Object[] sourceRow) {
        InheritedTargets.Member member = inherited == null ? null : inherited.member(sourceRow[tableoidIndex]);
        Object[] row = newestVersionInto(member == null ? modifier : member.modifier(), member, concurrentVersion, sourceRow);
        return row != null && Boolean.TRUE.equals(eval(joinCondition, row)) ? row : null;
    }

    /** EXPLAIN ANALYZE's "Tuples:" counts of a MERGE: inserted, updated, deleted, skipped. */
    public long[] mergeCounts() {
        return new long[] {mergeInserted, mergeUpdated, mergeDeleted,
                sourceRows - mergeInserted - mergeUpdated - mergeDeleted};
    }

    /**
     * EvalPlanQual: the newest version of the row, locked, substituted into
     * the source row; null if it is gone or no longer satisfies the WHERE.
     */
    private Object[] evalPlanQual(TableModifier modifier, InheritedTargets.Member member, TupleId newer,
            Object[] sourceRow) {
        Object[] row = newestVersionInto(modifier, member, newer, sourceRow);
        if (row == null || recheck != null && !Boolean.TRUE.equals(eval(recheck, row))) {
            return null;
        }
        return row;
    }

    /** The newest version of the row, locked, put into a copy of the source row (values and ctid); null if gone. */
    private Object[] newestVersionInto(TableModifier modifier, InheritedTargets.Member member, TupleId newer,
            Object[] sourceRow) {
        TableModifier.LockedRow latest = modifier.lockNewest(newer);
        if (latest == null) {
            return null;
        }
        Object[] row = sourceRow.clone();
        Object[] values = member == null ? latest.values() : inherited.toParent(member, latest.values());
        System.arraycopy(values, 0, row, 0, natts);
        row[ctidIndex] = latest.tid();
        return row;
    }

    // --- expressions --------------------------------------------------------------------

    private Object eval(Expr expr, Object[] row) {
        ctx.setRow(row);
        return expr.eval(ctx);
    }

    private Object[] evalAll(Expr[] exprs, Object[] row) {
        ctx.setRow(row);
        Object[] out = new Object[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
            out[i] = exprs[i].eval(ctx);
        }
        return out;
    }

    /** The RETURNING row: the table row in front, the rest of the source row after it. */
    private Object[] project(Object[] tableRow, Object[] sourceRow) {
        if (returning == null) {
            return null;
        }
        Object[] row = sourceRow == null ? tableRow : sourceRow.clone();
        if (sourceRow != null) {
            System.arraycopy(tableRow, 0, row, 0, natts);
        }
        if (headerSlot >= 0 && sourceRow != null && headerSlot + 3 < row.length) {
            long xid = Integer.toUnsignedLong(modifier.transaction().assignXid());
            long cid = Integer.toUnsignedLong(modifier.transaction().commandId());
            if (kind == Kind.UPDATE) {
                row[ctidIndex] = lastInsertedTid;        // the new version's
                row[headerSlot] = xid;
                row[headerSlot + 1] = cid;
                row[headerSlot + 2] = 0L;
            } else {
                row[headerSlot + 2] = xid;
            }
            row[headerSlot + 3] = cid;
        }
        if (kind == Kind.INSERT) {
            // a partitioned table's RETURNING reads the partition the row went to from the slot after the
            // columns (a plain table's: the new tuple's ctid), then the new tuple's xmin, cmin, xmax, cmax
            row = Arrays.copyOf(tableRow, natts + 5);
            if (modifier.router() != null) {
                row[natts] = modifier.lastRoutedRelid() == 0 ? null : modifier.lastRoutedRelid();
            } else {
                row[natts] = lastInsertedTid;
            }
            if (modifier.router() == null || modifier.lastRoutedConverted()) {
                long cid = Integer.toUnsignedLong(modifier.transaction().commandId());
                row[natts + 1] = Integer.toUnsignedLong(modifier.transaction().assignXid());
                row[natts + 2] = cid;
                // ON CONFLICT DO UPDATE: the new version carries the lock the update took (xmax = our xid)
                row[natts + 3] = conflictUpdated ? row[natts + 1] : (Object) 0L;
                row[natts + 4] = cid;
            } else if (readsTupleHeader) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot retrieve a system column in this context");
            }
        }
        return evalAll(returning, row);
    }
}
