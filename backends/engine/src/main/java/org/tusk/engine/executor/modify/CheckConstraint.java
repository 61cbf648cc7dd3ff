package org.tusk.engine.executor.modify;

import org.tusk.engine.expr.Expr;

/**
 * A CHECK constraint (pg_constraint contype 'c'): a boolean expression over
 * the new row (its Vars index the table's columns). False is a violation,
 * NULL is not.
 */
public record CheckConstraint(String name, Expr expr) {
}
