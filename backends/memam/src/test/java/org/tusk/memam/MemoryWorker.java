package org.tusk.memam;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.heapam.Heap2ResourceManager;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.heapam.HeapResourceManager;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.storage.ProcessStorage;
import org.tusk.storage.SessionTransaction;
import org.tusk.storage.StorageSettings;
import org.tusk.storage.TestPostmaster;
import org.tusk.xact.TransactionManager;

/**
 * A child JVM playing one process of a cluster whose postmaster is the test
 * (as tusk-storage's StorageWorker): the startup process ({@code recover}),
 * a backend creating the tables ({@code setup}), a backend running
 * transactions ({@code work}), or a checker printing every visible row of both
 * tables ({@code verify}). Acknowledgements go to stdout only after commit
 * returned.
 *
 * <p>Arguments: role, data directory, segment file, slot, then role arguments.
 */
public final class MemoryWorker {

    static final RelFileLocator MEMORY_TABLE = RelFileLocator.of(5, 16400);
    static final RelFileLocator HEAP_TABLE = RelFileLocator.of(5, 16384);
    static final int COUNTERS = 2;
    static final Map<String, String> SETTINGS = Map.of("shared_buffers", "1MB", "wal_segment_size", "1MB",
            "wal_buffers", "256kB", "deadlock_timeout", "200ms", "memory_table_size", "2MB", "fsync", "off");

    private final ShmemAttachment attachment;

    private MemoryWorker(ShmemAttachment attachment) {
        this.attachment = attachment;
    }

