package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.buffer.BufferManager;
import org.tusk.buffer.BufferWriteStats;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.storage.EngineStorage;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.PgType;
import org.tusk.storage.CheckpointRequests;

/**
 * pg_stat_bgwriter (PostgreSQL 15's columns), one row: checkpoints by cause
 * from the checkpointer's shared counters, and who wrote buffers from the
 * pool's ({@link BufferManager#writeStats}): checkpoints (buffers_checkpoint),
 * the background writer (buffers_clean, and maxwritten_clean rounds that
 * stopped at bgwriter_lru_maxpages), and backends that had to write a victim
 * themselves (buffers_backend); buffers_alloc counts clock-sweep allocations.
 * Tusk does not time checkpoints' phases here nor let backends fsync (the
 * request queue falls back to a full sync instead): those columns are 0, and
 * stats_reset is null (no pg_stat_reset_shared yet).
 */
public final class PgStatBgwriter implements VirtualRelation {

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("checkpoints_timed", PgType.INT8, -1),
            new RelationColumn("checkpoints_req", PgType.INT8, -1),
            new RelationColumn("checkpoint_write_time", PgType.FLOAT8, -1),
            new RelationColumn("checkpoint_sync_time", PgType.FLOAT8, -1),
            new RelationColumn("buffers_checkpoint", PgType.INT8, -1),
            new RelationColumn("buffers_clean", PgType.INT8, -1),
            new RelationColumn("maxwritten_clean", PgType.INT8, -1),
            new RelationColumn("buffers_backend", PgType.INT8, -1),
            new RelationColumn("buffers_backend_fsync", PgType.INT8, -1),
            new RelationColumn("buffers_alloc", PgType.INT8, -1),
            new RelationColumn("stats_reset", PgType.TIMESTAMPTZ, -1));

    @Override
    public String name() {
        return "pg_stat_bgwriter";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        EngineStorage storage = session instanceof StorageSession s && s.storage() != null ? s.storage().storage() : null;
        BufferManager buffers = storage == null ? null : storage.buffers();
        CheckpointRequests checkpoints = storage == null ? null : storage.checkpointRequests();
        BufferWriteStats w = buffers == null ? new BufferWriteStats(0, 0, 0, 0, 0) : buffers.writeStats();
        List<Object[]> rows = new ArrayList<>(1);
        rows.add(new Object[] {
            checkpoints == null ? 0L : checkpoints.checkpointsTimed(),
            checkpoints == null ? 0L : checkpoints.checkpointsRequested(),
            0.0, 0.0,
            w.buffersCheckpoint(), w.buffersClean(), w.maxwrittenClean(), w.buffersBackend(), 0L, w.buffersAlloc(),
            null});
        return rows;
    }
}
