package org.tusk.engine.commands;

import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.EngineStorage;

/**
 * pg_class.relpages and reltuples as PostgreSQL keeps them (index.c's
 * index_update_stats, vacuum.c's vac_update_relstats). A new table has 0 pages
 * and reltuples -1 ("never counted") until something counts it:
 *
 * <ul>
 * <li>building an index (CREATE INDEX, a constraint's index, REINDEX, a table
 * rewrite) stores the table's length and the rows the build scanned, and the
 * index's length and entries; a build that found no rows leaves a table's
 * reltuples at -1, so CREATE TABLE ... PRIMARY KEY does not make the table
 * look vacuumed;</li>
 * <li>VACUUM stores the table's, and the indexes' when it removed entries from
 * them (btree's cleanup-only pass reports nothing, so the indexes keep their
 * numbers when nothing was dead);</li>
 * <li>ANALYZE stores the table's and every index's: the estimated live rows,
 * for a partial index the fraction of the sample its predicate accepts.</li>
 * </ul>
 *
 * pgjdbc's getIndexInfo reports an index's reltuples and relpages as
 * CARDINALITY and PAGES, and the planner reads the table's density from them.
 * PostgreSQL overwrites these columns in place; here they are a transactional
 * update of the pg_class row.
 */
public final class RelationSizeStatistics {

    /** index_build's IndexBuildResult: the table rows the build scanned and the index entries it made. */
    public record BuildCounts(long heapTuples, long indexTuples) {
    }

    private RelationSizeStatistics() {
    }

    /**
     * index_update_stats for the table and for the index, after the index was built from the table.
     * {@code newIndex}: the index was just created (index_create's row counts 0 tuples); otherwise it was
     * rebuilt into a new file (REINDEX, TRUNCATE, a rewrite), which RelationSetNewRelfilenode marks uncounted
     * (0 pages, -1). A count of 0 for a relation marked uncounted leaves it so, relpages included.
     */
    static void afterIndexBuild(DdlContext ctx, RelationDesc table, int indexOid, IndexAccessMethod indexAm,
            RelFileLocator indexLocator, BuildCounts counts, boolean newIndex) {
        EngineStorage storage = ctx.storage();
        TableAccessMethod heap = storage.tableAm(table.amName() == null ? "heap" : table.amName());
        long heapPages = storage.pages(table.locator(), () -> heap.estimateSize(table.locator()).pages());
        CatalogAccess.CatalogTuple tableRow = CreateTable.classRow(ctx, table.oid());
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        Object current = tableRow.values()[pgClass.columnIndex("reltuples")];
        if (counts.heapTuples() > 0 || !(current instanceof Number n && n.doubleValue() < 0)) {
            store(ctx.access(), table.oid(), heapPages, counts.heapTuples());
        }

        long indexPages;
        if (counts.indexTuples() == 0 && !newIndex) {
            store(ctx.access(), indexOid, 0, -1);
            ctx.commandCounterIncrement();
            return;
        } else if (counts.indexTuples() == 0) {
            // nbtsort writes only the metapage of an index built from no rows (its root leaf comes with the
            // first insert); Tusk's btree build writes an empty root leaf too, which PostgreSQL would not count
            indexPages = 1;
        } else {
            indexPages = storage.pages(indexLocator, () -> indexAm.estimateSize(new IndexDescriptor("", indexLocator,
                    table.locator(), false, IndexKeyEncoding.comparator())).pages());
        }
        store(ctx.access(), indexOid, indexPages, counts.indexTuples());
        ctx.commandCounterIncrement();
    }

    /** A relation's pg_class relpages and reltuples as a new row version (TRUNCATE's, which may roll back). */
    public static void store(CatalogAccess access, int relOid, long pages, double tuples) {
        store(access, relOid, pages, tuples, false);
    }

    /**
     * vac_update_relstats: VACUUM's and ANALYZE's relpages and reltuples, overwritten in place
     * as PostgreSQL does, so that they leave no dead pg_class row behind for autovacuum.
     */
    public static void storeInPlace(CatalogAccess access, int relOid, long pages, double tuples) {
        store(access, relOid, pages, tuples, true);
    }

    /** Rows already equal stay as they are. */
    private static void store(CatalogAccess access, int relOid, long pages, double tuples, boolean inPlace) {
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oid = pgClass.columnIndex("oid");
        int pagesCol = pgClass.columnIndex("relpages");
        int tuplesCol = pgClass.columnIndex("reltuples");
        for (var t : access.scan(SystemCatalogs.PG_CLASS, row -> ((Long) row[oid]).intValue() == relOid)) {
            Object[] row = t.values().clone();
            Integer newPages = (int) Math.min(pages, Integer.MAX_VALUE);
            Float newTuples = (float) tuples;
            if (newPages.equals(row[pagesCol]) && newTuples.equals(row[tuplesCol])) {
                return;
            }
            row[pagesCol] = newPages;
            row[tuplesCol] = newTuples;
            if (inPlace) {
                access.updateInPlace(SystemCatalogs.PG_CLASS, t.tid(), row);
            } else {
                access.update(SystemCatalogs.PG_CLASS, t.tid(), row);
            }
        }
    }
}
