package org.tusk.engine.tcop;

import org.tusk.api.storage.TableStatistics;
import org.tusk.buffer.BufferUsage;
import org.tusk.engine.storage.StorageTransaction;

/**
 * What a session reports to its database's shared counters (pg_stat_database),
 * as pgstat_report_stat flushes PostgreSQL's pending database counts: at each
 * top-level transaction end one commit or rollback, with the shared buffer
 * reads and hits this process made since its previous report; a deadlock when
 * the session was its victim; a connection. A warm-up session reports nothing
 * (it is not a client's work), but still moves the process's last reported
 * buffer counts on: those are process-wide ({@link BufferUsage}), like the
 * counts, so a pooled backend's next session reports only its own accesses.
 */
final class DatabaseStatsReport {
    private static long reportedReads;
    private static long reportedHits;

    private final StorageTransaction storage;
    private final boolean counted;

    /** Reports for a session of {@code storage}'s database; nothing unless {@code counted}. */
    DatabaseStatsReport(StorageTransaction storage, boolean counted) {
        this.storage = storage;
        this.counted = counted;
    }

    /** A top-level transaction of the session ended: committed, or rolled back. */
    void transactionEnd(boolean committed) {
        long reads = BufferUsage.sharedReads();
        long hits = BufferUsage.sharedHits();
        TableStatistics stats = statistics();
        if (stats != null) {
            stats.countTransactionEnd(storage.databaseOid(), committed, reads - reportedReads, hits - reportedHits);
        }
        reportedReads = reads;
        reportedHits = hits;
    }

    /** The session was chosen as a deadlock's victim (pgstat_report_deadlock). */
    void deadlock() {
        TableStatistics stats = statistics();
        if (stats != null) {
            stats.countDeadlock(storage.databaseOid());
        }
    }

    /** The session connected to the database (pgstat_report_connect). */
    void connect() {
        TableStatistics stats = statistics();
        if (stats != null) {
            stats.countSession(storage.databaseOid());
        }
    }

    private TableStatistics statistics() {
        return counted && storage != null ? storage.storage().statistics() : null;
    }
}
