package org.tusk.storage;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.Page;
import org.tusk.heapam.Heap2ResourceManager;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.heapam.HeapCheck;
import org.tusk.heapam.HeapResourceManager;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemAttachment;

/**
 * Children of {@link AutovacuumTest}: {@code churn} (a backend that inserts
 * rows and deletes them again, committed, with the shared statistics as its
 * counters), {@code autovacuum} (the launcher's loop: an {@link Autovacuum}
 * round every naptime, forever), {@code inspect} (prints the heap's line
 * pointer states, its size and HeapCheck's findings).
 */
public final class AutovacuumWorker {

    static final Map<String, String> SETTINGS;
    static {
        Map<String, String> s = new HashMap<>(StorageWorker.SETTINGS);
        s.put("autovacuum_naptime", "100ms");
        // any dead tuple triggers a round: a round that ran while a backend's deletes were still in
        // progress leaves a few recently-dead versions, and with PostgreSQL's default threshold (50) a
        // remainder below it would (rightly) never trigger another, so the test could not wait for zero;
        // the threshold rule itself is covered by RelationStatsTest
        s.put("autovacuum_vacuum_threshold", "0");
        s.put("autovacuum_vacuum_scale_factor", "0");
        SETTINGS = Map.copyOf(s);
    }

    private final ShmemAttachment attachment;
    private final ProcessStorage storage;
    private final HeapAccessMethod heap;
    private final RelationStats stats;

    private AutovacuumWorker(ShmemAttachment attachment) {
        this.attachment = attachment;
        this.storage = ProcessStorage.attach(attachment, StorageSettings.from(SETTINGS, TestPostmaster.MAX_BACKENDS));
        this.heap = new HeapAccessMethod(storage.buffers(), storage.wal(), storage::status);
        this.stats = new RelationStats(attachment.segment());
        heap.setStatistics(stats);
    }

    public static void main(String[] args) throws Exception {
        ShmemAttachment attachment = TestPostmaster.attachChild(args[1], args[2], args[3], SETTINGS);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args[0].equals("recover")) {
            TestPostmaster.recover(attachment, List.of(new HeapResourceManager(), new Heap2ResourceManager()));
            System.exit(0);
        }
        AutovacuumWorker worker = new AutovacuumWorker(attachment);
        switch (args[0]) {
            case "create" -> worker.heap.createStorage(StorageWorker.TABLE);
            case "churn" -> worker.churn(args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]), out);
            case "autovacuum" -> worker.autovacuum();
            case "inspect" -> worker.inspect(out);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    /** {@code rounds} times: insert {@code rows} rows in one transaction, then delete them in another. */
    private void churn(String name, int rounds, int rows, PrintStream out) {
        SessionTransaction txn = storage.newSession();
        for (int r = 0; r < rounds; r++) {
            txn.transactions().begin();
            List<TupleId> ids = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                ids.add(heap.insert(StorageWorker.TABLE, (name + ":" + r + ":" + i + ":" + "x".repeat(200))
                        .getBytes(StandardCharsets.UTF_8), txn));
            }
            txn.transactions().commit();
            txn.transactions().begin();
            for (TupleId id : ids) {
                heap.delete(StorageWorker.TABLE, id, txn, txn.transactions().statementSnapshot(), true);
            }
            txn.transactions().commit();
            awaitAutovacuumRound();
        }
        out.println("churned " + name);
    }

    /**
     * Paces the churn to autovacuum (a real workload is slower than its naptime): waits, at most a few
     * seconds, for a round that started after this backend's deletes, so the next inserts can find the
     * space through the free space map however slowly the autovacuum process started.
     */
    private void awaitAutovacuumRound() {
        long seen = stats.counters(StorageWorker.TABLE).autovacuumCount();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            TableStatistics.Counters now = stats.counters(StorageWorker.TABLE);
            // a second round surely started after the deletes; after one, nothing dead means it covered them
            if (now.autovacuumCount() >= seen + 2 || now.autovacuumCount() > seen && now.deadTuples() <= 0) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void autovacuum() throws Exception {
        Autovacuum.Settings settings = Autovacuum.Settings.from(SETTINGS);
        while (true) {
            Autovacuum.runOnce(stats, name -> HeapAccessMethod.NAME.equals(name) ? heap : null, null,
                    storage.xacts().procArray().oldestXmin(), settings);
            attachment.slot().waitLatch(settings.naptimeMillis());
        }
    }

    private void inspect(PrintStream out) {
        int nblocks = storage.buffers().nblocks(StorageWorker.TABLE, ForkNumber.MAIN);
        int normal = 0;
        int dead = 0;
        for (int b = 0; b < nblocks; b++) {
            try (Buffer buffer = storage.buffers().read(StorageWorker.TABLE, ForkNumber.MAIN, b)) {
                buffer.lock(LWLockMode.SHARED);
                ByteBuffer page = buffer.page();
                for (int off = 1; !Page.isNew(page) && off <= Page.maxOffsetNumber(page); off++) {
                    int flags = Page.itemIdFlags(Page.itemId(page, off));
                    if (flags == Page.LP_NORMAL) {
                        normal++;
                    } else if (flags == Page.LP_DEAD) {
                        dead++;
                    }
                }
            }
        }
        out.println("blocks " + nblocks);
        out.println("normal " + normal);
        out.println("dead " + dead);
        for (HeapCheck.Problem problem : HeapCheck.check(storage.buffers(), StorageWorker.TABLE, storage::status)) {
            out.println("problem " + problem);
        }
        out.println("inspected");
    }
}
