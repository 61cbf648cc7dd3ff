package org.tusk.engine.catalog.bootstrap;

import java.util.List;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.storage.EngineStorage;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.lmgr.LockMode;
import org.tusk.xact.IsolationLevel;

/**
 * Runs {@link CatalogBootstrap} the first time a cluster's catalogs are
 * needed: the shared catalogs once, each database's catalogs once. Whoever
 * finds them empty takes an exclusive lock on the catalog, looks again with
 * a new snapshot (another backend may have just done it), and fills them in
 * one transaction. initdb opens a first session on a private server
 * (launcher/boot's InitdbBootstrap), so this happens there; a session start
 * afterwards only checks, once per process.
 */
public final class ClusterBootstrapper {

    private ClusterBootstrapper() {
    }

    /**
     * The shared catalogs and the catalogs of initdb's databases (template1,
     * template0, postgres), so that CREATE DATABASE always copies a
     * bootstrapped template.
     */
    public static void ensureShared(EngineStorage storage, String superuser) {
        if (done(storage).contains(SHARED)) {
            return;
        }
        ensure(storage, 0, SystemCatalogs.PG_DATABASE, true, b -> b.bootstrapShared(superuser));
        for (int db : INITDB_DATABASES) {
            ensureDatabase(storage, db);
        }
        done(storage).add(SHARED);
    }

    /*
     * What each storage (one per backend process; several in tests) has seen bootstrapped:
     * catalogs never become empty again once filled (a dropped database's OID is not reused
     * for a new one), so each check runs once per process instead of scanning pg_class at
     * every session start. SHARED stands for the shared catalogs and initdb's databases.
     */
    private static final int SHARED = -1;
    private static final java.util.Map<EngineStorage, java.util.Set<Integer>> DONE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static java.util.Set<Integer> done(EngineStorage storage) {
        return DONE.computeIfAbsent(storage, s -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    /** template1, template0, postgres. */
    private static final int[] INITDB_DATABASES = {1, 4, 5};

    public static void ensureDatabase(EngineStorage storage, int dbOid) {
        if (done(storage).contains(dbOid)) {
            return;
        }
        ensure(storage, dbOid, SystemCatalogs.PG_CLASS, false, b -> b.bootstrapDatabase(dbOid));
        done(storage).add(dbOid);
    }

    private static void ensure(EngineStorage storage, int dbOid, int probeCatalog, boolean shared,
            java.util.function.Consumer<CatalogBootstrap> work) {
        StorageTransaction txn = new StorageTransaction(storage, dbOid);
        CatalogAccess access = new CatalogAccess(txn, IsolationLevel.READ_COMMITTED);
        boolean done = false;
        try {
            if (hasRows(storage, access, probeCatalog, dbOid)) {
                txn.commit();
                done = true;
                return;
            }
            txn.lockObject(probeCatalog, dbOid, shared, LockMode.EXCLUSIVE, IsolationLevel.READ_COMMITTED);
            txn.endStatement();
            if (!hasRows(storage, access, probeCatalog, dbOid)) {
                work.accept(new CatalogBootstrap(access, storage.tableAm("heap")));
                if (!shared) {
                    // initdb's setup_sysviews: the system views and information_schema on the new catalogs
                    access.commandCounterIncrement();
                    SystemViewBootstrap.install(txn, access);
                }
            }
            txn.commit();
            done = true;
        } finally {
            if (!done) {
                txn.abort();
            }
        }
    }

    private static boolean hasRows(EngineStorage storage, CatalogAccess access, int catalogOid, int dbOid) {
        SystemCatalogs.Catalog c = SystemCatalogs.require(catalogOid);
        java.nio.file.Path file = storage.dataDirectory().resolve(c.locator(dbOid).path(
                org.tusk.api.storage.ForkNumber.MAIN));
        if (!java.nio.file.Files.exists(file)) {
            return false;
        }
        List<CatalogAccess.CatalogTuple> rows = access.scan(catalogOid);
        return !rows.isEmpty();
    }
}
