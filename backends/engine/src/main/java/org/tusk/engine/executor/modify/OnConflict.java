package org.tusk.engine.executor.modify;

import java.util.List;

import org.tusk.engine.expr.Expr;

/**
 * INSERT ... ON CONFLICT (OnConflictExpr). {@code arbiters} are the unique
 * indexes that count (inferred from the conflict target, or all unique
 * indexes). For DO UPDATE, {@code setTargets} (one per table column) and
 * {@code where} are evaluated over the existing row followed by the proposed
 * row: Vars 0..natts-1 are the table's columns, natts..2*natts-1 are
 * EXCLUDED's.
 */
public record OnConflict(boolean doUpdate, List<ResultIndex> arbiters, Expr[] setTargets, Expr where) {

    public static OnConflict doNothing(List<ResultIndex> arbiters) {
        return new OnConflict(false, arbiters, null, null);
    }
}
