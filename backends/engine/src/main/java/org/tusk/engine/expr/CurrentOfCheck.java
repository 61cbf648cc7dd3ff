package org.tusk.engine.expr;

import java.util.List;
import java.util.Objects;

import org.tusk.engine.types.PgType;

/**
 * WHERE CURRENT OF cursor (primnodes.h's CurrentOfExpr, execCurrent.c's
 * execCurrentOf): true for the row version the cursor is positioned on. The
 * target's TupleId column is compared with the cursor's current row's, which
 * is looked up at every evaluation (the cursor may move between executions of
 * a prepared statement).
 */
public final class CurrentOfCheck implements Expr {

    /** The session's cursors as WHERE CURRENT OF asks them (34000/24000 errors are theirs). */
    public interface CursorPositions {
        /** The TupleId of the row of {@code relOid} the cursor {@code cursor} is positioned on. */
        Object currentTupleId(String cursor, long relOid, String relName);
    }

    /** The cursor's row in one member of an inheritance set: the member's OID and the version's TupleId. */
    public record MemberRow(long tableOid, Object tid) {}

    private final String cursor;
    private final long relOid;
    private final String relName;
    private final Expr tupleId;
    private final CursorPositions cursors;
    /** The target's row table OID (an inheritance set's tableoid column), or null for a plain table. */
    private final Expr tableoid;

    public CurrentOfCheck(String cursor, long relOid, String relName, Expr tupleId, CursorPositions cursors) {
        this(cursor, relOid, relName, tupleId, null, cursors);
    }

    public CurrentOfCheck(String cursor, long relOid, String relName, Expr tupleId, Expr tableoid,
            CursorPositions cursors) {
        this.tableoid = tableoid;
        this.cursor = cursor;
        this.relOid = relOid;
        this.relName = relName;
        this.tupleId = tupleId;
        this.cursors = cursors;
    }

    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public List<Expr> children() {
        return tableoid == null ? List.of(tupleId) : List.of(tupleId, tableoid);
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object current = cursors.currentTupleId(cursor, relOid, relName);
        if (current instanceof MemberRow member) {
            Object table = tableoid == null ? (Object) relOid : tableoid.eval(ctx);
            return table instanceof Number n && n.longValue() == member.tableOid()
                    && Objects.equals(member.tid(), tupleId.eval(ctx));
        }
        return Objects.equals(current, tupleId.eval(ctx));
    }
}
