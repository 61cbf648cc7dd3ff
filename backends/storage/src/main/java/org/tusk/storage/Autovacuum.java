package org.tusk.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.RelFileLocator;
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
 * method under ShareUpdateExclusiveLock ({@link VacuumTargets#open}), then
 * each of its indexes loses the entries whose heap tuples VACUUM removed and
 * their line pointers become reusable ({@link LazyVacuum}), and the counters
 * are reset by {@link TableStatistics#reportVacuum}. As in PostgreSQL 13 and
 * later, inserts call for a vacuum too (past {@code
 * autovacuum_vacuum_insert_threshold + autovacuum_vacuum_insert_scale_factor *
 * reltuples}: an insert-only table gets its visibility map set and its tuples
 * frozen), and a relation whose rows changed past {@code
 * autovacuum_analyze_threshold + autovacuum_analyze_scale_factor * reltuples}
 * since its last ANALYZE is analyzed, by the SQL layer's analyzer when the
 * process has one (relation_needs_vacanalyze).
 */
public final class Autovacuum {

    private static final Logger LOG = LoggerFactory.getLogger(Autovacuum.class);

    /** The settings autovacuum reads (PostgreSQL's names and defaults). */
    public record Settings(boolean enabled, long naptimeMillis, long threshold, double scaleFactor,
            long insertThreshold, double insertScaleFactor, long analyzeThreshold, double analyzeScaleFactor) {

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
                    Double.parseDouble(settings.getOrDefault("autovacuum_vacuum_scale_factor", "0.2").strip()),
                    Long.parseLong(settings.getOrDefault("autovacuum_vacuum_insert_threshold", "1000").strip()),
                    Double.parseDouble(settings.getOrDefault("autovacuum_vacuum_insert_scale_factor", "0.2").strip()),
                    Long.parseLong(settings.getOrDefault("autovacuum_analyze_threshold", "50").strip()),
                    Double.parseDouble(settings.getOrDefault("autovacuum_analyze_scale_factor", "0.1").strip()));
        }
    }

    private Autovacuum() {
    }

    /**
     * Whether the relation needs vacuuming (relation_needs_vacanalyze's vacuum half): dead tuples
     * past the threshold, or inserts since the last vacuum past the insert threshold (-1 turns
     * insert vacuums off).
     */
    static boolean needsVacuum(TableStatistics.Counters counters, Settings settings) {
        double threshold = settings.threshold() + settings.scaleFactor() * counters.liveTuples();
        if (counters.deadTuples() > threshold) {
            return true;
        }
        return settings.insertThreshold() >= 0 && counters.insertsSinceVacuum()
                > settings.insertThreshold() + settings.insertScaleFactor() * counters.liveTuples();
    }

    /** Whether the relation needs ANALYZE: rows inserted, updated or deleted since the last one past the threshold. */
    static boolean needsAnalyze(TableStatistics.Counters counters, Settings settings) {
        return counters.modsSinceAnalyze()
                > settings.analyzeThreshold() + settings.analyzeScaleFactor() * counters.liveTuples();
    }

    /**
     * Vacuums every relation that needs it. {@code methods} finds a table
     * access method by name (null if not installed); {@code targets} may be
     * null (no catalog: tables are vacuumed without their indexes and keep
     * their dead line pointers). With targets, a table is vacuumed only while
     * it is open for VACUUM (ShareUpdateExclusiveLock, not waited for: a busy
     * or dropped table is skipped this round). Returns the relations vacuumed.
     */
    public static List<TableStatistics.Counters> runOnce(TableStatistics stats,
            Function<String, TableAccessMethod> methods, VacuumTargets targets, int oldestXmin, Settings settings) {
        return runOnce(stats, methods, targets, oldestXmin, settings, null);
    }

    /**
     * As above, and every relation that needs ANALYZE is then offered to {@code analyzer} (null: none
     * in this process), after its vacuum if it had one (autovacuum's VACUUM ANALYZE order); the
     * analyzer reports what it did to the statistics itself. Returns the relations vacuumed.
     */
    public static List<TableStatistics.Counters> runOnce(TableStatistics stats,
            Function<String, TableAccessMethod> methods, VacuumTargets targets, int oldestXmin, Settings settings,
            Predicate<RelFileLocator> analyzer) {
        List<TableStatistics.Counters> done = new ArrayList<>();
        for (TableStatistics.Counters counters : stats.all()) {
            if (counters.relation().temp()) {
                continue;   // another session's: only it sees (and may be changing) its data (autovacuum.c)
            }
            if (needsVacuum(counters, settings) && vacuum(stats, counters, methods, targets, oldestXmin)) {
                done.add(counters);
            }
            if (analyzer != null && needsAnalyze(counters, settings)) {
                try {
                    analyzer.test(counters.relation());
                } catch (RuntimeException e) {
                    LOG.warn("automatic analyze of table {} failed: {}", counters.relation(), e.toString());
                }
            }
        }
        return done;
    }

    /** Vacuums one relation that needs it; false when it was skipped or failed. */
    private static boolean vacuum(TableStatistics stats, TableStatistics.Counters counters,
            Function<String, TableAccessMethod> methods, VacuumTargets targets, int oldestXmin) {
        TableAccessMethod am = methods.apply(counters.accessMethod());
        if (am == null) {
            LOG.debug("autovacuum: no access method \"{}\" for {}", counters.accessMethod(), counters.relation());
            return false;
        }
        LazyVacuum.Outcome outcome;
        try {
            outcome = vacuumOne(counters.relation(), am, targets, oldestXmin);
        } catch (RuntimeException e) {
            // one relation's trouble (dropped meanwhile, a corrupt page) must not starve the others
            LOG.warn("automatic vacuum of table {} failed: {}", counters.relation(), e.toString());
            return false;
        }
        if (outcome == null) {
            LOG.debug("autovacuum: skipping {} (lock not available or table gone)", counters.relation());
            return false;
        }
        VacuumResult result = outcome.table();
        // counters were read before the vacuum: what backends counted meanwhile is kept on top
        stats.reportVacuum(counters, result.tuplesLive(), result.tuplesRecentlyDead(), true);
        LOG.info("automatic vacuum of table {}: {} removed, {} remain, {} pages all-visible, {} line pointers reclaimed",
                counters.relation(), result.tuplesRemoved(), result.tuplesRemaining(), result.pagesAllVisible(),
                outcome.reclaimed());
        return true;
    }

    /** One table, opened through {@code targets} when there are any; null when it could not be opened. */
    static LazyVacuum.Outcome vacuumOne(RelFileLocator relation, TableAccessMethod am,
            VacuumTargets targets, int oldestXmin) {
        if (targets == null) {
            return LazyVacuum.run(am, relation, oldestXmin, null);
        }
        try (VacuumTargets.OpenTable table = targets.open(relation)) {
            if (table == null) {
                return null;
            }
            return LazyVacuum.run(am, relation, oldestXmin, table.indexes());
        }
    }
}
