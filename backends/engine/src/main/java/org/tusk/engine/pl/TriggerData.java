package org.tusk.engine.pl;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * What a trigger manager hands a PL/pgSQL trigger function (TriggerData):
 * the event, the table and its row shape, the old and new rows.
 *
 * <p>For {@link PlFunction#callTrigger}: {@code when} is "BEFORE", "AFTER" or
 * "INSTEAD OF"; {@code level} "ROW" or "STATEMENT"; {@code op} "INSERT",
 * "UPDATE", "DELETE" or "TRUNCATE". {@code oldRow}/{@code newRow} are the
 * rows in the table's column order (null where the event has none, and for
 * statement-level triggers), {@code args} the trigger's arguments (TG_ARGV).
 */
public record TriggerData(String name, String when, String level, String op, long relid, String tableName,
        String tableSchema, List<String> columnNames, List<PgType> columnTypes, Object[] oldRow, Object[] newRow,
        List<String> args) {
}
