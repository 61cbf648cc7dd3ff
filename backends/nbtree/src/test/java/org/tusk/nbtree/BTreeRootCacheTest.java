package org.tusk.nbtree;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.ScanBounds;
import org.tusk.buffer.BufferManager;
import org.tusk.nbtree.internal.BTMetaPage;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.RecordingWal;

/**
 * A process remembers each index's root (rd_amcache) instead of reading the
 * metapage at every descent, and notices when another process has put a new
 * root above the one it remembers.
 */
class BTreeRootCacheTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager buffers;
    private RecordingWal wal;
    private final AtomicInteger metapageReads = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        segment = BTreeAccessMethodTest.createSegment(dir, "shm", 1024);
        wal = new RecordingWal();
        buffers = BTreeAccessMethodTest.attach(segment, dir.resolve("data"), wal);
    }

    @AfterEach
    void tearDown() {
        buffers.close();
        segment.close();
    }

    /** The pool, counting reads of block 0 (the metapage) of the test index. */
    private BufferManager countingMetapageReads() {
        return (BufferManager) Proxy.newProxyInstance(BufferManager.class.getClassLoader(),
                new Class<?>[] {BufferManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("read") && args[0].equals(Keys.INDEX)
                            && (int) args[2] == BTMetaPage.BTREE_METAPAGE) {
                        metapageReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(buffers, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void descentsAfterTheFirstSkipTheMetapage() {
        BTreeAccessMethod am = new BTreeAccessMethod(countingMetapageReads(), wal);
        IndexDescriptor index = Keys.index(true);
        am.build(index, sink -> { });
        for (int key = 0; key < 5000; key++) {            // several levels
            am.insert(index, Keys.key(key), BTreeAccessMethodTest.tid(key), null, null);
        }
        metapageReads.set(0);
        for (int key = 0; key < 5000; key += 7) {
            assertEquals(List.of(key + "@" + BTreeAccessMethodTest.tid(key)),
                    BTreeAccessMethodTest.scan(am, index, ScanBounds.equal(Keys.key(key))));
        }
        assertTrue(metapageReads.get() <= 1, metapageReads.get() + " metapage reads for 715 descents");
    }

    @Test
    void aRootSplitByAnotherProcessIsNoticed() {
        IndexDescriptor index = Keys.index(true);
        BTreeAccessMethod other = new BTreeAccessMethod(buffers, wal);
        other.build(index, sink -> { });
        BTreeAccessMethod reader = new BTreeAccessMethod(countingMetapageReads(), wal);
        List<String> expected = new ArrayList<>();
        for (int key = 0; key < 5000; key++) {
            other.insert(index, Keys.key(key), BTreeAccessMethodTest.tid(key), null, null);
            expected.add(key + "@" + BTreeAccessMethodTest.tid(key));
            if (key % 250 == 0) {
                // The reader remembers the root of the moment; the other process's inserts then split it.
                assertEquals(expected, BTreeAccessMethodTest.scan(reader, index, ScanBounds.all()));
                assertEquals(List.of(expected.get(key / 2)),
                        BTreeAccessMethodTest.scan(reader, index, ScanBounds.equal(Keys.key(key / 2))));
            }
        }
        int rootChanges = metapageReads.get();
        assertTrue(rootChanges >= 2 && rootChanges < 20, rootChanges + " metapage reads for 40 descents");
        // Its inserts, too, start from the new root and land where everybody finds them.
        for (int key = 5000; key < 5200; key++) {
            reader.insert(index, Keys.key(key), BTreeAccessMethodTest.tid(key), null, null);
            expected.add(key + "@" + BTreeAccessMethodTest.tid(key));
        }
        assertEquals(expected, BTreeAccessMethodTest.scan(other, index, ScanBounds.all()));
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
    }
}
