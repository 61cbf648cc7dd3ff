package org.tusk.engine.executor.modify;

import org.tusk.engine.types.PgType;

/**
 * A column of a table being modified, as the executor checks it
 * (pg_attribute's atttypid, atttypmod, attnotnull).
 */
public record ResultColumn(String name, PgType type, int typmod, boolean notNull) {
}
