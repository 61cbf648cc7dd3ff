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

    /**
     * An index expression or WHERE predicate of CREATE INDEX analyzed against
     * {@code table}: Vars index its live columns (0-based, attnum order).
     */
    default org.tusk.engine.expr.Expr indexExpression(org.tusk.engine.nodes.RawNode node,
            org.tusk.engine.relcache.RelationDesc table, boolean predicate) {
        throw new UnsupportedOperationException("index expressions need a session");
    }

    /** Stored index expression text (indexprs/indpred) compiled against {@code table}. */
    default org.tusk.engine.expr.Expr indexExpression(String text, org.tusk.engine.relcache.RelationDesc table,
            boolean predicate) {
        throw new UnsupportedOperationException("index expressions need a session");
    }

    /**
     * A partition bound value: {@code node} (no column references) coerced with assignment
     * rules to the key column's type {@code typeName} and evaluated (see
     * org.tusk.engine.analyze.PartitionBoundValue).
     */
    default org.tusk.engine.analyze.PartitionBoundValue.Value boundValue(org.tusk.engine.nodes.RawNode node,
            String typeName, String column) {
        throw new UnsupportedOperationException("partition bound values need a session");
    }

    /** An evaluator of {@code expr} over a row of live column values. */
    default java.util.function.Function<Object[], Object> evaluator(org.tusk.engine.expr.Expr expr) {
        throw new UnsupportedOperationException("index expressions need a session");
    }
}
