package org.tusk.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableStatistics;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/**
 * Per-relation counters in shared memory (PostgreSQL's pgstat shared hash of
 * PgStat_StatTabEntry, without the backend-local pending counts: every change
 * goes straight to shared memory with one atomic add, cheap next to the WAL
 * insert beside it). Zeroed with the segment, so counts start over at each
 * start and crash reset, as pgstat's do after a crash.
 *
 * <p>Layout: {@value #ENTRIES} entries of {@value #ENTRY_SIZE} bytes, an
 * open-addressing table keyed by the relation's locator (linear probing).
 * Entry: state int (0 free, 1 being claimed, 2 ready, 3 dropped), spcOid,
 * dbOid, relNumber, the access method's name (16 bytes ASCII), then 16 longs:
 * inserted, updated, deleted, live, dead, last vacuum, last autovacuum, vacuum
 * count, autovacuum count, HOT updated, changes at the last ANALYZE, inserts at
 * the last VACUUM, last analyze, last autoanalyze, analyze count, autoanalyze
 * count; then an int, 1 for a TEMP relation. After the entries, the
 * per-database counters ({@link DatabaseStats}). n_mod_since_analyze and
 * n_ins_since_vacuum are differences against the counts ANALYZE and VACUUM
 * saw, so counting a change stays the two atomic adds it was (pgstat keeps
 * counters of their own, but batches a transaction's changes; we do not).
 * A claimer CASes 0 or 3 -> 1, writes the key and
 * zeroed counters, publishes 2; readers skip entries that are not ready.
 *
 * <p>A dropped relation's entry becomes a tombstone (3): lookups probe past it,
 * a new relation reuses the first tombstone of its probe sequence. Without
 * reuse, every TEMP table (each pooled backend's warm-up creates four per
 * warm-up session) would keep an entry until the table of
 * {@value #ENTRIES} filled and new relations went uncounted (and autovacuum
 * blind to them). Two backends counting a relation for the first time while a
 * third drops another relation of the same probe sequence could claim two
 * entries for it; lookups then find the first, and the other's counts are
 * lost: a race as rare as it is harmless next to that.
 */
public final class RelationStats implements TableStatistics {

    static final String AREA = "storage.pgstat";
    static final int ENTRIES = 4096;
    static final int ENTRY_SIZE = 192;

    private static final int STATE = 0;
    private static final int SPC = 4;
    private static final int DB = 8;
    private static final int REL = 12;
    private static final int AM = 16;
    private static final int AM_LENGTH = 16;
    private static final int INSERTED = 32;
    private static final int UPDATED = 40;
    private static final int DELETED = 48;
    private static final int LIVE = 56;
    private static final int DEAD = 64;
    private static final int LAST_VACUUM = 72;
    private static final int LAST_AUTOVACUUM = 80;
    private static final int VACUUM_COUNT = 88;
    private static final int AUTOVACUUM_COUNT = 96;
    private static final int HOT_UPDATED = 104;
    private static final int CHANGED_AT_ANALYZE = 112;
    private static final int INSERTED_AT_VACUUM = 120;
    private static final int LAST_ANALYZE = 128;
    private static final int LAST_AUTOANALYZE = 136;
    private static final int ANALYZE_COUNT = 144;
    private static final int AUTOANALYZE_COUNT = 152;
    private static final int LAST_FIELD = AUTOANALYZE_COUNT;
    /** 1 when the relation is TEMP: autovacuum leaves it alone, and all() must say so. */
    private static final int TEMP = 160;

    private static final int FREE = 0;
    private static final int CLAIMING = 1;
    private static final int READY = 2;
    private static final int DROPPED = 3;

    private final ShmemArea area;
    /** The per-database counters, served through the same TableStatistics service. */
    private final DatabaseStats databases;

    public RelationStats(ShmemSegment segment) {
        this.area = segment.area(AREA);
        this.databases = new DatabaseStats(area, ENTRIES * ENTRY_SIZE);
    }

    static ShmemRequest shmemRequest() {
        return new ShmemRequest(AREA, ENTRIES * ENTRY_SIZE + DatabaseStats.SIZE, 0);
    }

    @Override
    public void countInsert(RelFileLocator relation, String am) {
        int e = entry(relation, am, true);
        if (e >= 0) {
            area.getAndAddLong(e + INSERTED, 1);
            area.getAndAddLong(e + LIVE, 1);
        }
    }

