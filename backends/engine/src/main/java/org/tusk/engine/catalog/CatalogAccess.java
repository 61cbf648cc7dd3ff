package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.xact.IsolationLevel;

/**
 * Reading and changing system catalog rows through the heap access method
 * (PostgreSQL's systable_beginscan / CatalogTupleInsert / Update / Delete),
 * in the session's transaction: catalog rows are MVCC tuples, so DDL is
 * transactional. Catalogs have no indexes yet: lookups scan.
 */
public final class CatalogAccess {

    /** A catalog row with its tuple id. */
    public record CatalogTuple(TupleId tid, Object[] values) {
        public Object get(SystemCatalogs.Catalog catalog, String column) {
            return values[catalog.columnIndex(column)];
        }
    }

    private final StorageTransaction txn;
    private final IsolationLevel level;

    public CatalogAccess(StorageTransaction txn, IsolationLevel level) {
        this.txn = txn;
        this.level = level;
    }

    public StorageTransaction transaction() {
        return txn;
    }

    public IsolationLevel level() {
        return level;
    }

    private TableAccessMethod heap() {
        return txn.storage().tableAm("heap");
    }

    private RelFileLocator locator(SystemCatalogs.Catalog catalog) {
        return catalog.locator(txn.databaseOid());
    }

    /** Every row of the catalog visible to the catalog snapshot (the latest committed state and our own changes). */
    public List<CatalogTuple> scan(int catalogOid) {
        return scan(catalogOid, row -> true);
    }

    /** The visible rows {@code filter} accepts. */
    public List<CatalogTuple> scan(int catalogOid, Predicate<Object[]> filter) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        List<CatalogTuple> out = new ArrayList<>();
        try (TableScan scan = heap().beginScan(locator(catalog), txn.catalogSnapshot(level), txn.context(level))) {
            while (scan.next()) {
                Object[] row = TupleFormat.deform(scan.data(), catalog.columns().size());
                if (filter.test(row)) {
                    out.add(new CatalogTuple(scan.tupleId(), row));
                }
            }
        }
        return out;
    }

    /** CatalogTupleInsert. */
    public TupleId insert(int catalogOid, Object[] row) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        return heap().insert(locator(catalog), formCatalogTuple(row), txn.context(level));
    }

    /** CatalogTupleUpdate; a concurrent change is "tuple concurrently updated" (XX000), as in PostgreSQL. */
    public TupleId update(int catalogOid, TupleId tid, Object[] row) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        ModifyResult r = heap().update(locator(catalog), tid, formCatalogTuple(row), txn.context(level),
                txn.catalogSnapshot(level), true);
        if (r.status() != ModifyResult.Status.OK) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "tuple concurrently updated");
        }
        return r.newTupleId();
    }

    /**
     * A catalog row's bytes: large values (a long view definition, a function
     * body) are compressed inline by the toaster; catalogs have no TOAST
     * tables here, so what does not compress below a page is "row is too big".
     */
    private static byte[] formCatalogTuple(Object[] row) {
        return org.tusk.engine.access.Toast.form(row, CATALOG_STORAGE, null);
    }

    /** attstorage 'x' for every attribute: the toaster leaves fixed-length values alone anyway. */
    private static final char[] CATALOG_STORAGE = "x".repeat(64).toCharArray();

    /** CatalogTupleDelete. */
    public void delete(int catalogOid, TupleId tid) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        ModifyResult r = heap().delete(locator(catalog), tid, txn.context(level), txn.catalogSnapshot(level), true);
        if (r.status() != ModifyResult.Status.OK) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "tuple concurrently deleted");
        }
    }

    /** Makes this transaction's catalog changes so far visible to its later scans (CommandCounterIncrement). */
    public void commandCounterIncrement() {
        txn.commandCounterIncrement();
    }
}
