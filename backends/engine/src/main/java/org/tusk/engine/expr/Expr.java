package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** An analyzed, typed, executable expression (primnodes.h's Expr plus ExecEvalExpr). */
public interface Expr {
    PgType type();

    default int typmod() {
        return -1;
    }

    /**
     * The direct sub-expressions (expression_tree_walker's view); leaves return an
     * empty list. Every composite expression must override this: the planner finds
     * the columns a qualification reads through it (predicate push-down) and the
     * analyzer its ungrouped columns.
     */
    default java.util.List<Expr> children() {
        return java.util.List.of();
    }

    /** Evaluates to a value in the engine's Java representation of {@link #type()}, or null for SQL NULL. */
    Object eval(EvalContext ctx);
}
