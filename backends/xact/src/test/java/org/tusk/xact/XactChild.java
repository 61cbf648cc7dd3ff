package org.tusk.xact;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.tusk.shmem.ShmemSegment;
import org.tusk.shmem.SharedWords;

/**
 * A backend process of the multi-process tests: attaches to the test's
 * segment and data directory with its own slot and plays one role. Results
 * travel through shared words, files and the exit status.
 * Arguments: role, segment file, data directory, slot, role arguments.
 */
public final class XactChild {

    static final int W_GO = 0;
    static final int W_READY = 1;
    static final int W_XID0 = 2;
    static final int W_XID1 = 3;
    static final int W_PHASE = 4;
    /** The latest (top, sub) pair of the atomicity writer: top in the high half. */
    static final int W_PAIR = 5;
    static final int W_STOP = 6;
    static final int W_COMMITS = 7;

    private XactChild() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        int exit = 0;
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]))) {
            int slot = Integer.parseInt(args[3]);
            segment.slot(slot).setPid((int) ProcessHandle.current().pid());
            segment.slot(slot).ownLatch();
            // attached with its WAL, as a backend is: its commits write no WAL of their own, so they are
            // asynchronous, and a commit-log page holding them is written only after that WAL is flushed
            FakeWal wal = new FakeWal();
            TransactionSystem system = TransactionSystem.attach(segment, Path.of(args[2]), segment.slot(slot), wal);
            TransactionManager tm = system.newTransactionManager(wal);
            SharedWords words = segment.sharedWords();
            switch (role) {
                case "holder" -> holder(tm, words);
                case "committer" -> committer(tm, words, Integer.parseInt(args[4]), Path.of(args[5]), slot);
                case "atomic-writer" -> atomicWriter(tm, words);
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static void await(SharedWords words, int word, long value) {
        while (words.getVolatile(word) != value) {
            LockSupport.parkNanos(200_000);
        }
    }

    /** Commits one transaction, then keeps a second one running until the test says go. */
    private static void holder(TransactionManager tm, SharedWords words) {
        tm.begin();
        int first = tm.currentXid();
        tm.commit();
        words.setVolatile(W_XID0, first);
        tm.begin();
        words.setVolatile(W_XID1, tm.currentXid());
        words.setVolatile(W_PHASE, 1);
        await(words, W_GO, 1);
        tm.commit();
        words.setVolatile(W_PHASE, 2);
    }

    /**
     * Many short transactions, a third aborted, some with a subtransaction
     * (released or rolled back); every xid and its expected outcome go to a file.
     */
    private static void committer(TransactionManager tm, SharedWords words, int iterations, Path out, int slot)
            throws Exception {
        List<String> lines = new ArrayList<>();
        words.getAndAdd(W_READY, 1);
        await(words, W_GO, 1);
        for (int i = 0; i < iterations; i++) {
            tm.begin();
            int top = tm.currentXid();
            boolean abort = (i + slot) % 3 == 0;
            int sub = 0;
            boolean subRolledBack = false;
            if (i % 4 == 1) {
                tm.beginSubtransaction();
                sub = tm.currentXid();
                subRolledBack = i % 8 == 1;
                if (subRolledBack) {
                    tm.rollbackSubtransaction();
                } else {
                    tm.releaseSubtransaction();
                }
            }
            if (abort) {
                tm.abort();
            } else {
                tm.commit();
            }
            lines.add(top + " " + (abort ? 'A' : 'C'));
            if (sub != 0) {
                lines.add(sub + " " + (abort || subRolledBack ? 'A' : 'C'));
            }
        }
        Files.createDirectories(out.getParent());
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            lines.forEach(writer::println);
        }
    }

    /**
     * Commits transactions with subtransactions until told to stop, publishing
     * each (top, last subxid) pair just before its commit. Every eighth one has
     * more subxids than the ProcArray caches.
     */
    private static void atomicWriter(TransactionManager tm, SharedWords words) {
        words.getAndAdd(W_READY, 1);
        for (int i = 0; words.getVolatile(W_STOP) == 0; i++) {
            tm.begin();
            int top = tm.currentXid();
            int subs = i % 8 == 0 ? ProcArray.SUBXID_CACHE_SIZE + 4 : 3;
            int last = 0;
            for (int s = 0; s < subs; s++) {
                tm.beginSubtransaction();
                last = tm.currentXid();
            }
            for (int s = 0; s < subs; s++) {
                tm.releaseSubtransaction();
            }
            words.setVolatile(W_PAIR, (long) top << 32 | Integer.toUnsignedLong(last));
            tm.commit();
            words.getAndAdd(W_COMMITS, 1);
        }
    }
}