    public static void main(String[] args) throws Exception {
        MemoryWorker worker = new MemoryWorker(TestPostmaster.attachChild(args[1], args[2], args[3], SETTINGS));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "recover" -> TestPostmaster.recover(worker.attachment,
                    List.of(new HeapResourceManager(), new Heap2ResourceManager()));
            case "setup" -> worker.setup(out);
            case "work" -> worker.work(Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Boolean.parseBoolean(args[6]), Boolean.parseBoolean(args[7]), out);
            case "verify" -> worker.verify(out);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    /** A backend's storage core as StorageCore attaches it, plus both access methods. */
    private final class Core {
        final ProcessStorage storage = ProcessStorage.attach(attachment,
                StorageSettings.from(SETTINGS, TestPostmaster.MAX_BACKENDS));
        final SessionTransaction txn = storage.newSession();
        final TransactionManager tm = txn.transactions();
        final TableAccessMethod heap = new HeapAccessMethod(storage.buffers(), storage.wal(), txn::status);
        final TableAccessMethod memory = new MemoryAccessMethod(
                attachment.segment().area(MemoryAccessMethod.AREA_NAME), attachment.slot(), txn::status);
    }

    /** Creates both tables and the shared counter rows of the memory table. */
    private void setup(PrintStream out) {
        Core core = new Core();
        core.heap.createStorage(HEAP_TABLE);
        core.memory.createStorage(MEMORY_TABLE);
        core.tm.begin();
        for (int c = 0; c < COUNTERS; c++) {
            core.memory.insert(MEMORY_TABLE, bytes("c:" + c + ":0"), core.txn);
        }
        core.tm.commit();
        out.println("setup done");
    }

    /**
     * Worker {@code id}, StorageWorker's workload on the memory table (and
     * with {@code alsoHeap} the same rows in the heap table, in the same
     * transactions): its balance row first, then per step k an insert of a pair
     * of rows and the balance set to k, plus an increment of a shared counter
     * row taken FOR UPDATE (following the update chain, READ COMMITTED style);
     * every tenth step aborts. Prints "ack id k counter" after each commit, then
     * "done"; with {@code linger} it then waits to be killed.
     */
    private void work(int id, int steps, boolean alsoHeap, boolean linger, PrintStream out) throws Exception {
        Core core = new Core();
        Map<Integer, TupleId> counters = new HashMap<>();
        core.tm.begin();
        try (TableScan scan = core.memory.beginScan(MEMORY_TABLE, core.tm.statementSnapshot(), core.txn)) {
            while (scan.next()) {
                String[] f = text(scan.data()).split(":");
                if (f[0].equals("c")) {
                    counters.put(Integer.parseInt(f[1]), scan.tupleId());
                }
            }
        }
        TupleId balance = core.memory.insert(MEMORY_TABLE, bytes("b:" + id + ":0"), core.txn);
        TupleId heapBalance = alsoHeap ? core.heap.insert(HEAP_TABLE, bytes("b:" + id + ":0"), core.txn) : null;
        core.tm.commit();
        out.println("ack " + id + " 0 -1");
        Random random = new Random(id);
        for (int k = 1; k <= steps; k++) {
            core.tm.begin();
            core.memory.insert(MEMORY_TABLE, bytes("p:" + id + ":" + k + ":a"), core.txn);
            core.memory.insert(MEMORY_TABLE, bytes("p:" + id + ":" + k + ":b"), core.txn);
            if (alsoHeap) {
                core.heap.insert(HEAP_TABLE, bytes("p:" + id + ":" + k + ":a"), core.txn);
                core.heap.insert(HEAP_TABLE, bytes("p:" + id + ":" + k + ":b"), core.txn);
            }
            core.tm.commandCounterIncrement();
            Snapshot snapshot = core.tm.statementSnapshot();
            ModifyResult result = core.memory.update(MEMORY_TABLE, balance, bytes("b:" + id + ":" + k), core.txn,
                    snapshot, true);
            check(result.status() == ModifyResult.Status.OK, "update of own balance row: " + result);
            ModifyResult heapResult = null;
            if (alsoHeap) {
                heapResult = core.heap.update(HEAP_TABLE, heapBalance, bytes("b:" + id + ":" + k), core.txn, snapshot,
                        true);
                check(heapResult.status() == ModifyResult.Status.OK, "update of own heap balance row: " + heapResult);
            }
            int counter = random.nextInt(COUNTERS);
            TupleId tid = counters.get(counter);
            while (true) {
                ModifyResult locked = core.memory.lockTuple(MEMORY_TABLE, tid, RowLockMode.UPDATE, core.txn,
                        core.tm.statementSnapshot(), true);
                if (locked.status() == ModifyResult.Status.UPDATED) {
                    tid = locked.newTupleId();
                    continue;
                }
                check(locked.status() == ModifyResult.Status.OK, "counter lock " + locked);
                break;
            }
            core.tm.commandCounterIncrement();
            snapshot = core.tm.statementSnapshot();
            byte[] current = core.memory.fetch(MEMORY_TABLE, tid, snapshot, core.txn);
            check(current != null, "the locked counter is visible");
            String[] f = text(current).split(":");
            ModifyResult incremented = core.memory.update(MEMORY_TABLE, tid,
                    bytes("c:" + counter + ":" + (Integer.parseInt(f[2]) + 1)), core.txn, snapshot, true);
            check(incremented.status() == ModifyResult.Status.OK, "counter update " + incremented);
            if (k % 10 == 0) {
                core.tm.abort();
                counters.put(counter, tid);     // the version we locked is still the latest
            } else {
                core.tm.commit();
                balance = result.newTupleId();
                heapBalance = alsoHeap ? heapResult.newTupleId() : null;
                counters.put(counter, incremented.newTupleId());
                out.println("ack " + id + " " + k + " " + counter);
            }
        }
        out.println("done");
        while (linger) {
            Thread.sleep(1000);
        }
    }

    /** Prints "memory ROW" / "heap ROW" for every visible row, then inserts into the memory table and reads it back. */
    private void verify(PrintStream out) {
        Core core = new Core();
        core.tm.begin();
        for (String[] table : List.of(new String[] {"memory"}, new String[] {"heap"})) {
            TableAccessMethod am = table[0].equals("memory") ? core.memory : core.heap;
            RelFileLocator rel = table[0].equals("memory") ? MEMORY_TABLE : HEAP_TABLE;
            try (TableScan scan = am.beginScan(rel, core.tm.statementSnapshot(), core.txn)) {
                while (scan.next()) {
                    out.println(table[0] + " " + text(scan.data()));
                }
            }
        }
        core.tm.commit();
        out.println("verified");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("failed: " + what);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
