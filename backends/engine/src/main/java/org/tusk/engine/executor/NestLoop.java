package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * NestLoop: for each outer row, sets the NestLoop parameters (executor params
 * computed from the outer row, for LATERAL references and parameterized inner
 * scans), rescans the inner side and joins. {@code joinQual} decides matching
 * (the ON clause); {@code otherQual} filters joined rows (WHERE conditions above
 * an outer join's nullable side). Output rows are {@code outer ++ inner}, the
 * inner part NULL for unmatched LEFT/ANTI rows. INNER, LEFT, SEMI and ANTI only
 * (PostgreSQL's planner swaps RIGHT joins and uses hash or merge joins for FULL).
 */
public final class NestLoop implements PlanState {
    /** An executor param slot set from an expression over the outer row. */
    public record NestParam(int slot, Expr outerValue) {}

    private final JoinType type;
    private final PlanState outer;
    private final PlanState inner;
    private final int outerWidth;
    private final int innerWidth;
    private final Expr joinQual;
    private final Expr otherQual;
    private final List<NestParam> params;
    private final EvalContext ctx;
    private Object[] outerRow;
    private boolean matched;
    private boolean innerStarted;

    public NestLoop(JoinType type, PlanState outer, int outerWidth, PlanState inner, int innerWidth, Expr joinQual,
            Expr otherQual, List<NestParam> params, EvalContext ctx) {
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            throw new IllegalArgumentException("NestLoop does not support " + type + " joins");
        }
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.joinQual = joinQual;
        this.otherQual = otherQual;
        this.params = params;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (outerRow == null) {
                outerRow = outer.next();
                if (outerRow == null) {
                    return null;
                }
                matched = false;
                ctx.setRow(outerRow);
                for (NestParam p : params) {
                    ctx.setRow(outerRow);
                    ctx.setExecParam(p.slot(), p.outerValue().eval(ctx));
                }
                if (innerStarted) {
                    inner.rescan();
                }
                innerStarted = true;
            }
            ctx.checkForInterrupts();
            Object[] innerRow = (type == JoinType.SEMI || type == JoinType.ANTI) && matched ? null : inner.next();
            if (innerRow == null) {
                Object[] current = outerRow;
                outerRow = null;
                if (!matched && type.emitsUnmatchedOuter()) {
                    Object[] out = combine(current, null, outerWidth, innerWidth);
                    if (JoinSupport.passes(otherQual, out, ctx)) {
                        return out;
                    }
                }
                continue;
            }
            Object[] joined = combine(outerRow, innerRow, outerWidth, innerWidth);
            if (!JoinSupport.passes(joinQual, joined, ctx)) {
                continue;
            }
            matched = true;
            if (type == JoinType.ANTI) {
                continue;
            }
            if (JoinSupport.passes(otherQual, joined, ctx)) {
                if (type == JoinType.SEMI) {
                    Object[] out = combine(outerRow, null, outerWidth, innerWidth);
                    outerRow = null;
                    return out;
                }
                return joined;
            }
        }
    }

    private int[] innerSlots;

    /**
     * Joins rows of one query level's layout (both sides {@code outerWidth} wide):
     * output rows are the outer row with the inner side's slots copied in.
     */
    public NestLoop mergingSlots(int[] innerSlots) {
        this.innerSlots = innerSlots;
        return this;
    }

    private Object[] combine(Object[] o, Object[] i, int ow, int iw) {
        return innerSlots != null ? JoinSupport.merge(o, i, ow, innerSlots) : JoinSupport.combine(o, i, ow, iw);
    }

    @Override
    public void rescan() {
        outerRow = null;
        outer.rescan();
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
    }
}
