package org.tusk.engine.executor;

import org.tusk.engine.expr.Expr;

/**
 * A window frame clause: mode, start and end bounds (offsets are expressions
 * evaluated once per partition, as PostgreSQL requires them to be stable), and
 * the exclusion. {@link #DEFAULT} is RANGE BETWEEN UNBOUNDED PRECEDING AND
 * CURRENT ROW.
 */
public record WindowFrame(Mode mode, Bound start, Expr startOffset, Bound end, Expr endOffset, Exclusion exclusion) {
    public enum Mode { ROWS, RANGE, GROUPS }

    public enum Bound { UNBOUNDED_PRECEDING, OFFSET_PRECEDING, CURRENT_ROW, OFFSET_FOLLOWING, UNBOUNDED_FOLLOWING }

    public enum Exclusion { NO_OTHERS, CURRENT_ROW, GROUP, TIES }

    public static final WindowFrame DEFAULT = new WindowFrame(Mode.RANGE, Bound.UNBOUNDED_PRECEDING, null,
            Bound.CURRENT_ROW, null, Exclusion.NO_OTHERS);

    public static WindowFrame rows(Bound start, Expr startOffset, Bound end, Expr endOffset) {
        return new WindowFrame(Mode.ROWS, start, startOffset, end, endOffset, Exclusion.NO_OTHERS);
    }
}
