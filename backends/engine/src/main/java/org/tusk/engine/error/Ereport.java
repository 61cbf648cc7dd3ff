package org.tusk.engine.error;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;

/** Shorthands for building PostgreSQL-shaped errors (ereport(ERROR, errcode(...), errmsg(...))). */
public final class Ereport {
    private Ereport() {}

    /** An ERROR with a 0-based source location, converted to PostgreSQL's 1-based position (-1 = none). */
    public static PgException error(String sqlState, String message, int location) {
        return new PgException(Severity.ERROR, sqlState, message, null, null, location < 0 ? 0 : location + 1, null);
    }

    public static PgException error(String sqlState, String message) {
        return error(sqlState, message, -1);
    }

    public static PgException syntaxError(String message, int location) {
        return error(SqlState.SYNTAX_ERROR, message, location);
    }

    public static PgException warning(String sqlState, String message) {
        return new PgException(Severity.WARNING, sqlState, message, null, null, 0, null);
    }

    public static PgException outOfRange(String typeDisplayName) {
        return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeDisplayName + " out of range");
    }

    public static PgException divisionByZero() {
        return error(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    public static PgException invalidInput(String typeDisplayName, String input) {
        return error(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeDisplayName + ": \"" + input + "\"");
    }

    /** Adds a position to an error that has none yet (errors raised while coercing a literal). */
    public static PgException atLocation(PgException e, int location) {
        if (e.position() != 0 || location < 0) {
            return e;
        }
        return e.withPosition(location + 1);
    }
}
