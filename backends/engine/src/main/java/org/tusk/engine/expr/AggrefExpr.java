package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/**
 * An aggregate call: the Agg node computes it per group into slot
 * {@code index}; evaluating it reads that slot.
 */
public record AggrefExpr(int index, String name, Expr arg, PgType type, AggKind kind) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        return ctx.aggregates()[index];
    }
}
