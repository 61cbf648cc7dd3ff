package org.tusk.engine.func;

import java.util.function.ToLongFunction;

import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.storage.StorageSession;
import org.tusk.wal.WalWriter;

/**
 * xlogfuncs.c's WAL locations, as pg_lsn: pg_current_wal_insert_lsn (where the
 * next record goes), pg_current_wal_lsn (written to the kernel) and
 * pg_current_wal_flush_lsn (durable). Monitoring and benchmarks take the
 * difference of two readings (pg_wal_lsn_diff) to learn how much WAL some work
 * wrote. Null in a session without storage (engine tests).
 */
final class WalLocationFunctions {
    private WalLocationFunctions() {
    }

    static void register() {
        FunctionRegistry.bind("pg_current_wal_insert_lsn", location(WalWriter::insertPosition));
        FunctionRegistry.bind("pg_current_wal_lsn", location(WalWriter::writtenUpTo));
        FunctionRegistry.bind("pg_current_wal_flush_lsn", location(WalWriter::flushedUpTo));
    }

    private static FunctionBody location(ToLongFunction<WalWriter> position) {
        return (a, c) -> {
            if (c.session() instanceof StorageSession s && s.storage() != null && s.storage().storage().wal() != null) {
                return position.applyAsLong(s.storage().storage().wal());
            }
            return null;
        };
    }
}
