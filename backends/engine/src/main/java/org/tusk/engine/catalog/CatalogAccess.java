package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
 * transactional. Catalogs have no indexes yet: lookups scan, and the name
 * keys of their unique indexes are enforced here ({@link CatalogUniqueKeys}).
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

    /** CatalogTupleInsert; a name another transaction holds already is 23505, as its unique index would say. */
    public TupleId insert(int catalogOid, Object[] row) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        checkUnique(catalog, row, null);
        return heap().insert(locator(catalog), formCatalogTuple(row), txn.context(level));
    }

    /**
     * Bootstrap mode's insert (initdb filling a database nobody else can see
     * yet, with rows distinct by construction): no unique-key check, which
     * would lock every name of thousands of rows in one transaction.
     */
    public TupleId insertBootstrap(int catalogOid, Object[] row) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        return heap().insert(locator(catalog), TupleFormat.form(row), txn.context(level));
    }

    /**
     * The unique-index check for the catalogs' name keys ({@link CatalogUniqueKeys}):
     * a lock on the key's value, held until the transaction ends, makes a
     * second creator of the same name wait for the first (as a unique index
     * makes it wait for the inserter), and a fresh snapshot then shows it the
     * committed row.
     */
    private void checkUnique(SystemCatalogs.Catalog catalog, Object[] row, TupleId self) {
        CatalogUniqueKeys.Key key = CatalogUniqueKeys.of(catalog.oid());
        if (key == null) {
            return;
        }
        int[] columns = new int[key.columns().size()];
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = catalog.columnIndex(key.columns().get(i));
            values[i] = row[columns[i]];
            if (values[i] == null) {
                return;
            }
        }
        txn.lockUniqueKey(catalog.oid(), Arrays.hashCode(values), catalog.shared(), level);
        try (TableScan scan = heap().beginScan(locator(catalog), txn.manager().catalogSnapshot(), txn.context(level))) {
            while (scan.next()) {
                if (scan.tupleId().equals(self)) {
                    continue;
                }
                Object[] other = TupleFormat.deform(scan.data(), catalog.columns().size());
                boolean same = true;
                for (int i = 0; i < columns.length && same; i++) {
                    same = values[i].equals(other[columns[i]]);
                }
                if (same) {
                    throw PgException.error(SqlState.UNIQUE_VIOLATION,
                            "duplicate key value violates unique constraint \"" + key.indexName() + "\"")
                            .withDetail("Key (" + String.join(", ", key.columns()) + ")=("
                                    + Arrays.stream(values).map(String::valueOf)
                                            .collect(Collectors.joining(", "))
                                    + ") already exists.");
                }
            }
        }
    }

    /** CatalogTupleUpdate; a concurrent change is "tuple concurrently updated" (XX000), as in PostgreSQL. */
    public TupleId update(int catalogOid, TupleId tid, Object[] row) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        if (CatalogUniqueKeys.of(catalogOid) != null && keyChanged(catalog, tid, row)) {
            checkUnique(catalog, row, tid);     // a rename must not take a name in use
        }
        ModifyResult r = heap().update(locator(catalog), tid, formCatalogTuple(row), txn.context(level),
                txn.catalogSnapshot(level), true);
        if (r.status() != ModifyResult.Status.OK) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "tuple concurrently updated");
        }
        return r.newTupleId();
    }

    /**
     * heap_inplace_update: overwrites the row where it lies (WAL-logged, redone after a crash)
     * instead of writing a new version, for the non-transactional statistics VACUUM and ANALYZE
     * keep in pg_class, so that they leave no dead pg_class versions behind. Only fixed-width
     * columns may change: the row keeps its length.
     */
    public void updateInPlace(int catalogOid, TupleId tid, Object[] row) {
        SystemCatalogs.Catalog catalog = SystemCatalogs.require(catalogOid);
        byte[] replacement = formCatalogTuple(row);
        heap().inplaceUpdate(locator(catalog), tid, old -> {
            if (old.length != replacement.length) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "wrong tuple length");
            }
            return replacement;
        });
    }

    /** Whether the update changes the catalog's name key (most updates of pg_class rows do not). */
    private boolean keyChanged(SystemCatalogs.Catalog catalog, TupleId tid, Object[] row) {
        byte[] old = heap().fetch(locator(catalog), tid, txn.catalogSnapshot(level), txn.context(level));
        if (old == null) {
            return true;
        }
        Object[] before = TupleFormat.deform(old, catalog.columns().size());
        for (String column : CatalogUniqueKeys.of(catalog.oid()).columns()) {
            int i = catalog.columnIndex(column);
            if (!Objects.equals(before[i], row[i])) {
                return true;
            }
        }
        return false;
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
