package org.tusk.engine.executor.modify;

import org.tusk.engine.expr.Expr;

/**
 * One WHEN clause of a MERGE as the executor runs it (MergeActionState): whether it applies to
 * matched or not matched source rows, its AND condition (null: always), and for UPDATE the new
 * row's columns (one per table column), for INSERT the inserted row's (defaults filled in; null
 * entries are NULL), both evaluated over the joined source row.
 */
public record MergeAction(boolean matched, Command command, Expr condition, Expr[] targets) {

    /** What the clause does with the row. */
    public enum Command {
        UPDATE, DELETE, INSERT, NOTHING
    }
}
