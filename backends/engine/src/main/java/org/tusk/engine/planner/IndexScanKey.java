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
}
