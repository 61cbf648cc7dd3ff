package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A call of a function, operator or cast function. Strict calls return NULL
 * for any NULL argument without running the body.  {@code volatility} is the
 * function's pg_proc.provolatile ('i' immutable, 's' stable, 'v' volatile):
 * the planner folds only immutable calls with constant arguments
 * (executor.ConstantFolder), as eval_const_expressions does.
 */
public record FuncExpr(String name, FunctionBody body, List<Expr> args, PgType type, int typmod, boolean strict,
        char volatility) implements Expr {

    /**
     * A call whose volatility the caller does not know: treated as immutable (casts between
     * built-in types and operators mostly are); pass the real provolatile when there is one.
     */
    public FuncExpr(String name, FunctionBody body, List<Expr> args, PgType type, int typmod, boolean strict) {
        this(name, body, args, type, typmod, strict, 'i');
    }

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
