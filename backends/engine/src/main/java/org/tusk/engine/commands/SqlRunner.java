package org.tusk.engine.commands;

import java.util.function.Supplier;

/**
 * What ALTER TABLE needs from the session's query machinery: validating
 * queries over existing rows (CHECK, NOT NULL) and evaluating a new column's
 * DEFAULT once per existing row (so volatile defaults differ per row, as in
 * PostgreSQL's table rewrite).
 */
public interface SqlRunner {

    /** Whether the SELECT returns at least one row (run in the current transaction). */
    default boolean anyRow(String sql) {
        return firstRow(sql) != null;
    }

    /** The SELECT's first row (engine values), or null if it returns none. */
    Object[] firstRow(String sql);

    /** An evaluator of the variable-free expression {@code sql} cast to the type (SQL spelling), or uncast if null. */
    Supplier<Object> expression(String sql, String typeName);

    /**
     * An evaluator of {@code sql} over one row of {@code table} (a schema-qualified, quoted name):
     * the function takes the table's live column values in attnum order.
     */
    java.util.function.Function<Object[], Object> rowExpression(String sql, String table);
}