    @Override
    public void countInserts(RelFileLocator relation, String am, int n) {
        int e = entry(relation, am, true);
        if (e >= 0) {
            area.getAndAddLong(e + INSERTED, n);
            area.getAndAddLong(e + LIVE, n);
        }
    }

    @Override
    public void countUpdate(RelFileLocator relation, String am) {
        int e = entry(relation, am, true);
        if (e >= 0) {
            area.getAndAddLong(e + UPDATED, 1);
            area.getAndAddLong(e + DEAD, 1);
        }
    }

    @Override
    public void countUpdate(RelFileLocator relation, String am, boolean hot) {
        int e = entry(relation, am, true);
        if (e >= 0) {
            area.getAndAddLong(e + UPDATED, 1);
            area.getAndAddLong(e + DEAD, 1);
            if (hot) {
                area.getAndAddLong(e + HOT_UPDATED, 1);
            }
        }
    }

    @Override
    public void countDelete(RelFileLocator relation, String am) {
        int e = entry(relation, am, true);
        if (e >= 0) {
            area.getAndAddLong(e + DELETED, 1);
            area.getAndAddLong(e + LIVE, -1);
            area.getAndAddLong(e + DEAD, 1);
        }
    }

    @Override
    public void countPruned(RelFileLocator relation, int tuples) {
        int e = entry(relation, null, false);
        if (e >= 0 && tuples > 0) {
            area.getAndAddLong(e + DEAD, -tuples);
        }
    }

    @Override
    public void reportVacuum(RelFileLocator relation, long liveTuples, long deadTuples, boolean autovacuum) {
        int e = entry(relation, null, true);
        if (e < 0) {
            return;
        }
        area.putLongVolatile(e + LIVE, liveTuples);
        area.putLongVolatile(e + DEAD, deadTuples);
        area.putLongVolatile(e + INSERTED_AT_VACUUM, get(e + INSERTED));
        area.putLongVolatile(e + (autovacuum ? LAST_AUTOVACUUM : LAST_VACUUM), System.currentTimeMillis());
        area.getAndAddLong(e + (autovacuum ? AUTOVACUUM_COUNT : VACUUM_COUNT), 1);
    }

    @Override
    public void reportVacuum(Counters before, long liveTuples, long deadTuples, boolean autovacuum) {
        int e = entry(before.relation(), null, true);
        if (e < 0) {
            return;
        }
        // adding the difference keeps every increment made since "before" was read, atomically
        area.getAndAddLong(e + LIVE, liveTuples - before.liveTuples());
        area.getAndAddLong(e + DEAD, deadTuples - before.deadTuples());
        // inserts made while the vacuum ran were not seen by it: they still count towards the next one
        area.putLongVolatile(e + INSERTED_AT_VACUUM, before.tuplesInserted());
        area.putLongVolatile(e + (autovacuum ? LAST_AUTOVACUUM : LAST_VACUUM), System.currentTimeMillis());
        area.getAndAddLong(e + (autovacuum ? AUTOVACUUM_COUNT : VACUUM_COUNT), 1);
    }

    @Override
    public void reportAnalyze(Counters before, boolean autovacuum) {
        int e = entry(before.relation(), null, true);
        if (e < 0) {
            return;
        }
        // changes made while ANALYZE sampled stay counted, as a reset at the end would lose them
        area.putLongVolatile(e + CHANGED_AT_ANALYZE, before.tuplesChanged());
        area.putLongVolatile(e + (autovacuum ? LAST_AUTOANALYZE : LAST_ANALYZE), System.currentTimeMillis());
        area.getAndAddLong(e + (autovacuum ? AUTOANALYZE_COUNT : ANALYZE_COUNT), 1);
    }

    @Override
    public Counters counters(RelFileLocator relation) {
        int e = entry(relation, null, false);
        return e < 0 ? null : read(e, relation);
    }

