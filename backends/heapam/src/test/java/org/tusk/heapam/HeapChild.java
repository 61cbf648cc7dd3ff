package org.tusk.heapam;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.shmem.ShmemSegment;

/**
 * A backend of {@link MultiProcessHeapTest}: runs transactions that each
 * increment one of its own rows, then one shared counter row (SELECT FOR
 * UPDATE, following the update chain, then UPDATE, as READ COMMITTED does),
 * sometimes insert or delete a row of its own, and commit or abort. Writes
 * what it committed to a file. Arguments: name (for the log), segment, data dir, slot, child
 * number, transactions, output file.
 */
public final class HeapChild {

    static final RelFileLocator REL = RelFileLocator.of(5, 17000);
    static final int COUNTERS = 4;
    static final int OWN_ROWS = 8;

    private HeapChild() {
    }

    static byte[] row(int key, int value) {
        return ByteBuffer.allocate(48).putInt(key).putInt(value).array();
    }

    static int key(byte[] row) {
        return ByteBuffer.wrap(row).getInt(0);
    }

    static int value(byte[] row) {
        return ByteBuffer.wrap(row).getInt(4);
    }

    static int ownKey(int child, int i) {
        return 100 * (child + 1) + i;
    }

    public static void main(String[] args) throws Exception {
        int exit = 0;
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]))) {
            HeapCluster.Backend backend = new HeapCluster.Backend(segment, Path.of(args[2]), Integer.parseInt(args[3]));
            run(backend, Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
        } catch (Throwable t) {
            t.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static void run(HeapCluster.Backend b, int child, int transactions, Path out) throws Exception {
        Map<Integer, TupleId> tids = new HashMap<>();
        Map<Integer, Integer> values = new HashMap<>();
        b.begin();
        TransactionContext ctx = b.context();
        try (TableScan scan = b.heap.beginScan(REL, b.tm.statementSnapshot(), ctx)) {
            while (scan.next()) {
                tids.put(key(scan.data()), scan.tupleId());
                values.put(key(scan.data()), value(scan.data()));
            }
        }
        b.tm.commit();
        int[] increments = new int[COUNTERS];
        Random random = new Random(child * 7919L);
        int nextInsert = 0;
        for (int n = 0; n < transactions; n++) {
            b.begin();
            ctx = b.context();
            Map<Integer, TupleId> newTids = new HashMap<>();
            Map<Integer, Integer> newValues = new HashMap<>();
            int own = ownKey(child, random.nextInt(OWN_ROWS));
            ModifyResult r = b.heap.update(REL, tids.get(own), row(own, values.get(own) + 1), ctx,
                    b.tm.statementSnapshot(), true);
            if (r.status() != ModifyResult.Status.OK) {
                dump(b, tids.get(own), own);
                dump(b, r.newTupleId(), own);
            }
            check(r.status() == ModifyResult.Status.OK, "own row update " + r);
            newTids.put(own, r.newTupleId());
            newValues.put(own, values.get(own) + 1);
            b.tm.commandCounterIncrement();

            int counter = random.nextInt(COUNTERS);
            TupleId tid = tids.get(counter);
            while (true) {                                   // SELECT ... FOR UPDATE, READ COMMITTED style
                r = b.heap.lockTuple(REL, tid, RowLockMode.UPDATE, ctx, b.tm.statementSnapshot(), true);
                if (r.status() == ModifyResult.Status.UPDATED) {
                    tid = r.newTupleId();
                    continue;
                }
                check(r.status() == ModifyResult.Status.OK, "counter lock " + r);
                break;
            }
            b.tm.commandCounterIncrement();
            Snapshot snapshot = b.tm.statementSnapshot();
            byte[] current = b.heap.fetch(REL, tid, snapshot, ctx);
            check(current != null && key(current) == counter, "locked counter visible");
            r = b.heap.update(REL, tid, row(counter, value(current) + 1), ctx, snapshot, true);
            check(r.status() == ModifyResult.Status.OK, "counter update " + r);
            newTids.put(counter, r.newTupleId());
            b.tm.commandCounterIncrement();

            int action = random.nextInt(4);
            int inserted = -1;
            int deleted = -1;
            if (action == 0) {
                inserted = 10_000 * (child + 1) + nextInsert++;
                newTids.put(inserted, b.heap.insert(REL, row(inserted, 1), ctx));
                newValues.put(inserted, 1);
            } else if (action == 1) {
                deleted = values.keySet().stream().filter(k -> k / 10_000 == child + 1).findFirst().orElse(-1);
                if (deleted >= 0) {
                    r = b.heap.delete(REL, tids.get(deleted), ctx, b.tm.statementSnapshot(), true);
                    if (r.status() != ModifyResult.Status.OK) {
                        dump(b, tids.get(deleted), deleted);
                    }
                    check(r.status() == ModifyResult.Status.OK, "delete " + r);
                }
            }
            if (random.nextInt(10) == 0) {
                b.tm.abort();
                if (inserted >= 0) {
                    nextInsert--;                            // its key may be used again
                }
                tids.put(counter, tid);                      // the version we locked is still the latest
                continue;
            }
            b.tm.commit();
            increments[counter]++;
            tids.put(counter, newTids.get(counter));
            tids.put(own, newTids.get(own));
            values.putAll(newValues);
            if (inserted >= 0) {
                tids.put(inserted, newTids.get(inserted));
            }
            if (deleted >= 0) {
                tids.remove(deleted);
                values.remove(deleted);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int c = 0; c < COUNTERS; c++) {
                w.println("counter " + c + " " + increments[c]);
            }
            for (Map.Entry<Integer, Integer> e : values.entrySet()) {
                int k = e.getKey();
                if (k / 100 == child + 1 || k / 10_000 == child + 1) {
                    w.println("row " + e.getKey() + " " + e.getValue());
                }
            }
        }
    }

    private static void dump(HeapCluster.Backend b, TupleId tid, int key) {
        try (org.tusk.buffer.Buffer buf = b.buffers.read(REL, org.tusk.api.storage.ForkNumber.MAIN, tid.block())) {
            buf.lock(org.tusk.shmem.LWLockMode.SHARED);
            java.nio.ByteBuffer t = org.tusk.buffer.Page.item(buf.page(), tid.offset());
            System.out.println("key " + key + " at " + tid + ": xmin " + t.getInt(0) + " xmax " + t.getInt(4) + " ctid "
                    + org.tusk.heapam.internal.HeapTupleHeader.ctidBlock(t) + "," + org.tusk.heapam.internal.HeapTupleHeader.ctidOffset(t)
                    + " mask " + Integer.toHexString(t.getShort(20) & 0xffff) + " datakey " + t.getInt(24) + " me " + b.tm.currentXid());
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("failed: " + what);
        }
    }
}
