package org.tusk.buffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.SharedWords;
import org.tusk.shmem.ShmemSegment;

/**
 * A backend process of the multi-process tests: attaches to the segment and
 * the data directory the test made and plays one role; exit status 0 is success.
 * Arguments: role, segment file, data directory, slot, role arguments.
 */
public final class BufferChild {

    static final int W_READY = 0;
    static final int W_GO = 1;
    static final RelFileLocator REL = RelFileLocator.of(5, 30000);
    /** Where the counter lives on each page (past the header). */
    static final int COUNTER = 64;

    private BufferChild() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        int slot = Integer.parseInt(args[3]);
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]));
                BufferManager pool = TestPool.attach(segment, Path.of(args[2]), slot, new FakeWal())) {
            SharedWords words = segment.sharedWords();
            words.getAndAdd(W_READY, 1);
            while (words.getVolatile(W_GO) == 0) {
                LockSupport.parkNanos(200_000);
            }
            switch (role) {
                case "increment" -> increment(pool, slot, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                case "extend" -> extend(pool, slot, Integer.parseInt(args[4]));
                case "extendOrAppend" -> extendOrAppend(pool, Integer.parseInt(args[4]));
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        }
        System.exit(0);
    }

    /** Lock a random page, increment its counter, mark it dirty, unlock, release; the first child also checkpoints. */
    private static void increment(BufferManager pool, int slot, int iterations, int pages) {
        SplittableRandom random = new SplittableRandom(slot * 7919L);
        for (int i = 0; i < iterations; i++) {
            Buffer buffer = pool.read(REL, ForkNumber.MAIN, random.nextInt(pages));
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            page.putInt(COUNTER, page.getInt(COUNTER) + 1);
            Page.setLsn(page, Page.lsn(page) + 1);
            buffer.markDirty();
            buffer.unlock();
            buffer.release();
            if (slot == 1 && i % 500 == 499) {
                pool.flushAll();
            } else if (slot == 2 && i % 100 == 99) {
                pool.bgBufferSync(new BgWriterSettings(4, 2.0, 200));
            }
        }
    }

    /** Adds {@code count} pages, each stamped with (slot, sequence number). */
    private static void extend(BufferManager pool, int slot, int count) {
        for (int i = 0; i < count; i++) {
            try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
                Page.init(buffer.page(), 0);
                buffer.page().putInt(COUNTER, slot);
                buffer.page().putInt(COUNTER + 4, i);
                buffer.markDirty();
            }
        }
    }

    /**
     * A heap inserter's page choice: mostly "append to the last page" (read
     * nblocks - 1, initialize it if it is new), every fourth time extend.
     * Each operation adds one to the counter of the page it used, so the
     * counters add up to the number of operations unless an extender wiped a
     * page someone else had already initialized and changed.
     */
    private static void extendOrAppend(BufferManager pool, int count) {
        for (int i = 0; i < count; i++) {
            Buffer buffer;
            if (i % 4 == 0 || pool.nblocks(REL, ForkNumber.MAIN) == 0) {
                buffer = pool.extend(REL, ForkNumber.MAIN);
                if (!Page.isNew(buffer.page())) {
                    throw new IllegalStateException("extend returned a page that is not new");
                }
            } else {
                buffer = pool.read(REL, ForkNumber.MAIN, pool.nblocks(REL, ForkNumber.MAIN) - 1);
                buffer.lock(LWLockMode.EXCLUSIVE);
            }
            try {
                ByteBuffer page = buffer.page();
                if (Page.isNew(page)) {
                    Page.init(page, 0);
                }
                page.putInt(COUNTER, page.getInt(COUNTER) + 1);
                buffer.markDirty();
            } finally {
                buffer.release();
            }
        }
    }
}
