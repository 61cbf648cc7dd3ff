package org.tusk.engine.pl;

import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.engine.types.PgType;

/**
 * What the PL/pgSQL interpreter needs from its backend (PostgreSQL's SPI):
 * prepare a statement with typed parameters once, run it many times,
 * subtransactions for exception blocks, and the client's notice channel.
 * The session (tcop) implements it; the interpreter knows nothing of tcop.
 */
public interface PlSpi {

    /** A result column of a prepared statement. */
    record ColumnInfo(String name, PgType type) {
    }

    /** One run's outcome: rows (RETURNING / SELECT), the command tag, the processed row count. */
    record Result(List<Object[]> rows, String tag, long processed) {
    }

    /** An SPI plan: analyzed once, executed with parameter values. */
    interface Plan {
        /** The result columns, empty for statements without rows. */
        List<ColumnInfo> columns();

        /** Runs the statement; at most {@code maxRows} rows are kept (0 = all). */
        Result execute(Object[] params, long maxRows);
    }

    /** SPI_prepare: parse analysis of {@code sql} with {@code $1..$n} typed as given. */
    Plan prepare(String sql, PgType[] paramTypes);

    /** A type name as SQL writes it ("int", "varchar(10)", "public.t"), or null when it is not a type. */
    PgType resolveType(String typeName);

    /** Converts a value to another type with an assignment cast (I/O conversion as the fallback). */
    Object cast(Object value, PgType from, PgType to);

    /** The text output of a value (RAISE's %, record output). */
    String output(PgType type, Object value);

    /** Sends a NOTICE/WARNING/INFO... to the client. */
    void notice(PgException notice);

    /** BeginInternalSubTransaction. */
    void beginSubtransaction();

    /** ReleaseCurrentSubTransaction. */
    void releaseSubtransaction();

    /** RollbackAndReleaseCurrentSubTransaction. */
    void rollbackSubtransaction();

    /** CommandCounterIncrement after a statement that changed data or catalogs. */
    void commandCounterIncrement();

    /** CHECK_FOR_INTERRUPTS in loops. */
    void checkForInterrupts();
}
