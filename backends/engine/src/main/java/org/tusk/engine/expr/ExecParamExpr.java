package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/**
 * A PARAM_EXEC parameter: a value the executor sets at run time, such as an
 * outer row's column for a LATERAL or correlated inner scan (NestLoop params),
 * or a subquery's output column inside a SubPlan's test expression.
 */
public record ExecParamExpr(int slot, PgType type, int typmod) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        return ctx.execParam(slot);
    }
}
