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

    private final String cursor;
    private final long relOid;
    private final String relName;
    private final Expr tupleId;
    private final CursorPositions cursors;

    public CurrentOfCheck(String cursor, long relOid, String relName, Expr tupleId, CursorPositions cursors) {
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
        return List.of(tupleId);
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object current = cursors.currentTupleId(cursor, relOid, relName);
        return Objects.equals(current, tupleId.eval(ctx));
    }
}
