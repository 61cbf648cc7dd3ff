package org.tusk.engine.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tusk.api.engine.EngineSession;
import org.tusk.engine.FakeBackend;
import org.tusk.engine.FakeHost;
import org.tusk.engine.tcop.TuskQueryEngine;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.nbtree.BTreeAccessMethod;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.shmem.ShmemSegment;
import org.tusk.storage.ProcessStorage;
import org.tusk.storage.StartupProcess;
import org.tusk.storage.StorageSettings;
import org.tusk.storage.StorageShmem;

/**
 * A storage cluster inside the test JVM: shared memory, the startup
 * process's bootstrap, and one "backend" per slot with its own WAL writer,
 * buffer manager, transaction system and lock manager (as StorageCore
 * attaches them in a real backend), the heap and btree access methods, and
 * a query engine on them. Sessions of different backends behave as sessions
 * of different processes (ProcArray entries, locks).
 */
public final class StorageCluster implements AutoCloseable {

    public static final int MAX_BACKENDS = 4;

    private final Path dir;
    private final ShmemSegment segment;
    private final StorageSettings settings;

    public StorageCluster(Path dir) throws Exception {
        this.dir = dir;
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("global"));
        // initdb's bootstrap parameters (databases and the superuser)
        Files.writeString(data.resolve("global/pg_database"), "1 template1\n4 template0\n5 postgres\n");
        Files.writeString(data.resolve("global/pg_authid"), "10 postgres t\n");
        settings = StorageSettings.from(Map.of(), MAX_BACKENDS);
        segment = ShmemSegment.create(dir.resolve("shm"), MAX_BACKENDS, dir.resolve("latches"),
                StorageShmem.requests(settings));
        // the access methods' redo, so a cluster opened again on the same directory recovers its tables
        StartupProcess.Recovery.run(attachment(MAX_BACKENDS - 1), settings, List.of(
                new org.tusk.heapam.HeapResourceManager(), new org.tusk.heapam.Heap2ResourceManager(),
                new org.tusk.nbtree.BTreeResourceManager()));
    }

    /** The cluster's shared invalidation queue (as every backend attaches it). */
    public org.tusk.storage.SharedInvalidationQueue invalidationQueue() {
        return org.tusk.storage.SharedInvalidationQueue.attach(segment);
    }

    /** The shared per-relation counters (RelationStats over this cluster's segment). */
    public org.tusk.api.storage.TableStatistics statistics() {
        return new org.tusk.storage.RelationStats(segment);
    }

    public Path data() {
        return dir.resolve("data");
    }

    private ShmemAttachment attachment(int slotIndex) throws Exception {
        ProcSlot slot = segment.slot(slotIndex);
        slot.ownLatch();
        return new ShmemAttachment(segment, slot, data(), Map.of());
    }

    /** A backend process on {@code slot}: its storage core and a query engine using it. */
    public Backend backend(int slot) throws Exception {
        ProcessStorage ps = ProcessStorage.attach(attachment(slot), settings);
        EngineStorage storage = engineStorage(ps);
        TuskQueryEngine engine = new TuskQueryEngine();
        engine.useStorage(storage);
        return new Backend(engine, ps);
    }

    /** The engine's view of one process's storage core: heap and btree, the shared OID counter and statistics. */
    public EngineStorage engineStorage(ProcessStorage ps) {
        EngineStorage storage = new EngineStorage(ps.xacts(), ps.locks(), ps.wal(), data());
        storage.useOidCounter(org.tusk.storage.OidCounter.attach(segment, ps.wal()));
        storage.useInvalidationQueue(org.tusk.storage.SharedInvalidationQueue.attach(segment));
        storage.useBuffers(ps.buffers());
        HeapAccessMethod heap = new HeapAccessMethod(ps.buffers(), ps.wal(), ps::status);
        heap.setStatistics(statistics());
        storage.useStatistics(statistics());
        storage.addTableAccessMethod(heap);
        storage.addIndexAccessMethod(new BTreeAccessMethod(ps.buffers(), ps.wal()));
        return storage;
    }

    /** A process attached to {@code slot} without a query engine (an auxiliary process). */
    public ProcessStorage process(int slot) throws Exception {
        return ProcessStorage.attach(attachment(slot), settings);
    }

    /** One backend process. */
    public final class Backend {
        public final TuskQueryEngine engine;
        public final ProcessStorage storage;

        Backend(TuskQueryEngine engine, ProcessStorage storage) {
            this.engine = engine;
            this.storage = storage;
        }

        public EngineSession connect(String database) {
            return engine.openSession(new FakeHost(new FakeBackend(data())), "postgres", database, Map.of());
        }

    }

    @Override
    public void close() {
        segment.close();
    }
}