    @Override
    public List<Counters> all() {
        List<Counters> out = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            int e = i * ENTRY_SIZE;
            if (area.getIntAcquire(e + STATE) == READY) {
                out.add(read(e, new RelFileLocator(area.getInt(e + SPC), area.getInt(e + DB), area.getInt(e + REL),
                        area.getInt(e + TEMP) == 1)));
            }
        }
        return out;
    }

    @Override
    public void countTransactionEnd(int database, boolean committed, long blocksRead, long blocksHit) {
        databases.countTransactionEnd(database, committed, blocksRead, blocksHit);
    }

    @Override
    public void countDeadlock(int database) {
        databases.countDeadlock(database);
    }

    @Override
    public void countTempFile(int database, long bytes) {
        databases.countTempFile(database, bytes);
    }

    @Override
    public void countSession(int database) {
        databases.countSession(database);
    }

    @Override
    public DatabaseCounters databaseCounters(int database) {
        return databases.counters(database);
    }

    @Override
    public void resetDatabase(int database) {
        databases.reset(database);
    }

    @Override
    public void drop(RelFileLocator relation) {
        int e = entry(relation, null, false);
        if (e >= 0) {
            area.compareAndSetInt(e + STATE, READY, DROPPED);
        }
    }

    private Counters read(int e, RelFileLocator relation) {
        byte[] name = new byte[AM_LENGTH];
        area.getBytes(e + AM, name, 0, AM_LENGTH);
        int len = 0;
        while (len < AM_LENGTH && name[len] != 0) {
            len++;
        }
        long inserted = get(e + INSERTED);
        long changed = inserted + get(e + UPDATED) + get(e + DELETED);
        return new Counters(relation, new String(name, 0, len, StandardCharsets.US_ASCII),
                inserted, get(e + UPDATED), get(e + DELETED), Math.max(0, get(e + LIVE)),
                Math.max(0, get(e + DEAD)), get(e + LAST_VACUUM), get(e + LAST_AUTOVACUUM), get(e + VACUUM_COUNT),
                get(e + AUTOVACUUM_COUNT), get(e + HOT_UPDATED), Math.max(0, changed - get(e + CHANGED_AT_ANALYZE)),
                Math.max(0, inserted - get(e + INSERTED_AT_VACUUM)), get(e + LAST_ANALYZE), get(e + LAST_AUTOANALYZE),
                get(e + ANALYZE_COUNT), get(e + AUTOANALYZE_COUNT));
    }

    private long get(int offset) {
        return area.getLongVolatile(offset);
    }

    /** The relation's entry offset; with {@code create}, claims one if missing (-1 when the table is full). */
    private int entry(RelFileLocator relation, String am, boolean create) {
        int start = Math.floorMod(relation.hashCode() * 0x9E3779B1, ENTRIES);
        int tombstone = -1;
        for (int probe = 0; probe < ENTRIES; probe++) {
            int e = ((start + probe) % ENTRIES) * ENTRY_SIZE;
            int state = area.getIntAcquire(e + STATE);
            while (state == CLAIMING) {
                Thread.onSpinWait();
                state = area.getIntAcquire(e + STATE);
            }
            if (state == READY) {
                if (matches(e, relation)) {
                    if (am != null && area.getByte(e + AM) == 0) {
                        writeAm(e, am);
                    }
                    return e;
                }
                continue;
            }
            if (state == DROPPED) {
                if (tombstone < 0) {
                    tombstone = e;
                }
                continue;
            }
            // FREE: the relation has no entry
            if (!create) {
                return -1;
            }
            int claimed = tombstone >= 0 ? claim(tombstone, DROPPED, relation, am) : claim(e, FREE, relation, am);
            if (claimed >= 0) {
                return claimed;
            }
            probe = -1;                                 // someone claimed it meanwhile: look again from the start
            tombstone = -1;
        }
        if (create && tombstone >= 0) {
            return claim(tombstone, DROPPED, relation, am);
        }
        return -1;
    }

    /** Claims entry {@code e} if it is still in state {@code from}: its key, zeroed counters, then ready. */
    private int claim(int e, int from, RelFileLocator relation, String am) {
        if (!area.compareAndSetInt(e + STATE, from, CLAIMING)) {
            return -1;
        }
        area.putInt(e + SPC, relation.spcOid());
        area.putInt(e + DB, relation.dbOid());
        area.putInt(e + REL, relation.relNumber());
        area.putBytes(e + AM, new byte[AM_LENGTH], 0, AM_LENGTH);
        if (am != null) {
            writeAm(e, am);
        }
        for (int field = INSERTED; field <= LAST_FIELD; field += 8) {
            area.putLongVolatile(e + field, 0);
        }
        area.putInt(e + TEMP, relation.temp() ? 1 : 0);
        area.putIntRelease(e + STATE, READY);
        return e;
    }

    private boolean matches(int e, RelFileLocator relation) {
        return area.getInt(e + REL) == relation.relNumber() && area.getInt(e + DB) == relation.dbOid()
                && area.getInt(e + SPC) == relation.spcOid();
    }

    private void writeAm(int e, String am) {
        byte[] name = am.getBytes(StandardCharsets.US_ASCII);
        area.putBytes(e + AM, name, 0, Math.min(name.length, AM_LENGTH - 1));
    }
}
