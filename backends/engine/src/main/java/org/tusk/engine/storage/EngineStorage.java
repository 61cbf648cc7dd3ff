package org.tusk.engine.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableStatistics;
import org.tusk.lmgr.LockManager;
import org.tusk.storage.OidCounter;
import org.tusk.storage.SessionTransaction;
import org.tusk.storage.SharedInvalidationQueue;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * The storage services of this backend process as the engine uses them
 * (what PostgreSQL reaches through globals after InitPostgres): the storage
 * core's transaction system, lock manager and WAL, and the table and index
 * access methods registered as services, by {@code tusk.am.name}. The access
 * method maps change while the backend runs (bundles come and go).
 */
public final class EngineStorage {

    private final TransactionSystem transactions;
    private final LockManager locks;
    private final WalWriter wal;
    private final Path dataDirectory;
    private final Map<String, TableAccessMethod> tableAms = new ConcurrentHashMap<>();
    private final Map<String, IndexAccessMethod> indexAms = new ConcurrentHashMap<>();
    /** The hash AM over the current btree AM (rebuilt when the btree bundle is swapped). */
    private volatile HashIndexAccessMethod hash;
    private volatile OidCounter oids;
    private volatile SharedInvalidationQueue invalidationQueue;
    private volatile org.tusk.buffer.BufferManager buffers;
    private volatile TableStatistics statistics;
    private volatile org.tusk.storage.CheckpointRequests checkpointRequests;
    /** Without the shared counter (engine tests on partial storage): a process-local one, collision-checked by callers. */
    private final java.util.concurrent.atomic.AtomicInteger localOids =
            new java.util.concurrent.atomic.AtomicInteger(OidCounter.FIRST_NORMAL_OBJECT_ID);

    public EngineStorage(TransactionSystem transactions, LockManager locks, WalWriter wal, Path dataDirectory) {
        this.transactions = transactions;
        this.locks = locks;
        this.wal = wal;
        this.dataDirectory = dataDirectory;
    }

    public TransactionSystem transactions() {
        return transactions;
    }

