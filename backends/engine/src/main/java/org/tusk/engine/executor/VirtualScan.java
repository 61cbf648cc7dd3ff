package org.tusk.engine.executor;

import java.util.Iterator;

import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.EvalContext;

/** Sequential scan of a virtual relation, checking for interrupts per row. */
final class VirtualScan implements PlanState {
    private final VirtualRelation relation;
    private final EvalContext ctx;
    private Iterator<Object[]> rows;

    VirtualScan(VirtualRelation relation, EvalContext ctx) {
        this.relation = relation;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (rows == null) {
            rows = relation.scan(ctx.session()).iterator();
        }
        ctx.checkForInterrupts();
        return rows.hasNext() ? rows.next() : null;
    }
}
