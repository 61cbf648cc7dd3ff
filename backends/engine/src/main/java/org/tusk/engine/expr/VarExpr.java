package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** A column of the scanned relation's current row. */
public record VarExpr(int attno, PgType type, int typmod, String relationName, String columnName) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        return ctx.row()[attno];
    }
}
