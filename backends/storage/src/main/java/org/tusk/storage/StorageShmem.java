package org.tusk.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.tusk.buffer.BufferManager;
import org.tusk.lmgr.LockManager;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemRequester;
import org.tusk.wal.Wal;
import org.tusk.xact.TransactionSystem;
import org.tusk.xact.XactSettings;

/**
 * The storage core's claim on shared memory (its part of PostgreSQL's
 * CalculateShmemSize), registered in the postmaster's framework: WAL buffers,
 * shared buffers, the commit log and ProcArray, the lock table, and the
 * checkpointer's request counters, the OID counter, the shared
 * invalidation queue and the per-relation statistics counters.
 */
@Component(service = ShmemRequester.class)
public final class StorageShmem implements ShmemRequester {

    @Override
    public List<ShmemRequest> shmemRequests(Map<String, String> settings, int maxBackends) {
        return requests(StorageSettings.from(settings, maxBackends));
    }

    /** Also used by tests that play the postmaster. */
    public static List<ShmemRequest> requests(StorageSettings settings) {
        List<ShmemRequest> all = new ArrayList<>();
        all.addAll(Wal.shmemRequests(settings.walSettings()));
        all.addAll(BufferManager.shmemRequests(settings.sharedBuffers()));
        all.addAll(TransactionSystem.shmemRequests(XactSettings.defaults(), settings.maxBackends()));
        all.addAll(LockManager.shmemRequests(settings.maxBackends(), settings.maxLocksPerTransaction()));
        all.add(CheckpointRequests.shmemRequest());
        all.add(OidCounter.shmemRequest());
        all.add(SharedInvalidationQueue.shmemRequest());
        all.add(RelationStats.shmemRequest());
        all.add(new ShmemRequest(MEMORY_TABLES_AREA, settings.memoryTableBytes(), MEMORY_TABLES_LWLOCKS));
        return all;
    }

    /**
     * Room for table access methods that keep their data in shared memory
     * instead of files (the {@code memory} AM): sized by
     * {@code memory_table_size} at start, zeroed at every start and crash
     * reset, so its contents never outlive the server, like UNLOGGED tables
     * after a crash. The core only reserves it; the access method owns its
     * layout and its LWLocks.
     */
    public static final String MEMORY_TABLES_AREA = "storage.memory";
    public static final int MEMORY_TABLES_LWLOCKS = 64;
}
