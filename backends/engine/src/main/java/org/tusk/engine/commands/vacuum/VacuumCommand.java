package org.tusk.engine.commands.vacuum;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.VacuumResult;
import org.tusk.api.storage.VacuumTargets;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.storage.LazyVacuum;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.commands.RelationSizeStatistics;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.VacuumRelation;
import org.tusk.engine.nodes.VacuumStmt;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.relcache.RelationStatistics;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.lmgr.LockMode;
import org.tusk.xact.IsolationLevel;

/**
 * VACUUM [ANALYZE] and ANALYZE (vacuum.c, analyze.c cut down): per table,
 * under ShareUpdateExclusiveLock (taken when the relation is opened, held to
 * the end of the command's transaction), {@link LazyVacuum} has the access
 * method remove dead versions no snapshot can see ({@code oldestXmin} from
 * the ProcArray) and freeze old ones, every index drop the entries of the
 * removed versions, and the freed line pointers become reusable; the live
 * rows the vacuum counted, extrapolated over the pages it skipped
 * ({@link RelTuplesEstimate}), are reported to the statistics
 * (pgstat_report_vacuum); ANALYZE estimates them from its sample. Both store
 * relpages and reltuples in pg_class. FREEZE freezes every tuple all
 * snapshots see as committed (vacuum_freeze_min_age 0).
 */
public final class VacuumCommand implements DmlCommand {

    private final StorageSession session;
    private final VacuumStmt stmt;
    private final boolean vacuum;
    private final boolean analyze;
    /** VACUUM (FREEZE): freeze every tuple all snapshots see as committed, not only those 50 million xids old. */
    private final boolean freeze;
    private final java.util.function.BooleanSupplier inTransactionBlock;

    public VacuumCommand(StorageSession session, VacuumStmt stmt, java.util.function.BooleanSupplier inTransactionBlock) {
        this.session = session;
        this.stmt = stmt;
        this.inTransactionBlock = inTransactionBlock;
        boolean withAnalyze = !stmt.isVacuumcmd();
        boolean withFreeze = false;
        for (DefElem d : stmt.options() == null ? List.<DefElem>of() : stmt.options()) {
            switch (d.defname().toLowerCase()) {
                case "analyze" -> withAnalyze = enabled(d);
                case "freeze" -> withFreeze = enabled(d);
                case "full", "verbose", "skip_locked", "index_cleanup", "truncate", "parallel",
                        "process_toast", "disable_page_skipping" -> {
                    // accepted; this VACUUM has one strategy
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized "
                        + (stmt.isVacuumcmd() ? "VACUUM" : "ANALYZE") + " option \"" + d.defname() + "\"");
            }
        }
        this.vacuum = stmt.isVacuumcmd();
        this.analyze = withAnalyze;
        this.freeze = withFreeze;
    }

    private static boolean enabled(DefElem d) {
        return !(d.arg() instanceof AConst c) || !(c.val().equalsIgnoreCase("false") || c.val().equalsIgnoreCase("off")
                || c.val().equals("0") || c.val().equalsIgnoreCase("f"));
    }

    @Override
    public List<Column> resultColumns() {
        return null;
    }

