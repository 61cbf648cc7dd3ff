package org.tusk.engine.commands.vacuum;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;
import org.tusk.xact.IsolationLevel;

/**
 * ANALYZE of one table (analyze.c's do_analyze_rel): a random sample of
 * 300 x default_statistics_target live rows (every row of a smaller table;
 * reservoir sampling over one pass, which also counts the live rows), one
 * {@link ColumnAnalysis} per live column, and the table's pg_statistic rows
 * replaced by the results (stainherit false). The caller stores
 * relpages/reltuples and invalidates the relcache entry, which also drops
 * every backend's cached statistics and plans of the table.
 */
public final class AnalyzeRelation {

    private AnalyzeRelation() {
    }

    /** Samples, computes and stores the statistics; returns the number of live rows counted. */
    public static long run(StorageSession session, RelationDesc desc, int statisticsTarget, EvalContext ctx) {
        return run(session, desc, statisticsTarget, ctx, null);
    }

    /**
     * As above; {@code partialIndexFractions}, when not null, receives per partial index (by OID) the
     * fraction of the sampled rows its predicate accepts (do_analyze_rel's tupleFract).
     */
    public static long run(StorageSession session, RelationDesc desc, int statisticsTarget, EvalContext ctx,
            java.util.Map<Integer, Double> partialIndexFractions) {
        int target = Math.max(1, statisticsTarget);
        int targRows = 300 * target;
        StorageBaseRelation rel = new StorageBaseRelation(desc, session);
        List<Object[]> sample = new ArrayList<>();
        ReservoirSampler reservoir = new ReservoirSampler(new Random(desc.oid() * 31L + targRows), targRows);
        long live = 0;
        // acquire_sample_rows keeps only the sampled tuples: a row is deformed (column values
        // built, TOAST fetched) only when the reservoir takes it, not for every row counted
        org.tusk.engine.executor.scan.ScanRelation scanRelation = rel.scanRelation();
        org.tusk.api.storage.Snapshot snapshot = session.snapshot();
        try (org.tusk.api.storage.TableScan scan = scanRelation.am().beginScan(scanRelation.locator(), snapshot,
                session.transactionContext())) {
            while (scan.next()) {
                if ((live & 1023) == 0 && ctx != null) {
                    ctx.checkForInterrupts();
                }
                if (sample.size() < targRows) {
                    sample.add(scanRelation.codec().deform(scan.data(), snapshot));
                } else {
                    int slot = reservoir.slotFor(live);
                    if (slot >= 0) {
                        sample.set(slot, scanRelation.codec().deform(scan.data(), snapshot));
                    }
                }
                live++;
            }
        }
        List<AttributeDesc> columns = desc.liveAttributes();
        List<Object[]> rows = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            AttributeDesc a = columns.get(c);
            PgType type = PgType.byOid(a.typeOid());
            if (type == null) {
                continue;
            }
            List<Object> values = new ArrayList<>(sample.size());
            for (Object[] r : sample) {
                values.add(r[c]);
            }
            ColumnAnalysis.Result result = ColumnAnalysis.compute(type, collationOf(type), values, live, target);
            if (result != null) {
                rows.add(statisticRow(desc.oid(), a.attnum(), type, result));
            }
        }
        store(session, desc.oid(), rows);
        indexExpressionStatistics(session, desc, sample, live, target, ctx);
        if (partialIndexFractions != null) {
            partialIndexFractions(session, desc, sample, ctx, partialIndexFractions);
        }
        return live;
    }

    /** The fraction of the sampled rows each partial index's predicate accepts (none sampled: 0). */
    private static void partialIndexFractions(StorageSession session, RelationDesc desc, List<Object[]> sample,
            EvalContext outer, java.util.Map<Integer, Double> out) {
        for (org.tusk.engine.relcache.IndexDesc index : desc.indexes()) {
            if (index.predicate() == null) {
                continue;
            }
            try {
                EvalContext ctx = new EvalContext(outer == null ? null : outer.session(), new Object[0]);
                org.tusk.engine.expr.Expr pred = org.tusk.engine.analyze.IndexExpressions.compile(session,
                        session.typeContext(), desc, index.predicate(), true);
                long accepted = 0;
                for (Object[] r : sample) {
                    ctx.setRow(r);
                    if (Boolean.TRUE.equals(pred.eval(ctx))) {
                        accepted++;
                    }
                }
                out.put(index.oid(), sample.isEmpty() ? 0.0 : (double) accepted / sample.size());
            } catch (RuntimeException e) {
                continue;           // a predicate that fails on a sampled row: the index keeps its numbers
            }
        }
    }

    /**
     * compute_index_stats: an index's expression columns get statistics of their own (starelid the
     * index, staattnum the index column), over the sampled rows its predicate accepts; none when no
     * sampled row is in the index.
     */
    private static void indexExpressionStatistics(StorageSession session, RelationDesc desc, List<Object[]> sample,
            long live, int target, EvalContext outer) {
        for (org.tusk.engine.relcache.IndexDesc index : desc.indexes()) {
            if (!index.hasExpressions()) {
                continue;
            }
            List<Object[]> rows = new ArrayList<>();
            try {
                EvalContext ctx = new EvalContext(outer.session(), new Object[0]);
                List<Object[]> inIndex = sample;
                if (index.predicate() != null) {
                    org.tusk.engine.expr.Expr pred = org.tusk.engine.analyze.IndexExpressions.compile(session,
                            session.typeContext(), desc, index.predicate(), true);
                    inIndex = new ArrayList<>();
                    for (Object[] r : sample) {
                        ctx.setRow(r);
                        if (Boolean.TRUE.equals(pred.eval(ctx))) {
                            inIndex.add(r);
                        }
                    }
                }
                if (inIndex.isEmpty()) {
                    continue;
                }
                int nextExpr = 0;
                int[] keys = index.keyAttnums();
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i] != 0) {
                        continue;
                    }
                    org.tusk.engine.expr.Expr e = org.tusk.engine.analyze.IndexExpressions.compile(session,
                            session.typeContext(), desc, index.expressions().get(nextExpr++), false);
                    PgType type = e.type();
                    List<Object> values = new ArrayList<>(inIndex.size());
                    for (Object[] r : inIndex) {
                        ctx.setRow(r);
                        values.add(e.eval(ctx));
                    }
                    double rowsInIndex = live * ((double) inIndex.size() / sample.size());
                    ColumnAnalysis.Result result = ColumnAnalysis.compute(type, collationOf(type), values,
                            Math.round(rowsInIndex), target);
                    if (result != null) {
                        rows.add(statisticRow(index.oid(), i + 1, type, result));
                    }
                }
            } catch (RuntimeException e) {
                continue;           // an expression that fails on a sampled row: no statistics for the index
            }
            store(session, index.oid(), rows);
        }
    }

    /** The column's collation as pg_attribute would give it (no COLLATE clauses on columns yet). */
    static long collationOf(PgType type) {
        if (type == PgType.NAME) {
            return 950;
        }
        return type.category() == 'S' ? 100 : 0;
    }

    private static Object[] statisticRow(int relOid, int attnum, PgType type, ColumnAnalysis.Result r) {
        SystemCatalogs.Catalog cat = SystemCatalogs.require(SystemCatalogs.PG_STATISTIC);
        Object[] row = new Object[cat.columns().size()];
        row[cat.columnIndex("starelid")] = (long) relOid;
        row[cat.columnIndex("staattnum")] = (short) attnum;
        row[cat.columnIndex("stainherit")] = false;
        row[cat.columnIndex("stanullfrac")] = r.nullFrac();
        row[cat.columnIndex("stawidth")] = r.width();
        row[cat.columnIndex("stadistinct")] = r.nDistinct();
        // an array column's MCVs and histogram would be arrays of arrays: only its correlation is kept
        List<ColumnAnalysis.Slot> slots = r.slots().stream().filter(x -> !type.isArray() || x.values() == null).toList();
        for (int i = 1; i <= 5; i++) {
            ColumnAnalysis.Slot s = i <= slots.size() ? slots.get(i - 1) : null;
            row[cat.columnIndex("stakind" + i)] = s == null ? (short) 0 : s.kind();
            row[cat.columnIndex("staop" + i)] = s == null ? 0L : s.operator();
            row[cat.columnIndex("stacoll" + i)] = s == null ? 0L : s.collation();
            if (s != null && s.numbers() != null) {
                Object[] nums = new Object[s.numbers().length];
                for (int k = 0; k < nums.length; k++) {
                    nums[k] = s.numbers()[k];
                }
                row[cat.columnIndex("stanumbers" + i)] = ArrayValue.of(PgType.FLOAT4, nums);
            }
            if (s != null && s.values() != null) {
                row[cat.columnIndex("stavalues" + i)] = ArrayValue.of(type, s.values());
            }
        }
        return row;
    }

    /**
     * update_attstats: each analyzed column's pg_statistic row is updated where there is one,
     * else inserted; other columns' rows stay (ANALYZE t (a) keeps b's), as in PostgreSQL.
     * One new version per column instead of a deleted and an inserted row.
     */
    private static void store(StorageSession session, int relOid, List<Object[]> rows) {
        CatalogAccess access = new CatalogAccess(session.storage(), IsolationLevel.READ_COMMITTED);
        SystemCatalogs.Catalog cat = SystemCatalogs.require(SystemCatalogs.PG_STATISTIC);
        int relCol = cat.columnIndex("starelid");
        int attCol = cat.columnIndex("staattnum");
        int inhCol = cat.columnIndex("stainherit");
        java.util.Map<Short, org.tusk.api.storage.TupleId> existing = new java.util.HashMap<>();
        for (var t : access.scan(SystemCatalogs.PG_STATISTIC,
                row -> ((Long) row[relCol]).intValue() == relOid && Boolean.FALSE.equals(row[inhCol]))) {
            existing.put((Short) t.values()[attCol], t.tid());
        }
        for (Object[] row : rows) {
            org.tusk.api.storage.TupleId old = existing.get((Short) row[attCol]);
            if (old != null) {
                access.update(SystemCatalogs.PG_STATISTIC, old, row);
            } else {
                access.insert(SystemCatalogs.PG_STATISTIC, row);
            }
        }
    }
}
