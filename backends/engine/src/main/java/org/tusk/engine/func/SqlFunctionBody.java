package org.tusk.engine.func;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;

/**
 * The Java body standing in for a built-in SQL-language function (log(numeric) is
 * {@code select log(10, $1)} in pg_proc). PostgreSQL runs such a function through the SQL
 * function executor when the planner folds it over constants, so its errors then carry the
 * context line {@code SQL function "log" statement 1}; the constant folder adds it
 * ({@link #context()}). Called over non-constant arguments PostgreSQL inlines the body and
 * no context appears, so evaluation itself adds none.
 */
public record SqlFunctionBody(String name, FunctionBody body) implements FunctionBody {
    @Override
    public Object apply(Object[] args, EvalContext ctx) {
        return body.apply(args, ctx);
    }

    /** The CONTEXT line of an error raised while the planner evaluates this function. */
    public String context() {
        return "SQL function \"" + name + "\" statement 1";
    }
}
