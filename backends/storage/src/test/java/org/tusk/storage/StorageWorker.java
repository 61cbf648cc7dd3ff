package org.tusk.storage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.heapam.Heap2ResourceManager;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.heapam.HeapCheck;
import org.tusk.heapam.HeapResourceManager;
import org.tusk.shmem.ShmemAttachment;

/**
 * A child JVM playing one process of a cluster whose postmaster is the test:
 * the startup process ({@code recover}), a backend running transactions
 * against a heap table ({@code work}, {@code insert}), a checkpointer
 * ({@code checkpoints}), a writer of every dirty buffer without a checkpoint ({@code flush}, as background writing and evictions do), or a checker ({@code verify}, printing every visible
 * row and every problem HeapCheck finds). Acknowledgements go to stdout only
 * after commit returned, so the parent knows which commits were promised.
 *
 * <p>Arguments: role, data directory, segment file, slot, then role arguments.
 */
public final class StorageWorker {

    static final RelFileLocator TABLE = RelFileLocator.of(5, 16384);
    /** 1 MB of shared buffers (128 pages) and 1 MB WAL segments: small enough to evict and switch segments. */
    /** The cluster has data checksums (initdb -k: its bootstrap reads data_checksums): CrashRecoveryTest rots pages. */
    static final Map<String, String> SETTINGS = Map.of("shared_buffers", "1MB", "wal_segment_size", "1MB",
            "wal_buffers", "256kB", "deadlock_timeout", "200ms", "data_checksums", "on");

    private final ShmemAttachment attachment;

    private StorageWorker(ShmemAttachment attachment) {
        this.attachment = attachment;
    }

    public static void main(String[] args) throws Exception {
        StorageWorker worker = new StorageWorker(TestPostmaster.attachChild(args[1], args[2], args[3], SETTINGS));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "recover" -> worker.recover();
            case "work" -> worker.work(Integer.parseInt(args[4]), out);
            case "insert" -> worker.insert(args[4], Integer.parseInt(args[5]), out);
            case "checkpoints" -> worker.checkpoints(Long.parseLong(args[4]));
            case "verify" -> worker.verify(out);
            case "flush" -> worker.flush(out);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    private void recover() throws Exception {
        TestPostmaster.recover(attachment, List.of(new HeapResourceManager(), new Heap2ResourceManager()));
    }

    /** A backend's storage core, as StorageCore attaches it, with the heap and one session. */
    private final class Core {
        final ProcessStorage storage = ProcessStorage.attach(attachment,
                StorageSettings.from(SETTINGS, TestPostmaster.MAX_BACKENDS));
        final HeapAccessMethod heap = new HeapAccessMethod(storage.buffers(), storage.wal(), storage::status);
        final SessionTransaction txn = storage.newSession();
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
            Checkpoint.create(attachment.dataDirectory(), core.storage.wal(), core.storage.buffers(),
                    core.storage.xacts(), false);
            Thread.sleep(intervalMillis);
        } while (intervalMillis > 0);
    }

    /** Writes every dirty buffer, hot ones too, without a checkpoint record (the redo point stays). */
    private void flush(PrintStream out) {
        Core core = new Core();
        out.println("wrote " + core.storage.buffers().flushAll());
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
            for (HeapCheck.Problem problem : HeapCheck.check(core.storage.buffers(), TABLE, core.storage::status)) {
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
