package org.tusk.engine.tcop;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.catalog.bootstrap.ClusterBootstrapper;
import org.tusk.engine.storage.EngineStorage;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.lmgr.LockManager;
import org.tusk.storage.OidCounter;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.commands.DatabaseCommands;
import org.tusk.storage.SharedInvalidationQueue;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.ClusterCatalog;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.guc.GucSettings;

/** The SQL engine service: InitPostgres-style session start (role, database, startup settings). */
@Component(service = QueryEngine.class)
public final class TuskQueryEngine implements QueryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TuskQueryEngine.class);

    // the storage core of this backend (StorageCore registers it); absent in processes without storage
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile TransactionSystem transactionSystem;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LockManager lockManager;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile WalWriter walWriter;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile OidCounter oidCounter;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SharedInvalidationQueue invalidationQueue;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.tusk.buffer.BufferManager bufferManager;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.tusk.api.storage.TableStatistics tableStatistics;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.tusk.storage.AsyncNotifyQueue notifyQueue;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.tusk.storage.CheckpointRequests checkpointRequests;

    private final java.util.Set<TableAccessMethod> tableAms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<IndexAccessMethod> indexAms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile EngineStorage storage;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTableAccessMethod(TableAccessMethod am) {
        tableAms.add(am);
        EngineStorage s = storage;
        if (s != null) {
            s.addTableAccessMethod(am);
        }
    }

    void unbindTableAccessMethod(TableAccessMethod am) {
        tableAms.remove(am);
        EngineStorage s = storage;
        if (s != null) {
            s.removeTableAccessMethod(am);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindIndexAccessMethod(IndexAccessMethod am) {
        indexAms.add(am);
        EngineStorage s = storage;
        if (s != null) {
            s.addIndexAccessMethod(am);
        }
    }

    void unbindIndexAccessMethod(IndexAccessMethod am) {
        indexAms.remove(am);
        EngineStorage s = storage;
        if (s != null) {
            s.removeIndexAccessMethod(am);
        }
    }

    /** For tests and embedding: run sessions on this storage instead of the referenced services. */
    public void useStorage(EngineStorage engineStorage) {
        this.storage = engineStorage;
    }

    /** The storage of this process, once the core services and a data directory are there; else null. */
    private synchronized EngineStorage storage(java.nio.file.Path dataDirectory) {
        if (storage == null && transactionSystem != null && lockManager != null && walWriter != null
                && dataDirectory != null) {
            EngineStorage s = new EngineStorage(transactionSystem, lockManager, walWriter, dataDirectory);
            tableAms.forEach(s::addTableAccessMethod);
            indexAms.forEach(s::addIndexAccessMethod);
            if (oidCounter != null) {
                s.useOidCounter(oidCounter);
            }
            if (invalidationQueue != null) {
                s.useInvalidationQueue(invalidationQueue);
            }
            if (bufferManager != null) {
                s.useBuffers(bufferManager);
            }
            if (tableStatistics != null) {
                s.useStatistics(tableStatistics);
            }
            if (checkpointRequests != null) {
                s.useCheckpointRequests(checkpointRequests);
            }
            storage = s;
        }
        return storage;
    }

    @Override
    public EngineSession openSession(SessionHost host, String user, String database, Map<String, String> startupSettings) {
        ClusterCatalog catalog = ClusterCatalog.load(host.backend().dataDirectory());
        ClusterCatalog.Role role = catalog.role(user);
        if (role == null) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist");
        }
        EngineStorage engineStorage = storage(host.backend() == null ? null : host.backend().dataDirectory());
        boolean stored = engineStorage != null && engineStorage.hasTableAm("heap");
        long dbOid;
        List<String> databaseSettings = List.of();
        if (stored) {
            // InitPostgres: the database from pg_database, its settings from pg_db_role_setting
            String superuser = role.oid() == 10 ? user : superuserName(catalog);
            ClusterBootstrapper.ensureShared(engineStorage, superuser);
            StorageTransaction probe = new StorageTransaction(engineStorage, 0);
            boolean done = false;
            try {
                CatalogAccess access = new CatalogAccess(probe, org.tusk.xact.IsolationLevel.READ_COMMITTED);
                DatabaseCommands.DatabaseRow row = DatabaseCommands.find(access, database);
                if (row == null) {
                    throw PgException.fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
                }
                if (!row.allowConnections()) {
                    throw PgException.fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                            "database \"" + database + "\" is not currently accepting connections");
                }
                dbOid = row.oid();
                databaseSettings = DatabaseCommands.settingsFor(access, row.oid(), role.oid());
                probe.commit();
                done = true;
            } finally {
                if (!done) {
                    probe.abort();
                }
            }
        } else {
            ClusterCatalog.Database db = catalog.database(database);
            if (db == null) {
                throw PgException.fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
            }
            if (database.equals("template0")) {
                throw PgException.fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "database \"template0\" is not currently accepting connections");
            }
            dbOid = db.oid();
        }
        GucSettings guc = new GucSettings();
        Map<String, String> server = host.backend().serverSettings();
        if (server != null) {
            for (Map.Entry<String, String> e : server.entrySet()) {
                try {
                    guc.setServerDefault(e.getKey(), e.getValue());
                } catch (PgException ex) {
                    LOG.warn("ignoring server setting {}={}: {}", e.getKey(), e.getValue(), ex.getMessage());
                }
            }
        }
        for (String setting : databaseSettings) {
            int eq = setting.indexOf('=');
            try {
                guc.setServerDefault(setting.substring(0, eq), setting.substring(eq + 1));
            } catch (PgException ex) {
                LOG.warn("ignoring database setting {}: {}", setting, ex.getMessage());
            }
        }
        guc.setInternal("is_superuser", role.superuser() ? "on" : "off");
        guc.setInternal("session_authorization", user);
        if (stored && engineStorage.buffers() != null) {
            // pg_control's, as the startup process published it to the pool
            guc.setInternal("data_checksums", engineStorage.buffers().dataChecksums() ? "on" : "off");
        }
        if (startupSettings != null) {
            for (Map.Entry<String, String> e : startupSettings.entrySet()) {
                try {
                    guc.setStartup(e.getKey(), e.getValue());
                } catch (PgException ex) {
                    throw ex.withSeverity(Severity.FATAL);
                }
            }
        }
        if (!stored) {
            return new TuskSession(host, new SystemRelations(catalog), user, database, guc);
        }
        ClusterBootstrapper.ensureDatabase(engineStorage, (int) dbOid);
        StorageTransaction txn = new StorageTransaction(engineStorage, (int) dbOid);
        TuskSession session = new TuskSession(host, new SystemRelations(catalog), user, database, guc, txn);
        session.relcache().setBackendId(BackendIds.claim());
        session.useRoleStore(roleStore(host.backend()));
        session.useNotifyQueue(notifyQueue);
        try {
            // InitPostgres: CONNECT on the database, unless superuser
            org.tusk.engine.acl.AccessChecks.checkConnect(session, database);
            if (txn.isStarted()) {
                txn.commit();   // the read-only transaction of the check
            }
            session.reportConnect();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private static String superuserName(ClusterCatalog catalog) {
        return catalog.superuserName();
    }
}
