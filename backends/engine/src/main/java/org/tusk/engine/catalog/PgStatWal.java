package org.tusk.engine.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.PgType;
import org.tusk.wal.WalStats;

/**
 * pg_stat_wal: the cluster's WAL write and sync counts since the server started
 * (the shared counters of {@link org.tusk.wal.WalWriter#stats}), one row.
 * wal_sync against the number of commits says how well group commit works: a
 * committer whose commit record another backend's sync already covered issues
 * none. Tusk does not count records, full-page images or bytes, nor time
 * (track_wal_io_timing): those columns are 0; stats_reset is null (no
 * pg_stat_reset_shared yet).
 */
public final class PgStatWal implements VirtualRelation {

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("wal_records", PgType.INT8, -1),
            new RelationColumn("wal_fpi", PgType.INT8, -1),
            new RelationColumn("wal_bytes", PgType.NUMERIC, -1),
            new RelationColumn("wal_buffers_full", PgType.INT8, -1),
            new RelationColumn("wal_write", PgType.INT8, -1),
            new RelationColumn("wal_sync", PgType.INT8, -1),
            new RelationColumn("wal_write_time", PgType.FLOAT8, -1),
            new RelationColumn("wal_sync_time", PgType.FLOAT8, -1),
            new RelationColumn("stats_reset", PgType.TIMESTAMPTZ, -1));

    @Override
    public String name() {
        return "pg_stat_wal";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        WalStats stats = null;
        if (session instanceof StorageSession storage && storage.storage() != null) {
            stats = storage.storage().storage().walStats();
        }
        long buffersFull = stats == null ? 0 : stats.buffersFull();
        long writes = stats == null ? 0 : stats.writes();
        long syncs = stats == null ? 0 : stats.syncs();
        List<Object[]> rows = new java.util.ArrayList<>(1);
        rows.add(new Object[] {0L, 0L, BigDecimal.ZERO, buffersFull, writes, syncs, 0.0, 0.0, null});
        return rows;
    }
}