    @Override
    public Result execute(EvalContext ctx, RowReceiver receiver) {
        if (vacuum && inTransactionBlock.getAsBoolean()) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
        }
        for (RelationDesc desc : targets()) {
            TableAccessMethod am = session.storage().storage().tableAm(desc.amName());
            LazyVacuum.Outcome outcome = null;
            TableStatistics stats = session.storage().storage().statistics();
            TableStatistics.Counters before = stats == null ? null : stats.counters(desc.locator());
            if (vacuum) {
                int oldestXmin = session.storage().storage().transactions().procArray().oldestXmin();
                outcome = LazyVacuum.run(am, desc.locator(), oldestXmin,
                        freeze ? oldestXmin : LazyVacuum.freezeLimit(oldestXmin), indexes(desc));
            }
            long live = 0;
            java.util.Map<Integer, Double> partialIndexFractions = null;
            if (analyze && !desc.isSystemCatalog() && desc.kind() == 'r' && session.storage() != null) {
                partialIndexFractions = new java.util.HashMap<>();
                live = AnalyzeRelation.run(session, desc, statisticsTarget(ctx), ctx, partialIndexFractions);
            } else if (outcome != null) {
                // the vacuum's own count, as lazy_vacuum_rel reports it: a second, MVCC scan to count
                // would read every page the visibility map just let the vacuum skip
                live = vacuumedLiveTuples(desc, outcome.table());
            } else {
                try (TableScan scan = am.beginScan(desc.locator(), session.snapshot(), session.transactionContext())) {
                    while (scan.next()) {
                        ctx.checkForInterrupts();
                        live++;
                    }
                }
            }
            if (partialIndexFractions != null && stats != null) {
                // pgstat_report_analyze: n_mod_since_analyze counts from what this ANALYZE's start saw
                stats.reportAnalyze(before != null ? before
                        : new TableStatistics.Counters(desc.locator(), desc.amName(), 0, 0, 0, 0, 0, 0, 0, 0, 0),
                        AutovacuumAnalyzer.isAutovacuumWorker());
            }
            if (outcome != null && before != null) {
                // our snapshot's count of live rows; what others counted during the vacuum stays on top
                stats.reportVacuum(before, live, outcome.table().tuplesRecentlyDead(), false);
            } else if (outcome != null && stats != null) {
                stats.reportVacuum(desc.locator(), live, outcome.table().tuplesRecentlyDead(), false);
            }
            storeSize(desc, am.estimateSize(desc.locator()).pages(), live);
            if (outcome != null && outcome.deadItems() > 0 && partialIndexFractions == null) {
                storeIndexSizes(desc, null, live);      // lazy_cleanup_all_indexes after a bulk delete
            } else if (partialIndexFractions != null) {
                storeIndexSizes(desc, partialIndexFractions, live);
            }
        }
        return new Result(vacuum ? "VACUUM" : "ANALYZE", List.of());
    }

    /** reltuples after a VACUUM without ANALYZE: counted where it read, the old density where it skipped. */
    private long vacuumedLiveTuples(RelationDesc desc, VacuumResult result) {
        RelationStatistics old = session.relcache().statistics(desc.oid());
        long scannedPages = result.pagesScanned() - result.pagesSkipped();
        double estimate = RelTuplesEstimate.reltuples(old.relpages(), old.reltuples(), result.pagesScanned(),
                scannedPages, result.tuplesLiveCounted());
        return estimate < 0 ? result.tuplesLive() : (long) estimate;
    }

    /** default_statistics_target of the session (100 when it cannot be read). */
    private static int statisticsTarget(EvalContext ctx) {
        try {
            String v = ctx == null || ctx.session() == null ? null
                    : ctx.session().currentSetting("default_statistics_target", true);
            return v == null ? 100 : Integer.parseInt(v.trim());
        } catch (RuntimeException e) {
            return 100;
        }
    }

    /** Every index of the table with its access method (all of them: the reclaim depends on it). */
    private List<VacuumTargets.IndexTarget> indexes(RelationDesc table) {
        List<VacuumTargets.IndexTarget> out = new ArrayList<>();
        for (IndexDesc index : table.indexes()) {
            out.add(new VacuumTargets.IndexTarget(StorageBaseRelation.descriptor(table, index),
                    session.storage().storage().indexAm(index.amName())));
        }
        return out;
    }

    private List<RelationDesc> targets() {
        List<RelationDesc> out = new ArrayList<>();
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        if (stmt.rels() != null && !stmt.rels().isEmpty()) {
            for (VacuumRelation r : stmt.rels()) {
                RelationDesc desc = session.relcache().open(r.relation().schemaname(), r.relation().relname(), path,
                        LockMode.SHARE_UPDATE_EXCLUSIVE, r.relation().location() + 1);
                if (desc.kind() == 'r' && !isOtherSessionsTemp(desc)) {
                    out.add(desc);
                    addToast(out, desc);
                }
            }
            return out;
        }
        CatalogAccess access = new CatalogAccess(session.storage(), IsolationLevel.READ_COMMITTED);
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int kind = pgClass.columnIndex("relkind");
        int oid = pgClass.columnIndex("oid");
        for (var t : access.scan(SystemCatalogs.PG_CLASS, row -> "r".equals(row[kind]))) {
            int relOid = ((Long) t.values()[oid]).intValue();
            RelationDesc desc = session.relcache().open(relOid, LockMode.SHARE_UPDATE_EXCLUSIVE);
            if (desc != null && !desc.isSystemCatalog() && !isOtherSessionsTemp(desc)) {
                out.add(desc);
                addToast(out, desc);
            }
        }
        return out;
    }

    /**
     * RELATION_IS_OTHER_TEMP, which vacuum_rel and analyze_rel skip silently: another session's TEMP table
     * may hold changes only that session sees, and after a crash its unlogged files are garbage that
     * nothing may read (the schema's next owner drops them).
     */
    private boolean isOtherSessionsTemp(RelationDesc desc) {
        return org.tusk.engine.relcache.OtherSessionTemp.is(desc, session.relcache());
    }

    /** VACUUM of a table also vacuums its TOAST table (PROCESS_TOAST's default); ANALYZE does not. */
    private void addToast(List<RelationDesc> out, RelationDesc table) {
        if (vacuum && table.toastRelid() != 0) {
            RelationDesc toast = session.relcache().open(table.toastRelid(), LockMode.SHARE_UPDATE_EXCLUSIVE);
            if (toast != null) {
                out.add(toast);
            }
        }
    }

    /**
     * The indexes' pg_class.relpages / reltuples: after VACUUM's bulk delete ({@code partialFractions} null) the
     * entries each index still has; after ANALYZE the table's live rows, times the sampled fraction a partial
     * index's predicate accepts (do_analyze_rel's totalindexrows, rounded up).
     */
    private void storeIndexSizes(RelationDesc desc, java.util.Map<Integer, Double> partialFractions, long live) {
        if (desc.isSystemCatalog()) {
            return;
        }
        CatalogAccess access = new CatalogAccess(session.storage(), IsolationLevel.READ_COMMITTED);
        for (IndexDesc index : desc.indexes()) {
            var am = session.storage().storage().indexAm(index.amName());
            var descriptor = StorageBaseRelation.descriptor(desc, index);
            double tuples;
            if (partialFractions == null) {
                tuples = am.estimateSize(descriptor).tuples();
            } else {
                Double fraction = index.predicate() == null ? Double.valueOf(1.0) : partialFractions.get(index.oid());
                if (fraction == null) {
                    continue;
                }
                tuples = Math.ceil(fraction * live);
            }
            long pages = session.storage().storage().pages(index.locator(), () -> am.estimateSize(descriptor).pages());
            RelationSizeStatistics.storeInPlace(access, index.oid(), pages, tuples);
            session.relcache().invalidate(index.oid());
        }
        session.storage().commandCounterIncrement();
    }

    /** pg_class.relpages / reltuples, overwritten in place as PostgreSQL does. */
    private void storeSize(RelationDesc desc, long pages, long tuples) {
        if (desc.isSystemCatalog()) {
            return;
        }
        CatalogAccess access = new CatalogAccess(session.storage(), IsolationLevel.READ_COMMITTED);
        RelationSizeStatistics.storeInPlace(access, desc.oid(), pages, tuples);
        session.relcache().invalidate(desc.oid());
        session.storage().commandCounterIncrement();
    }
}
