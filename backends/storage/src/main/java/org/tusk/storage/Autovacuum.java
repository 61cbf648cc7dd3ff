package org.tusk.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.VacuumResult;
import org.tusk.api.storage.VacuumTargets;

/**
 * One autovacuum round (autovacuum.c's do_autovacuum, done by the launcher
 * itself: no separate worker processes yet): every relation whose dead
 * tuples exceed {@code autovacuum_vacuum_threshold +
 * autovacuum_vacuum_scale_factor * reltuples} (reltuples estimated by the
 * live-tuple counter, as pgstat's n_live_tup) is vacuumed by its table access
 * method, then each of its indexes ({@link VacuumTargets}) loses the entries
 * whose heap tuples VACUUM removed, and the counters are reset by
 * {@link TableStatistics#reportVacuum}.
 */
public final class Autovacuum {

    /** vacuum_freeze_min_age's default: tuples older than this many xids are frozen. */
    static final int FREEZE_MIN_AGE = 50_000_000;
    /** FirstNormalTransactionId: a freeze limit that freezes nothing. */
    private static final int FIRST_NORMAL_XID = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Autovacuum.class);

    /** The settings autovacuum reads (PostgreSQL's defaults). */
    public record Settings(boolean enabled, long naptimeMillis, long threshold, double scaleFactor) {
        public static Settings from(Map<String, String> settings) {
            String on = settings.getOrDefault("autovacuum", "on").strip().toLowerCase(java.util.Locale.ROOT);
            boolean enabled = switch (on) {
                case "on", "true", "yes", "1", "t", "y" -> true;
                case "off", "false", "no", "0", "f", "n" -> false;
                default -> throw new IllegalArgumentException("parameter \"autovacuum\" requires a Boolean value");
            };
            String nap = settings.getOrDefault("autovacuum_naptime", "60s").strip();
            Long napMs = org.tusk.api.setting.GucUnit.MS.parse(nap.matches("\\d+") ? nap + "s" : nap);
            if (napMs == null || napMs < 1) {
                throw new IllegalArgumentException("invalid value for parameter \"autovacuum_naptime\": \"" + nap + "\"");
            }
            return new Settings(enabled, napMs,
                    Long.parseLong(settings.getOrDefault("autovacuum_vacuum_threshold", "50").strip()),
                    Double.parseDouble(settings.getOrDefault("autovacuum_vacuum_scale_factor", "0.2").strip()));
        }
    }

    private Autovacuum() {
    }

    /** Whether the relation needs vacuuming (relation_needs_vacanalyze's vacuum half). */
    static boolean needsVacuum(TableStatistics.Counters counters, Settings settings) {
        double threshold = settings.threshold() + settings.scaleFactor() * counters.liveTuples();
        return counters.deadTuples() > threshold;
    }

    /**
     * Vacuums every relation that needs it. {@code methods} finds a table
     * access method by name (null if not installed); {@code targets} may be
     * null (no catalog yet: tables are vacuumed without their indexes).
     * Returns the relations vacuumed.
     */
    public static List<TableStatistics.Counters> runOnce(TableStatistics stats,
            Function<String, TableAccessMethod> methods, VacuumTargets targets, int oldestXmin, Settings settings) {
        List<TableStatistics.Counters> done = new ArrayList<>();
        for (TableStatistics.Counters counters : stats.all()) {
            if (!needsVacuum(counters, settings)) {
                continue;
            }
            TableAccessMethod am = methods.apply(counters.accessMethod());
            if (am == null) {
                LOG.debug("autovacuum: no access method \"{}\" for {}", counters.accessMethod(), counters.relation());
                continue;
            }
            int freezeLimit = oldestXmin - FREEZE_MIN_AGE;
            if (Integer.compareUnsigned(freezeLimit, FIRST_NORMAL_XID) < 0 || freezeLimit - oldestXmin > 0) {
                freezeLimit = FIRST_NORMAL_XID;
            }
            VacuumResult result;
            try {
                result = am.vacuum(counters.relation(), oldestXmin, freezeLimit);
                if (targets != null) {
                    vacuumIndexes(counters.relation(), am, targets);
                }
            } catch (RuntimeException e) {
                // one relation's trouble (dropped meanwhile, a corrupt page) must not starve the others
                LOG.warn("automatic vacuum of table {} failed: {}", counters.relation(), e.toString());
                continue;
            }
            long dead = Math.max(0, result.tuplesRemaining() - estimateLive(counters, result));
            stats.reportVacuum(counters.relation(), estimateLive(counters, result), dead, true);
            LOG.info("automatic vacuum of table {}: {} removed, {} remain, {} pages all-visible",
                    counters.relation(), result.tuplesRemoved(), result.tuplesRemaining(), result.pagesAllVisible());
            done.add(counters);
        }
        return done;
    }

    /**
     * lazy_vacuum: the dead items VACUUM left are removed from every index,
     * then their line pointers become reusable. Only with a known index list:
     * reclaiming while an unknown index still points at them would let it
     * point at another row later. (The caller is the only VACUUM of the
     * relation: the autovacuum launcher does one relation at a time.)
     */
    static void vacuumIndexes(org.tusk.api.storage.RelFileLocator relation, TableAccessMethod am,
            VacuumTargets targets) {
        List<org.tusk.api.storage.TupleId> dead = am.collectDeadTuples(relation);
        if (dead.isEmpty()) {
            return;
        }
        java.util.Set<org.tusk.api.storage.TupleId> deadSet = new java.util.HashSet<>(dead);
        for (VacuumTargets.IndexTarget index : targets.indexesOf(relation)) {
            IndexVacuumResult removed = index.accessMethod().bulkDelete(index.index(), deadSet::contains);
            LOG.debug("autovacuum: index {} of {}: {}", index.index().name(), relation, removed);
        }
        long reclaimed = am.reclaimDeadTuples(relation, dead);
        LOG.debug("autovacuum: {} line pointers of {} reusable again", reclaimed, relation);
    }

    /** VACUUM counts remaining versions (live and recently dead together); take the live counter where lower. */
    private static long estimateLive(TableStatistics.Counters counters, VacuumResult result) {
        return Math.min(result.tuplesRemaining(), Math.max(counters.liveTuples(), 0));
    }
}
