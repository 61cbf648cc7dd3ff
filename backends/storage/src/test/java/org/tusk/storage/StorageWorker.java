package org.tusk.storage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.BufferManager;
import org.tusk.heapam.Heap2ResourceManager;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.heapam.HeapCheck;
import org.tusk.heapam.HeapResourceManager;
import org.tusk.lmgr.LockManager;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.Wal;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * A child JVM playing one process of a cluster whose postmaster is the test:
 * the startup process ({@code recover}), a backend running transactions
 * against a heap table ({@code work}, {@code insert}), a checkpointer
 * ({@code checkpoints}), or a checker ({@code verify}, printing every visible
 * row and every problem HeapCheck finds). Acknowledgements go to stdout only
 * after commit returned, so the parent knows which commits were promised.
 *
 * <p>Arguments: role, data directory, segment file, slot, then role arguments.
 */
public final class StorageWorker {

    static final RelFileLocator TABLE = RelFileLocator.of(5, 16384);
    /** 1 MB of shared buffers (128 pages) and 1 MB WAL segments: small enough to evict and switch segments. */
    static final Map<String, String> SETTINGS = Map.of("shared_buffers", "1MB", "wal_segment_size", "1MB",
            "wal_buffers", "256kB", "deadlock_timeout", "200ms");
    static final int MAX_BACKENDS = 8;

    private final ShmemSegment segment;
    private final ProcSlot slot;
    private final Path dataDir;
    private final StorageSettings settings;

    private StorageWorker(Path dataDir, Path segmentFile, int slotIndex) throws Exception {
        this.dataDir = dataDir;
        this.segment = ShmemSegment.attach(segmentFile);
        this.slot = segment.slot(slotIndex);
        slot.setPid((int) ProcessHandle.current().pid());
        slot.ownLatch();
        this.settings = StorageSettings.from(SETTINGS, MAX_BACKENDS);
    }

    public static void main(String[] args) throws Exception {
        StorageWorker worker = new StorageWorker(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "recover" -> worker.recover();
            case "work" -> worker.work(Integer.parseInt(args[4]), out);
            case "insert" -> worker.insert(args[4], Integer.parseInt(args[5]), out);
            case "checkpoints" -> worker.checkpoints(Long.parseLong(args[4]));
            case "verify" -> worker.verify(out);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    private void recover() throws Exception {
        StartupProcess.Recovery.run(new ShmemAttachment(segment, slot, dataDir, SETTINGS), settings,
                List.of(new HeapResourceManager(), new Heap2ResourceManager()));
    }

    /** A backend's storage core, as StorageCore attaches it. */
    private final class Core {
        final WalWriter wal = Wal.attach(segment, dataDir, settings.walSettings(), slot);
        final BufferManager buffers = BufferManager.attach(segment, dataDir, slot, wal);
        final TransactionSystem xacts = TransactionSystem.attach(segment, dataDir, slot);
        final LockManager locks = LockManager.attach(segment, slot, settings.lockSettings());
        final HeapAccessMethod heap = new HeapAccessMethod(buffers, wal, xid -> StorageCore.status(xacts, xid));
        final SessionTransaction txn = new SessionTransaction(xacts.newTransactionManager(wal), locks);
    }

    /**
     * Worker {@code id}: its balance row first, then forever: insert a pair of
     * rows for step k and set the balance to k, in one transaction; every
     * tenth step aborts instead. Acknowledges each commit on stdout.
     */
    private void work(int id, PrintStream out) {
        Core core = new Core();
        if (!core.heap.isDurable()) {
            throw new IllegalStateException();
        }
        core.txn.transactions().begin();
        TupleId balance = core.heap.insert(TABLE, bytes("b:" + id + ":0"), core.txn);
        core.txn.transactions().commit();
        out.println("ack " + id + " 0");
        for (int k = 1;; k++) {
            core.txn.transactions().begin();
            core.heap.insert(TABLE, bytes("p:" + id + ":" + k + ":a"), core.txn);
            core.heap.insert(TABLE, bytes("p:" + id + ":" + k + ":b"), core.txn);
            core.txn.transactions().commandCounterIncrement();
            Snapshot snapshot = core.txn.transactions().statementSnapshot();
            ModifyResult result = core.heap.update(TABLE, balance, bytes("b:" + id + ":" + k), core.txn, snapshot,
                    true);
            if (result.status() != ModifyResult.Status.OK) {
                throw new IllegalStateException("update of own balance row: " + result);
            }
            if (k % 10 == 0) {
                core.txn.transactions().abort();
            } else {
                core.txn.transactions().commit();
                balance = result.newTupleId();
                out.println("ack " + id + " " + k);
            }
        }
    }

    /** Inserts {@code count} rows named prefix:i in one committed transaction. */
    private void insert(String prefix, int count, PrintStream out) {
        Core core = new Core();
        core.heap.createStorage(TABLE);
        core.txn.transactions().begin();
        for (int i = 0; i < count; i++) {
            core.heap.insert(TABLE, bytes(prefix + ":" + i), core.txn);
        }
        core.txn.transactions().commit();
        out.println("ack " + prefix);
    }

    private void checkpoints(long intervalMillis) throws Exception {
        Core core = new Core();
        do {
            Checkpoint.create(dataDir, core.wal, core.buffers, core.xacts, false);
            Thread.sleep(intervalMillis);
        } while (intervalMillis > 0);
    }

    private void verify(PrintStream out) {
        Core core = new Core();
        try {
            core.txn.transactions().begin();
            try (TableScan scan = core.heap.beginScan(TABLE, core.txn.transactions().statementSnapshot(),
                    core.txn)) {
                while (scan.next()) {
                    out.println("row " + new String(scan.data(), StandardCharsets.UTF_8));
                }
            }
            core.txn.transactions().commit();
            for (HeapCheck.Problem problem : HeapCheck.check(core.buffers, TABLE, xid -> StorageCore.status(
                    core.xacts, xid))) {
                out.println("problem " + problem);
            }
        } catch (PgException e) {
            out.println("error " + e.sqlState() + " " + e.getMessage());
        }
        out.println("verified");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
