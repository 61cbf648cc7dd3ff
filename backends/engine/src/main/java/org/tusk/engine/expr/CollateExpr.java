package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/**
 * {@code arg COLLATE name} kept in the tree (PostgreSQL's CollateExpr) where the collation must be
 * printed back: CREATE INDEX keeps it in its expressions and predicate so pg_index's text says it
 * (and a top-level one becomes the column's indcollation). Elsewhere the analyzer drops the clause,
 * since Tusk compares strings by code point whatever the collation. Evaluates to its argument.
 */
public record CollateExpr(Expr arg, String collation) implements Expr {
    @Override
    public PgType type() {
        return arg.type();
    }

    @Override
    public int typmod() {
        return arg.typmod();
    }

    @Override
    public Object eval(EvalContext ctx) {
        return arg.eval(ctx);
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(arg);
    }
}
