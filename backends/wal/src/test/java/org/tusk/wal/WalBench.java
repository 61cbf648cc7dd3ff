package org.tusk.wal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;

/**
 * Not a test: prints WAL insert and commit throughput. Each thread plays one
 * backend (its own ProcSlot and writer), as threads of one process sharing a
 * slot would be serialized. Run:
 * {@code java -cp <test class path> org.tusk.wal.WalBench [seconds]}.
 */
public final class WalBench {

    private WalBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Path dir = Files.createTempDirectory("walbench");
        WalSettings settings = WalSettings.defaults();
        Path data = dir.resolve("data");
        try (ShmemSegment segment = WalTestSupport.createCluster(dir, data, settings, 16)) {
            byte[] payload = new byte[100];
            WalRecord record = WalRecord.builder(WalTestSupport.TEST_RMGR, 0).xid(1000).data(payload).build();
            for (int threads : new int[] {1, 2, 4, 8}) {
                double rate = run(segment, data, settings, threads, seconds, wal -> wal.insert(record));
                System.out.printf("insert (100-byte records), %d threads: %,.0f inserts/s%n", threads, rate);
            }
            WalWriter janitor = Wal.attach(segment, data, settings, slot(segment, 15));
            janitor.flush(janitor.insertPosition());
            WalStats before = janitor.stats();
            for (int threads : new int[] {1, 2, 4, 8}) {
                WalStats start = janitor.stats();
                double rate = run(segment, data, settings, threads, seconds, wal -> wal.flush(wal.insert(record)));
                WalStats end = janitor.stats();
                System.out.printf("commit (insert + flush, fdatasync), %d threads: %,.0f commits/s, %.2f commits per sync%n",
                        threads, rate, rate * seconds / Math.max(1, end.syncs() - start.syncs()));
            }
            System.out.println("stats: " + janitor.stats() + " (before commits: " + before + ")");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    interface Action {
        void run(WalWriter wal);
    }

    private static ProcSlot slot(ShmemSegment segment, int index) throws Exception {
        ProcSlot slot = segment.slot(index);
        if (!slot.ownsLatch()) {
            slot.ownLatch();
        }
        return slot;
    }

    private static double run(ShmemSegment segment, Path data, WalSettings settings, int threads, double seconds,
            Action action) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            WalWriter wal = Wal.attach(segment, data, settings, slot(segment, t));
            Thread worker = new Thread(() -> {
                ready.countDown();
                while (!stop.get()) {
                    action.run(wal);
                    done.increment();
                }
            });
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long begin = System.nanoTime();
        // Keep the disk use bounded: drop segments the WAL has been written past.
        WalWriter janitor = Wal.attach(segment, data, settings, slot(segment, 14));
        long deadline = begin + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            janitor.removeOldSegments(janitor.flushedUpTo() - settings.segmentSize());
        }
        stop.set(true);
        long count = done.sum();
        double elapsed = (System.nanoTime() - begin) / 1e9;
        for (Thread worker : workers) {
            worker.join();
        }
        janitor.flush(janitor.insertPosition());
        janitor.removeOldSegments(janitor.flushedUpTo());
        return count / elapsed;
    }
}
