package org.tusk.engine.planner;

import java.util.List;

import org.tusk.engine.expr.Expr;

/**
 * A btree index the planner may use (IndexOptInfo): its pg_class OID and name,
 * the table columns it covers (1-based attnums, in index key order; 0 for an
 * expression column, whose expression is at the same position of
 * {@code keyExprs}), per-column DESC / NULLS FIRST options, uniqueness, its
 * size, the non-key INCLUDE columns and the partial index's predicate.
 * Expressions are over the table alone (Var positions from 0). {@code hash}: a
 * hash index (one column; equality keys only, no order, no index-only scans,
 * and no startup descent in its cost, as hashcostestimate).
 */
public record IndexInfo(long oid, String name, List<Integer> attnums, List<Boolean> descending,
        List<Boolean> nullsFirst, boolean unique, long pages, double tuples, List<Expr> keyExprs,
        List<Integer> includeAttnums, Expr predicate, boolean hash) {

    /** A btree index. */
    public IndexInfo(long oid, String name, List<Integer> attnums, List<Boolean> descending,
            List<Boolean> nullsFirst, boolean unique, long pages, double tuples, List<Expr> keyExprs,
            List<Integer> includeAttnums, Expr predicate) {
        this(oid, name, attnums, descending, nullsFirst, unique, pages, tuples, keyExprs, includeAttnums, predicate,
                false);
    }

    public IndexInfo(long oid, String name, List<Integer> attnums, List<Boolean> descending,
            List<Boolean> nullsFirst, boolean unique, long pages, double tuples) {
        this(oid, name, attnums, descending, nullsFirst, unique, pages, tuples, null, List.of(), null);
    }

    /** The expression of key column {@code k} (0-based), or null for a plain column. */
    public Expr keyExpr(int k) {
        return keyExprs == null ? null : keyExprs.get(k);
    }
}
