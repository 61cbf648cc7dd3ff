package org.tusk.engine.executor.modify;

import java.util.Arrays;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.LockRows;
import org.tusk.engine.executor.scan.ScanRelation;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * ExecLockRows with EvalPlanQual's simple form, for SELECT ... FOR UPDATE/NO KEY UPDATE/SHARE/KEY
 * SHARE. Each row that reaches the LockRows node carries, after its output columns, a copy of the
 * query level's base row (every range table entry's slots, the locked relations' hidden ctid
 * among them). Every locked relation's version is locked through the table access method:
 * <ul>
 * <li>a version changed by this transaction's own later command is skipped (TM_SelfModified);</li>
 * <li>another transaction holding a conflicting lock: waited for, or with NOWAIT 55P03, or with
 *     SKIP LOCKED the row is left out;</li>
 * <li>REPEATABLE READ and stricter: a version a concurrent committed transaction updated or
 *     deleted is 40001;</li>
 * <li>READ COMMITTED: a deleted row is left out; an updated one is followed to its newest version,
 *     which is locked, put into the base row, and the level's quals re-checked on it (the row is
 *     left out when they fail); the output columns are then recomputed from the new version.</li>
 * </ul>
 */
public final class RowMarkLocker implements LockRows.RowLocker {

    /**
     * One locked relation of the level (PlanRowMark): where its columns and TupleId sit in the base row.
     * An inheritance set has {@code members}: each row is locked in the member its tableoid names.
     */
    public record RowMark(ScanRelation relation, int offset, int width, int ctidSlot, RowLockMode mode,
            boolean nowait, boolean skipLocked, Members members) {

        public RowMark(ScanRelation relation, int offset, int width, int ctidSlot, RowLockMode mode, boolean nowait,
                boolean skipLocked) {
            this(relation, offset, width, ctidSlot, mode, nowait, skipLocked, null);
        }
    }

    /**
     * The member tables of a locked inheritance set (the child PlanRowMarks of expand_inherited_rtentry):
     * by table OID, the relation and, for each of the parent's columns, the member's column position.
     */
    public record Members(int tableoidSlot, long[] oids, ScanRelation[] relations, int[][] columnMaps) {

        int indexOf(Object tableoid) {
            if (tableoid instanceof Number n) {
                for (int i = 0; i < oids.length; i++) {
                    if (oids[i] == n.longValue()) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }

    private final List<RowMark> marks;
    private final int baseStart;
    private final int baseWidth;
    private final int rowWidth;
    private final List<Expr> quals;
    private final List<Expr> output;
    private final TransactionContext txn;
    private final Snapshot snapshot;
    private final EvalContext ctx;

    /**
     * @param baseStart where the copy of the base row starts in an incoming row
     * @param baseWidth the base row's width
     * @param rowWidth  the level row's full width (what the output expressions index)
     * @param quals     the level's WHERE and inner join conditions, re-checked on a newer version
     * @param output    the expressions that computed the incoming row from the level row
     */
    public RowMarkLocker(List<RowMark> marks, int baseStart, int baseWidth, int rowWidth, List<Expr> quals,
            List<Expr> output, TransactionContext txn, Snapshot snapshot, EvalContext ctx) {
        this.marks = marks;
        this.baseStart = baseStart;
        this.baseWidth = baseWidth;
        this.rowWidth = rowWidth;
        this.quals = quals;
        this.output = output;
        this.txn = txn;
        this.snapshot = snapshot;
        this.ctx = ctx;
    }

    @Override
    public Object[] lock(Object[] row) {
        Object[] level = null;                       // the base row with newer versions put in, if any
        for (RowMark mark : marks) {
            Object[] current = level != null ? level : row;
            int ctidAt = level != null ? mark.ctidSlot() : baseStart + mark.ctidSlot();
            if (!(current[ctidAt] instanceof TupleId tid)) {
                continue;                            // NULL-extended by an outer join: nothing to lock
            }
            ScanRelation relation = mark.relation();
            int[] columnMap = null;
            if (mark.members() != null) {
                Members members = mark.members();
                int m = members.indexOf(current[level != null ? members.tableoidSlot() : baseStart + members.tableoidSlot()]);
                if (m < 0) {
                    continue;
                }
                relation = members.relations()[m];
                columnMap = members.columnMaps()[m];
            }
            while (true) {
                ModifyResult result = relation.am().lockTuple(relation.locator(), tid, mark.mode(),
                        txn, snapshot, !(mark.nowait() || mark.skipLocked()));
                ModifyResult.Status status = result.status();
                if (status == ModifyResult.Status.OK) {
                    break;
                }
                switch (status) {
                    case WOULD_BLOCK -> {
                        if (mark.skipLocked()) {
                            return null;
                        }
                        throw PgException.error(SqlState.LOCK_NOT_AVAILABLE,
                                "could not obtain lock on row in relation \"" + relation.name() + "\"");
                    }
                    case SELF_MODIFIED, INVISIBLE -> {
                        return null;
                    }
                    case DELETED -> {
                        if (txn.isRepeatableRead()) {
                            throw serializationFailure();
                        }
                        return null;
                    }
                    case UPDATED -> {
                        if (txn.isRepeatableRead()) {
                            throw serializationFailure();
                        }
                        if (result.newTupleId() == null || result.newTupleId().equals(tid)) {
                            return null;
                        }
                        tid = result.newTupleId();
                        byte[] data = relation.am().fetch(relation.locator(), tid, latestSnapshot(), txn);
                        if (level == null) {
                            level = new Object[rowWidth];
                            System.arraycopy(row, baseStart, level, 0, baseWidth);
                        }
                        if (data != null) {
                            Object[] values = relation.codec().deform(data);
                            if (columnMap == null) {
                                System.arraycopy(values, 0, level, mark.offset(), Math.min(values.length, mark.width()));
                            } else {
                                for (int c = 0; c < columnMap.length && c < mark.width(); c++) {
                                    level[mark.offset() + c] = columnMap[c] < 0 ? null : values[columnMap[c]];
                                }
                            }
                        }
                        level[mark.ctidSlot()] = tid;
                        // loop: lock the newer version (it may have moved on again meanwhile)
                    }
                    default -> throw new IllegalStateException("unexpected lock result " + status);
                }
            }
        }
        return level == null ? row : recheck(level);
    }

    /** EvalPlanQual: the quals on the level row with the newest versions; then the output columns again. */
    private Object[] recheck(Object[] level) {
        Object[] saved = ctx.row();
        try {
            ctx.setRow(level);
            for (Expr qual : quals) {
                if (!Boolean.TRUE.equals(qual.eval(ctx))) {
                    return null;
                }
            }
            Object[] out = new Object[output.size()];
            for (int i = 0; i < out.length; i++) {
                ctx.setRow(level);
                out[i] = output.get(i).eval(ctx);
            }
            return out;
        } finally {
            ctx.setRow(saved);
        }
    }

    private static PgException serializationFailure() {
        return PgException.error(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
    }

    /** Every committed transaction counts: how the newest version, just locked, is read. */
    private Snapshot latestSnapshot() {
        int cid = txn.commandId();
        return new Snapshot() {
            @Override public int xmin() { return snapshot.xmin(); }
            @Override public int xmax() { return -1; }
            @Override public boolean isInProgress(int xid) { return false; }
            @Override public int commandId() { return cid; }
        };
    }

    @Override
    public String toString() {
        return "RowMarkLocker" + Arrays.toString(marks.toArray());
    }
}
