package org.tusk.buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.ShmemSegment;

/**
 * Not a test: measures pin + unpin of resident pages (read of a page that is
 * in the pool, then release) per second with 1, 2 and 4 threads, each thread
 * attached as its own "process" (own slot, own private refcounts) to one pool.
 * Run: {@code java -cp <test classpath> org.tusk.buffer.BufferBench [seconds]}.
 */
public final class BufferBench {

    private static final RelFileLocator REL = RelFileLocator.of(5, 40000);
    private static final int PAGES = 64;

    private BufferBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Path dir = Files.createTempDirectory("bufbench");
        try (ShmemSegment segment = TestPool.create(dir, "shm", 1024)) {
            Path data = dir.resolve("data");
            try (BufferManager setup = TestPool.attach(segment, data, 0, new FakeWal())) {
                for (int i = 0; i < PAGES; i++) {
                    try (Buffer buffer = setup.extend(REL, ForkNumber.MAIN)) {
                        Page.init(buffer.page(), 0);
                        buffer.markDirty();
                    }
                }
            }
            for (int threads : new int[] {1, 2, 4}) {
                run(segment, data, threads, 0.5);   // warm-up
                double rate = run(segment, data, threads, seconds);
                System.out.printf("%d thread(s): %,.0f pin+unpin/s (%,.0f per thread)%n", threads, rate, rate / threads);
            }
        }
    }

    private static double run(ShmemSegment segment, Path data, int threads, double seconds) throws Exception {
        LongAdder ops = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = 1 + t;
            Thread worker = new Thread(() -> {
                try (BufferManager pool = TestPool.attach(segment, data, slot, new FakeWal())) {
                    start.await();
                    long local = 0;
                    int block = slot * 13;
                    while (!stop.get()) {
                        for (int i = 0; i < 1000; i++) {
                            block = (block + 1) % PAGES;
                            pool.read(REL, ForkNumber.MAIN, block).release();
                        }
                        local += 1000;
                    }
                    ops.add(local);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.await();
        long began = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        return ops.sum() / elapsed;
    }
}
