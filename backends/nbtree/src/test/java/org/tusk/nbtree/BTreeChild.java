package org.tusk.nbtree;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.TupleId;
import org.tusk.shmem.ShmemSegment;

/**
 * A backend of the multi-process tests. Arguments: name (for the log),
 * segment, data dir, slot, mode, child number, count, output file. Modes:
 * {@code insert} inserts the child's entries (see {@link #entry}) and exits;
 * {@code ack} does the same but flushes the WAL after each insertion and then
 * appends the entry to the output file (until killed); {@code scan} scans
 * ranges until the output file exists, checking that every scan is in strict
 * (key, TID) order and that full scans never shrink.
 */
public final class BTreeChild {

    static final IndexDescriptor INDEX = Keys.index(false);
    static final int SHARED_KEYS = 300;

    private BTreeChild() {
    }

    /** The child's j-th entry: even j a key of its own, odd j one of SHARED_KEYS keys every child uses. */
    static int key(int child, int j) {
        return j % 2 == 0 ? 1_000_000 * (child + 1) + j : (j * 7) % SHARED_KEYS;
    }

    static TupleId tid(int child, int j) {
        return new TupleId((child + 1) * 100_000 + j / 100, j % 100 + 1);
    }

    public static void main(String[] args) throws Exception {
        int exit = 0;
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]));
                BTreeCluster.Backend backend = new BTreeCluster.Backend(segment, Path.of(args[2]),
                        Integer.parseInt(args[3]))) {
            int child = Integer.parseInt(args[5]);
            int count = Integer.parseInt(args[6]);
            Path out = Path.of(args[7]);
            switch (args[4]) {
                case "insert" -> {
                    for (int j = 0; j < count; j++) {
                        backend.btree.insert(INDEX, Keys.key(key(child, j)), tid(child, j), null, null);
                    }
                }
                case "ack" -> {
                    try (BufferedWriter w = Files.newBufferedWriter(out)) {
                        for (int j = 0; j < count; j++) {
                            backend.btree.insert(INDEX, Keys.key(key(child, j)), tid(child, j), null, null);
                            backend.wal.flush(backend.wal.insertPosition());
                            w.write(j + "\n");
                            w.flush();
                        }
                    }
                }
                case "scan" -> scan(backend, out);
                default -> throw new IllegalArgumentException(args[4]);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static void scan(BTreeCluster.Backend backend, Path stop) throws Exception {
        Random random = new Random(1);
        long lastFull = 0;
        int scans = 0;
        while (!Files.exists(stop)) {
            boolean full = scans % 4 == 0;
            int low = random.nextInt(SHARED_KEYS);
            ScanBounds bounds = full ? ScanBounds.all()
                    : ScanBounds.range(Keys.key(low), random.nextBoolean(), Keys.key(low + 50), random.nextBoolean());
            long n = 0;
            int lastKey = Integer.MIN_VALUE;
            TupleId lastTid = null;
            try (IndexScan scan = backend.btree.beginScan(INDEX, bounds, null, null)) {
                while (scan.next()) {
                    int key = Keys.value(scan.key());
                    TupleId tid = scan.heapTid();
                    if (lastTid != null && (key < lastKey || key == lastKey && tid.compareTo(lastTid) <= 0)) {
                        throw new IllegalStateException("scan out of order or duplicate: " + key + "@" + tid
                                + " after " + lastKey + "@" + lastTid);
                    }
                    if (!full && (key < low || key > low + 50)) {
                        throw new IllegalStateException("key " + key + " outside " + low + ".." + (low + 50));
                    }
                    lastKey = key;
                    lastTid = tid;
                    n++;
                }
            }
            if (full) {
                if (n < lastFull) {
                    throw new IllegalStateException("a full scan saw " + n + " entries after one saw " + lastFull);
                }
                lastFull = n;
            }
            scans++;
        }
        System.out.println("scans " + scans + ", last full scan " + lastFull);
        if (scans < 3) {
            throw new IllegalStateException("only " + scans + " scans");
        }
    }
}