    public LockManager locks() {
        return locks;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Uses the cluster's shared OID counter (StorageCore registers it in every backend). */
    public void useOidCounter(OidCounter counter) {
        this.oids = counter;
    }

    /**
     * GetNewObjectId: a new OID from the cluster-wide counter. OIDs wrap
     * around, so code that needs an OID unused in some catalog checks there
     * (see {@code commands.ObjectIds}).
     */
    public int newOid() {
        OidCounter counter = oids;
        return counter != null ? counter.next() : localOids.getAndIncrement();
    }

    /**
     * A new session's transaction state (ProcessStorage.newSession without
     * the process attachment); {@code endListener} hears of transaction ends
     * before the locks are released.
     */
    public SessionTransaction newSessionTransaction(org.tusk.xact.TransactionListener endListener) {
        org.tusk.xact.TransactionManager manager = transactions.newTransactionManager(wal);
        if (endListener != null) {
            manager.addListener(endListener);   // before SessionTransaction's, which releases the locks
        }
        return new SessionTransaction(manager, locks, transactions.procArray()::pruneHorizon);
    }

    /** Uses the cluster's shared invalidation queue (StorageCore registers it in every backend). */
    public void useInvalidationQueue(SharedInvalidationQueue queue) {
        this.invalidationQueue = queue;
    }

    /** Uses this process's shared buffer manager (StorageCore registers it). */
    public void useBuffers(org.tusk.buffer.BufferManager bufferManager) {
        this.buffers = bufferManager;
    }

    /** This process's shared buffer manager, or null in a process without one (engine tests on partial storage). */
    public org.tusk.buffer.BufferManager buffers() {
        return buffers;
    }

    /** Writes every dirty shared buffer and syncs (before copying files, as CREATE DATABASE does). */
    public void flushBuffers() {
        if (buffers != null) {
            buffers.flushAll();
        }
    }

    /**
     * RelationGetNumberOfBlocks: the main fork's length in blocks, or -1 when this process has no
     * buffer manager (engine tests on partial storage) or the relation has no file (a table of the
     * memory access method and its indexes live in shared memory); callers then ask the access method.
     */
    public long nblocks(org.tusk.api.storage.RelFileLocator locator) {
        if (buffers == null || !buffers.smgr().exists(locator, org.tusk.api.storage.ForkNumber.MAIN)) {
            return -1;
        }
        return buffers.nblocks(locator, org.tusk.api.storage.ForkNumber.MAIN);
    }

    /**
     * A relation's length in pages for pg_class.relpages: its main fork's blocks, or, for a relation kept
     * without a file (a memory access method's), what its access method estimates.
     */
    public long pages(org.tusk.api.storage.RelFileLocator locator, java.util.function.LongSupplier estimate) {
        long blocks = nblocks(locator);
        return blocks < 0 ? estimate.getAsLong() : blocks;
    }

    /** DropRelationBuffers: forgets the relation's buffers without writing them (its files are going away). */
    public void dropBuffers(org.tusk.api.storage.RelFileLocator locator) {
        if (buffers != null) {
            buffers.dropRelation(locator);
        }
    }

    /** DropDatabaseBuffers: forgets every buffer of the database without writing it (its directory goes away). */
    public void dropDatabaseBuffers(int dbOid) {
        if (buffers != null) {
            buffers.dropDatabase(dbOid);
        }
    }

    /** The shared invalidation queue, or null (engine tests on partial storage: no other backends). */
    public SharedInvalidationQueue invalidationQueue() {
        return invalidationQueue;
    }

    /** Uses the checkpointer's request counters (CHECKPOINT). */
    public void useCheckpointRequests(org.tusk.storage.CheckpointRequests requests) {
        this.checkpointRequests = requests;
    }

    /** The checkpointer's request counters, or null in a process without them (engine tests). */
    public org.tusk.storage.CheckpointRequests checkpointRequests() {
        return checkpointRequests;
    }

    /** Uses the storage core's per-relation counters (pg_stat_*_tables, VACUUM's report). */
    public void useStatistics(TableStatistics stats) {
        this.statistics = stats;
    }

    /** The cluster's WAL counters (pg_stat_wal). */
    public org.tusk.wal.WalStats walStats() {
        return wal == null ? null : wal.stats();
    }

    /**
     * The WAL writer (pg_current_wal_lsn and friends read its positions), or null in a process
     * without one (engine tests on partial storage).
     */
    public WalWriter wal() {
        return wal;
    }

    /** The per-relation counters, or null in a process without them (engine tests on partial storage). */
    public TableStatistics statistics() {
        return statistics;
    }

    /** A new session's transaction state (ProcessStorage.newSession without the process attachment). */
    public SessionTransaction newSessionTransaction() {
        return newSessionTransaction(null);
    }

    public void addTableAccessMethod(TableAccessMethod am) {
        tableAms.put(am.name(), am);
    }

    public void removeTableAccessMethod(TableAccessMethod am) {
        tableAms.remove(am.name(), am);
    }

    public void addIndexAccessMethod(IndexAccessMethod am) {
        indexAms.put(am.name(), am);
    }

    public void removeIndexAccessMethod(IndexAccessMethod am) {
        indexAms.remove(am.name(), am);
    }

    /**
     * The table access method {@code name}; 42704 if no such method is installed.
     * A null name (relam 0: sequences keep their one row in the heap) means heap.
     */
    public TableAccessMethod tableAm(String name) {
        TableAccessMethod am = tableAms.get(name == null ? "heap" : name);
        if (am == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + name + "\" does not exist");
        }
        return am;
    }

    /** The index access method {@code name}; 42704 if no such method is installed. */
    public IndexAccessMethod indexAm(String name) {
        IndexAccessMethod am = indexAms.get(name);
        if (am == null && HashIndexAccessMethod.NAME.equals(name) && indexAms.get("btree") != null) {
            // hash indexes keep their hash codes in the btree AM's files (see HashIndexAccessMethod)
            IndexAccessMethod btree = indexAms.get("btree");
            HashIndexAccessMethod hash = this.hash;
            if (hash == null || hash.ordered() != btree) {
                hash = new HashIndexAccessMethod(btree);
                this.hash = hash;
            }
            return hash;
        }
        if (am == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + name + "\" does not exist");
        }
        return am;
    }

    public boolean hasTableAm(String name) {
        return tableAms.containsKey(name);
    }
}
