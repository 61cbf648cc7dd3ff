package org.tusk.engine.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * MergeJoin (nodeMergejoin.c): both inputs arrive sorted ascending, NULLs last,
 * on their join keys. The inner rows with equal keys form a group that is kept
 * in memory while outer rows with that key are joined to it (PostgreSQL's
 * mark/restore). NULL keys match nothing. All join types; output rows are
 * {@code outer ++ inner}.
 */
public final class MergeJoin implements PlanState {
    private final JoinType type;
    private final PlanState outer;
    private final PlanState inner;
    private final int outerWidth;
    private final int innerWidth;
    private final List<Expr> outerKeys;
    private final List<Expr> innerKeys;
    private final Expr joinQual;
    private final Expr otherQual;
    private final EvalContext ctx;

    private final Deque<Object[]> pending = new ArrayDeque<>();
    private List<Object[]> group = new ArrayList<>();
    private boolean[] groupMatched = new boolean[0];
    private Object[] groupKey;
    private Object[] innerLookahead;
    private boolean innerDone;
    private boolean started;
    private boolean done;

    public MergeJoin(JoinType type, PlanState outer, int outerWidth, PlanState inner, int innerWidth,
            List<Expr> outerKeys, List<Expr> innerKeys, Expr joinQual, Expr otherQual, EvalContext ctx) {
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.outerKeys = outerKeys;
        this.innerKeys = innerKeys;
        this.joinQual = joinQual;
        this.otherQual = otherQual;
        this.ctx = ctx;
    }

    private Object[] keyOf(Object[] row, List<Expr> exprs) {
        Object[] k = new Object[exprs.size()];
        for (int i = 0; i < k.length; i++) {
            ctx.setRow(row);
            k[i] = exprs.get(i).eval(ctx);
        }
        return k;
    }

    private static boolean hasNull(Object[] key) {
        for (Object v : key) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = SortColumn.compareValues(a[i], b[i], false, false);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private Object[] nextInner() {
        if (innerDone) {
            return null;
        }
        Object[] r = inner.next();
        if (r == null) {
            innerDone = true;
        }
        return r;
    }

    /** Flushes the current group (unmatched rows for RIGHT/FULL) and reads the next one with a non-NULL key. */
    private void advanceGroup() {
        flushGroup();
        group = new ArrayList<>();
        groupKey = null;
        if (innerLookahead == null) {
            innerLookahead = nextInner();
        }
        while (innerLookahead != null) {
            Object[] k = keyOf(innerLookahead, innerKeys);
            if (hasNull(k)) {
                emitInnerUnmatched(innerLookahead);
                innerLookahead = nextInner();
                continue;
            }
            groupKey = k;
            break;
        }
        if (groupKey == null) {
            groupMatched = new boolean[0];
            return;
        }
        while (innerLookahead != null && !hasNull(keyOf(innerLookahead, innerKeys))
                && compareKeys(keyOf(innerLookahead, innerKeys), groupKey) == 0) {
            group.add(innerLookahead);
            innerLookahead = nextInner();
        }
        groupMatched = new boolean[group.size()];
    }

    private void flushGroup() {
        for (int i = 0; i < group.size(); i++) {
            if (!groupMatched[i]) {
                emitInnerUnmatched(group.get(i));
            }
        }
        group = new ArrayList<>();
        groupMatched = new boolean[0];
    }

    private void emitInnerUnmatched(Object[] innerRow) {
        if (type.emitsUnmatchedInner()) {
            Object[] out = combine(null, innerRow, outerWidth, innerWidth);
            if (JoinSupport.passes(otherQual, out, ctx)) {
                pending.add(out);
            }
        }
    }

    private void emitOuterUnmatched(Object[] outerRow) {
        if (type.emitsUnmatchedOuter()) {
            Object[] out = combine(outerRow, null, outerWidth, innerWidth);
            if (JoinSupport.passes(otherQual, out, ctx)) {
                pending.add(out);
            }
        }
    }

    @Override
    public Object[] next() {
        if (!started) {
            started = true;
            advanceGroup();
        }
        while (pending.isEmpty()) {
            if (done) {
                return null;
            }
            ctx.checkForInterrupts();
            Object[] outerRow = outer.next();
            if (outerRow == null) {
                flushGroup();
                while (innerLookahead != null) {
                    emitInnerUnmatched(innerLookahead);
                    innerLookahead = nextInner();
                }
                done = true;
                continue;
            }
            Object[] ok = keyOf(outerRow, outerKeys);
            if (hasNull(ok)) {
                emitOuterUnmatched(outerRow);
                continue;
            }
            while (groupKey != null && compareKeys(ok, groupKey) > 0) {
                advanceGroup();
            }
            if (groupKey == null || compareKeys(ok, groupKey) < 0) {
                emitOuterUnmatched(outerRow);
                continue;
            }
            boolean matched = false;
            for (int i = 0; i < group.size(); i++) {
                Object[] joined = combine(outerRow, group.get(i), outerWidth, innerWidth);
                if (!JoinSupport.passes(joinQual, joined, ctx)) {
                    continue;
                }
                matched = true;
                groupMatched[i] = true;
                if (type == JoinType.ANTI) {
                    break;
                }
                if (JoinSupport.passes(otherQual, joined, ctx)) {
                    // a semi join returns the outer row once, without inner columns
                    pending.add(type == JoinType.SEMI ? combine(outerRow, null, outerWidth, innerWidth) : joined);
                }
                if (type == JoinType.SEMI) {
                    break;
                }
            }
            if (!matched) {
                emitOuterUnmatched(outerRow);
            }
        }
        return pending.poll();
    }

    private int[] innerSlots;

    /**
     * Joins rows of one query level's layout (both sides {@code outerWidth} wide):
     * output rows are the outer row with the inner side's slots copied in.
     */
    public MergeJoin mergingSlots(int[] innerSlots) {
        this.innerSlots = innerSlots;
        return this;
    }

    private Object[] combine(Object[] o, Object[] i, int ow, int iw) {
        return innerSlots != null ? JoinSupport.merge(o, i, ow, innerSlots) : JoinSupport.combine(o, i, ow, iw);
    }

    @Override
    public void rescan() {
        pending.clear();
        group = new ArrayList<>();
        groupMatched = new boolean[0];
        groupKey = null;
        innerLookahead = null;
        innerDone = false;
        started = false;
        done = false;
        outer.rescan();
        inner.rescan();
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
    }
}
