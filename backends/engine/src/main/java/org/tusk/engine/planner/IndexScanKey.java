package org.tusk.engine.planner;

import org.tusk.engine.expr.Expr;

/**
 * One index qualification {@code indexcolumn OP value} (ScanKey): {@code column}
 * is the 1-based position in the index's key columns, {@code value} an expression
 * without Vars of the scanned relation (constants, parameters, executor
 * parameters from an outer NestLoop), already coerced to the column's type.
 */
public record IndexScanKey(int column, Strategy strategy, Expr value) {
    /** btree strategy numbers 1..5. */
    public enum Strategy { LESS, LESS_EQUAL, EQUAL, GREATER_EQUAL, GREATER }

    /**
     * Whether {@code keys} are one equality on each of the index's leading columns 1..n and
     * nothing else: then a btree scan's bounds (the encoded prefix up to its upper bound) select
     * exactly the entries whose columns equal the keys, byte equality of the encoding being
     * equality of the values, so the rows need no check against the keys (btree's index quals
     * are never lossy: PostgreSQL leaves them out of the scan's qpqual).
     */
    public static boolean equalityPrefix(java.util.List<IndexScanKey> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        long columns = 0;
        for (IndexScanKey key : keys) {
            int c = key.column();
            if (key.strategy() != Strategy.EQUAL || c < 1 || c > keys.size() || (columns & 1L << c) != 0) {
                return false;
            }
            columns |= 1L << c;
        }
        return true;                        // n distinct columns within 1..n: each exactly once
    }
}
