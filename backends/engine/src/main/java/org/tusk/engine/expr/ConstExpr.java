package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** A constant; UNKNOWN-typed ones are string literals not yet coerced. */
public record ConstExpr(PgType type, int typmod, Object value) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        return value;
    }
}
