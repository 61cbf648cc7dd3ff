package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A call of a function, operator or cast function. Strict calls return NULL
 * for any NULL argument without running the body.
 */
public record FuncExpr(String name, FunctionBody body, List<Expr> args, PgType type, int typmod, boolean strict)
        implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i).eval(ctx);
            if (values[i] == null && strict) {
                return null;
            }
        }
        return body.apply(values, ctx);
    }

    @Override
    public List<Expr> children() {
        return args;
    }
}
