package org.tusk.engine.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.VacuumTargets;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockManager;
import org.tusk.lmgr.LockMode;
import org.tusk.wal.WalWriter;
import org.tusk.xact.IsolationLevel;
import org.tusk.xact.TransactionSystem;

/**
 * {@link VacuumTargets} over the system catalogs, for the autovacuum launcher
 * (autovacuum.c's table_recheck_autovac + vacuum_rel's relation open): the
 * table stored in a file is found by pg_class.relfilenode in its database,
 * locked with ShareUpdateExclusiveLock if that is free now, looked up again
 * under the lock (a DROP or TRUNCATE that committed meanwhile is seen), and
 * its indexes read from pg_index, in a read-only transaction that holds the
 * lock until the {@link OpenTable} is closed.
 *
 * <p>Registered in every process that has the storage core and the engine;
 * only the autovacuum launcher uses it.
 */
@Component(service = VacuumTargets.class)
public final class CatalogVacuumTargets implements VacuumTargets {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogVacuumTargets.class);
    /** Shared catalogs (database 0) are described in every database; template1 always exists. */
    private static final int TEMPLATE1 = 1;

    @Reference
    private TransactionSystem transactions;
    @Reference
    private LockManager locks;
    @Reference
    private WalWriter wal;

    private final Map<String, TableAccessMethod> tableAms = new ConcurrentHashMap<>();
    private final Map<String, IndexAccessMethod> indexAms = new ConcurrentHashMap<>();
    private volatile EngineStorage storage;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTableAccessMethod(TableAccessMethod am) {
        tableAms.put(am.name(), am);
        EngineStorage s = storage;
        if (s != null) {
            s.addTableAccessMethod(am);
        }
    }

    void unbindTableAccessMethod(TableAccessMethod am) {
        tableAms.remove(am.name(), am);
        EngineStorage s = storage;
        if (s != null) {
            s.removeTableAccessMethod(am);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindIndexAccessMethod(IndexAccessMethod am) {
        indexAms.put(am.name(), am);
        EngineStorage s = storage;
        if (s != null) {
            s.addIndexAccessMethod(am);
        }
    }

    void unbindIndexAccessMethod(IndexAccessMethod am) {
        indexAms.remove(am.name(), am);
        EngineStorage s = storage;
        if (s != null) {
            s.removeIndexAccessMethod(am);
        }
    }

    public CatalogVacuumTargets() {
    }

    /** For tests: targets over an engine storage built by the caller. */
    public CatalogVacuumTargets(EngineStorage storage) {
        this.storage = storage;
    }

    private synchronized EngineStorage storage() {
        if (storage == null) {
            EngineStorage s = new EngineStorage(transactions, locks, wal, null);
            tableAms.values().forEach(s::addTableAccessMethod);
            indexAms.values().forEach(s::addIndexAccessMethod);
            storage = s;
        }
        return storage;
    }

    @Override
    public OpenTable open(RelFileLocator table) {
        EngineStorage engineStorage = storage();
        boolean shared = table.dbOid() == 0;
        StorageTransaction txn = new StorageTransaction(engineStorage, shared ? TEMPLATE1 : table.dbOid());
        boolean ok = false;
        try {
            CatalogAccess access = new CatalogAccess(txn, IsolationLevel.READ_COMMITTED);
            if (!shared && !openDatabase(txn, access, table.dbOid())) {
                return null;
            }
            Integer oid = tableOid(access, table);
            if (oid == null || !txn.tryLockRelation(oid, shared, LockMode.SHARE_UPDATE_EXCLUSIVE,
                    IsolationLevel.READ_COMMITTED)) {
                return null;
            }
            txn.endStatement();   // a fresh snapshot: what committed while we looked is seen under the lock
            if (!Integer.valueOf(oid).equals(tableOid(access, table))) {
                return null;
            }
            List<IndexTarget> indexes = indexes(engineStorage, access, oid);
            ok = true;
            return new OpenTable() {
                @Override
                public List<IndexTarget> indexes() {
                    return indexes;
                }

                @Override
                public void close() {
                    txn.commit();
                }
            };
        } finally {
            if (!ok) {
                try {
                    txn.abort();
                } catch (RuntimeException e) {
                    LOG.warn("could not end the catalog transaction of a vacuum target", e);
                }
            }
        }
    }

    /**
     * What an autovacuum worker's connection to its database does
     * (InitPostgres's lock on the database object): a lock on database
     * {@code dbOid} that DROP DATABASE's ACCESS EXCLUSIVE conflicts with,
     * taken only if free now, then the database looked up again under it.
     * Without it a worker could vacuum (and set visibility-map bits in shared
     * buffers of) a table of a database whose DROP DATABASE had already
     * dropped the database's buffers and was removing its directory: the
     * checkpointer then failed to write the dirty map page to the vanished
     * file. A DROP that committed meanwhile is seen: its row is gone.
     */
    private static boolean openDatabase(StorageTransaction txn, CatalogAccess access, int dbOid) {
        if (!txn.tryLockObject(SystemCatalogs.PG_DATABASE, dbOid, true, LockMode.ACCESS_SHARE,
                IsolationLevel.READ_COMMITTED)) {
            return false;   // being dropped (or created from): skipped this round
        }
        txn.endStatement();   // a fresh snapshot, taken under the lock
        SystemCatalogs.Catalog pgDatabase = SystemCatalogs.require(SystemCatalogs.PG_DATABASE);
        int oidColumn = pgDatabase.columnIndex("oid");
        long wanted = Integer.toUnsignedLong(dbOid);
        return !access.scan(SystemCatalogs.PG_DATABASE, row -> Long.valueOf(wanted).equals(row[oidColumn]))
                .isEmpty();
    }

    /**
     * The table (relkind r, m or t) stored in {@code table}'s files, or null. A temporary table is
     * null too: it belongs to the session that made it, which may be changing it in ways only it
     * sees, and dies with it (autovacuum.c: "We cannot safely process other backends' temp
     * tables"). Every pooled backend's warm-up makes TEMP tables, so without this autovacuum spent
     * each round on them.
     */
    private static Integer tableOid(CatalogAccess access, RelFileLocator table) {
        SystemCatalogs.Catalog system = SystemCatalogs.byOid(table.relNumber());
        if (system != null && system.locator(table.dbOid() == 0 ? TEMPLATE1 : table.dbOid()).equals(table)) {
            return system.oid();   // bootstrap catalogs keep their OID as file number
        }
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int fileNode = pgClass.columnIndex("relfilenode");
        int kind = pgClass.columnIndex("relkind");
        int spc = pgClass.columnIndex("reltablespace");
        int persistence = pgClass.columnIndex("relpersistence");
        for (CatalogAccess.CatalogTuple t : access.scan(SystemCatalogs.PG_CLASS,
                row -> ((Long) row[fileNode]).intValue() == table.relNumber())) {
            Object[] row = t.values();
            int tablespace = ((Long) row[spc]).intValue();
            if ((tablespace == 0 ? RelFileLocator.DEFAULT_TABLESPACE : tablespace) == table.spcOid()
                    && "rmt".contains((String) row[kind]) && !"t".equals(row[persistence])) {
                return ((Long) t.get(pgClass, "oid")).intValue();
            }
        }
        return null;
    }

    private static List<IndexTarget> indexes(EngineStorage storage, CatalogAccess access, int tableOid) {
        RelationDesc desc = new RelationCache(() -> access).byOid(tableOid);
        List<IndexTarget> out = new ArrayList<>();
        if (desc == null) {
            return out;
        }
        for (IndexDesc index : desc.indexes()) {
            out.add(new IndexTarget(StorageBaseRelation.descriptor(desc, index), storage.indexAm(index.amName())));
        }
        return List.copyOf(out);
    }
}
