package org.tusk.engine.executor.modify;

import org.tusk.engine.expr.Expr;

/**
 * A CHECK constraint (pg_constraint contype 'c'): a boolean expression over
 * the new row (its Vars index the table's columns). False is a violation,
 * NULL is not.
 */
public record CheckConstraint(String name, Expr expr, String view) {

    public CheckConstraint(String name, Expr expr) {
        this(name, expr, null);
    }

    /**
     * A view's WITH CHECK OPTION (WithCheckOption of kind WCO_VIEW_CHECK): {@code expr} over the
     * base table's new row; anything but true is a violation.
     */
    public static CheckConstraint viewCheck(String view, Expr expr) {
        return new CheckConstraint(null, expr, view);
    }
}
