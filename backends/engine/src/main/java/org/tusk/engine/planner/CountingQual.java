package org.tusk.engine.planner;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * A qualification as an executor node runs it under EXPLAIN ANALYZE: each row it does not pass is
 * counted into the node's {@link ExplainNode} (InstrCountFiltered1/2 into instrument.c's nfiltered1
 * and nfiltered2), which prints "Rows Removed by Filter" & co. after the qualification's line.
 */
record CountingQual(Expr qual, ExplainNode node, ExplainNode.Removed counter) implements Expr {

    @Override
    public PgType type() {
        return qual.type();
    }

    @Override
    public List<Expr> children() {
        return List.of(qual);
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object passed = qual.eval(ctx);
        if (!Boolean.TRUE.equals(passed)) {
            node.countRemoved(counter);
        }
        return passed;
    }
}
