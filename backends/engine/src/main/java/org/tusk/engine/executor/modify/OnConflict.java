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
 *
 * <p>For a partitioned target, {@code leafArbiters} gives the arbiters of the leaf
 * partition a row is routed to (the leaf's indexes attached, through pg_inherits,
 * to the target's arbiters; all its unique indexes when no target was inferred),
 * by the leaf's OID and modifier; null for a plain table.
 */
public record OnConflict(boolean doUpdate, List<ResultIndex> arbiters, Expr[] setTargets, Expr where,
        java.util.function.BiFunction<Long, TableModifier, List<ResultIndex>> leafArbiters) {

    public OnConflict(boolean doUpdate, List<ResultIndex> arbiters, Expr[] setTargets, Expr where) {
        this(doUpdate, arbiters, setTargets, where, null);
    }

    public static OnConflict doNothing(List<ResultIndex> arbiters) {
        return new OnConflict(false, arbiters, null, null);
    }
}
