package org.tusk.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.api.storage.VacuumTargets;

/**
 * One table's VACUUM below the SQL layer (vacuumlazy.c's heap_vacuum_rel),
 * shared by autovacuum and the VACUUM command: the table access method
 * prunes and freezes ({@link TableAccessMethod#vacuum}), hands over its dead
 * items, every index drops its entries for them
 * ({@link org.tusk.api.storage.IndexAccessMethod#bulkDelete}), and only then
 * do their line pointers become reusable.
 *
 * <p>The caller holds ShareUpdateExclusiveLock on the table (one VACUUM at a
 * time: a second one's reclaim between this one's bulkDelete passes could
 * let an index entry point at a reused slot) and passes every index of the
 * table: with {@code indexes == null} (not known) nothing is reclaimed.
 */
public final class LazyVacuum {

    /** vacuum_freeze_min_age's default: tuples older than this many xids are frozen. */
    public static final int FREEZE_MIN_AGE = 50_000_000;
    /** FirstNormalTransactionId: a freeze limit that freezes nothing. */
    private static final int FIRST_NORMAL_XID = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LazyVacuum.class);

    /** What one VACUUM did: the table pass, and how many line pointers became reusable. */
    public record Outcome(VacuumResult table, long deadItems, long reclaimed) {
    }

    private LazyVacuum() {
    }

    /** vacuum_set_xid_limits: the freeze limit for {@code oldestXmin} (never before FirstNormalTransactionId). */
    public static int freezeLimit(int oldestXmin) {
        int limit = oldestXmin - FREEZE_MIN_AGE;
        if (Integer.compareUnsigned(limit, FIRST_NORMAL_XID) < 0 || limit - oldestXmin > 0) {
            limit = FIRST_NORMAL_XID;
        }
        return limit;
    }

    /**
     * Vacuums {@code table}: removes versions dead to every snapshot older
     * than {@code oldestXmin}, then (when {@code indexes} is known) their
     * index entries and line pointers. An index that fails leaves every dead
     * item reserved (the exception propagates before the reclaim).
     */
    public static Outcome run(TableAccessMethod am, RelFileLocator table, int oldestXmin,
            List<VacuumTargets.IndexTarget> indexes) {
        return run(am, table, oldestXmin, freezeLimit(oldestXmin), indexes);
    }

    /**
     * {@link #run(TableAccessMethod, RelFileLocator, int, List)} freezing every xmin before
     * {@code freezeLimit}: VACUUM (FREEZE) passes {@code oldestXmin} itself (vacuum_freeze_min_age 0).
     */
    public static Outcome run(TableAccessMethod am, RelFileLocator table, int oldestXmin, int freezeLimit,
            List<VacuumTargets.IndexTarget> indexes) {
        VacuumResult result = am.vacuum(table, oldestXmin, freezeLimit);
        if (indexes == null) {
            return new Outcome(result, 0, 0);
        }
        List<TupleId> dead = am.collectDeadTuples(table);
        if (dead.isEmpty()) {
            return new Outcome(result, 0, 0);
        }
        Set<TupleId> deadSet = new HashSet<>(dead);
        for (VacuumTargets.IndexTarget index : indexes) {
            IndexVacuumResult removed = index.accessMethod().bulkDelete(index.index(), deadSet::contains);
            LOG.debug("vacuum: index {} of {}: {}", index.index().name(), table, removed);
        }
        long reclaimed = am.reclaimDeadTuples(table, dead);
        LOG.debug("vacuum: {} of {} dead line pointers of {} reusable again", reclaimed, dead.size(), table);
        return new Outcome(result, dead.size(), reclaimed);
    }
}
