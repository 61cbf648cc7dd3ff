package org.tusk.storage;

import org.tusk.api.storage.TableStatistics.DatabaseCounters;
import org.tusk.shmem.ShmemArea;

/**
 * Per-database counters in shared memory (PostgreSQL's pgstat entries of kind
 * PGSTAT_KIND_DATABASE, PgStat_StatDBEntry), what pg_stat_database shows beside
 * the sums of its tables' counters. A session adds to them once per top-level
 * transaction end (commit or rollback, and the blocks it read and hit since),
 * and on the rare events (a deadlock, a temporary file, a connection): a few
 * atomic adds, no lock. Zeroed with the segment, so counts start over at each
 * start and crash reset, as pgstat's do after a crash.
 *
 * <p>It lives at the end of RelationStats' area (one shared-memory request for
 * both kinds of pgstat entry). Layout: {@value #ENTRIES} entries of {@value #ENTRY_SIZE} bytes, an
 * open-addressing table keyed by the database's OID (linear probing). Entry:
 * state int (0 free, 1 being claimed, 2 ready), database OID, then longs:
 * xact_commit, xact_rollback, blks_read, blks_hit, deadlocks, temp_files,
 * temp_bytes, sessions, stats_reset (ms since the epoch). A dropped database
 * keeps its entry until the server restarts (PostgreSQL drops it): with more
 * than {@value #ENTRIES} databases created since then, new ones go uncounted.
 */
public final class DatabaseStats {

    static final int ENTRIES = 256;
    static final int ENTRY_SIZE = 128;
    /** Bytes the table takes. */
    static final int SIZE = ENTRIES * ENTRY_SIZE;

    private static final int STATE = 0;
    private static final int DB = 4;
    private static final int XACT_COMMIT = 8;
    private static final int XACT_ROLLBACK = 16;
    private static final int BLKS_READ = 24;
    private static final int BLKS_HIT = 32;
    private static final int DEADLOCKS = 40;
    private static final int TEMP_FILES = 48;
    private static final int TEMP_BYTES = 56;
    private static final int SESSIONS = 64;
    private static final int STATS_RESET = 72;
    private static final int LAST_FIELD = STATS_RESET;

    private static final int FREE = 0;
    private static final int CLAIMING = 1;
    private static final int READY = 2;

    private final ShmemArea area;
    /** Where the table starts in {@code area}. */
    private final int base;

    DatabaseStats(ShmemArea area, int base) {
        this.area = area;
        this.base = base;
    }

    void countTransactionEnd(int database, boolean committed, long blocksRead, long blocksHit) {
        int e = entry(database, true);
        if (e >= 0) {
            area.getAndAddLong(e + (committed ? XACT_COMMIT : XACT_ROLLBACK), 1);
            if (blocksRead != 0) {
                area.getAndAddLong(e + BLKS_READ, blocksRead);
            }
            if (blocksHit != 0) {
                area.getAndAddLong(e + BLKS_HIT, blocksHit);
            }
        }
    }

    void countDeadlock(int database) {
        add(database, DEADLOCKS, 1);
    }

    void countTempFile(int database, long bytes) {
        int e = entry(database, true);
        if (e >= 0) {
            area.getAndAddLong(e + TEMP_FILES, 1);
            area.getAndAddLong(e + TEMP_BYTES, bytes);
        }
    }

    void countSession(int database) {
        add(database, SESSIONS, 1);
    }

    DatabaseCounters counters(int database) {
        int e = entry(database, false);
        if (e < 0) {
            return null;
        }
        return new DatabaseCounters(database, get(e + XACT_COMMIT), get(e + XACT_ROLLBACK), get(e + BLKS_READ),
                get(e + BLKS_HIT), get(e + DEADLOCKS), get(e + TEMP_FILES), get(e + TEMP_BYTES), get(e + SESSIONS),
                get(e + STATS_RESET));
    }

    /** pgstat_reset_counters for one database: every counter to zero, stats_reset to now. */
    void reset(int database) {
        int e = entry(database, true);
        if (e >= 0) {
            for (int field = XACT_COMMIT; field < STATS_RESET; field += 8) {
                area.putLongVolatile(e + field, 0);
            }
            area.putLongVolatile(e + STATS_RESET, System.currentTimeMillis());
        }
    }

    private void add(int database, int field, long n) {
        int e = entry(database, true);
        if (e >= 0) {
            area.getAndAddLong(e + field, n);
        }
    }

    private long get(int offset) {
        return area.getLongVolatile(offset);
    }

    /** The database's entry offset; with {@code create}, claims one if missing (-1 when the table is full). */
    private int entry(int database, boolean create) {
        int start = Math.floorMod(database * 0x9E3779B1, ENTRIES);
        for (int probe = 0; probe < ENTRIES; probe++) {
            int e = base + ((start + probe) % ENTRIES) * ENTRY_SIZE;
            int state = area.getIntAcquire(e + STATE);
            while (state == CLAIMING) {
                Thread.onSpinWait();
                state = area.getIntAcquire(e + STATE);
            }
            if (state == READY) {
                if (area.getInt(e + DB) == database) {
                    return e;
                }
                continue;
            }
            if (!create) {
                return -1;
            }
            if (area.compareAndSetInt(e + STATE, FREE, CLAIMING)) {
                area.putInt(e + DB, database);
                for (int field = XACT_COMMIT; field <= LAST_FIELD; field += 8) {
                    area.putLongVolatile(e + field, 0);
                }
                area.putIntRelease(e + STATE, READY);
                return e;
            }
            probe--;                                    // someone claimed it meanwhile: look at it again
        }
        return -1;
    }
}
