package org.tusk.nbtree;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.buffer.BufferManager;
import org.tusk.nbtree.internal.BTMetaPage;
import org.tusk.nbtree.internal.BTPageOpaque;
import org.tusk.nbtree.internal.BTStack;
import org.tusk.nbtree.internal.BTree;
import org.tusk.nbtree.internal.ScanKey;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.RecordingWal;

/** What a descent hands back: the leaf, and the ancestors' stack only to those who use it. */
class BTreeDescentTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager buffers;
    private RecordingWal wal;

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

    @Test
    void readDescentsToALeafKeepNoStackWriteDescentsKeepOnePerLevelAbove() {
        IndexDescriptor index = Keys.index(true);
        BTreeAccessMethod am = new BTreeAccessMethod(buffers, wal);
        int n = 200_000;
        am.build(index, sink -> {
            for (int k = 0; k < n; k++) {
                sink.accept(Keys.key(k), BTreeAccessMethodTest.tid(k));
            }
        });
        BTree tree = new BTree(buffers, wal, index);
        int levels = tree.meta().level();
        assertTrue(levels >= 2, "a tree of " + levels + " levels above the leaves");
        for (int k = 0; k < n; k += 9_999) {
            ScanKey key = ScanKey.before(Keys.key(k), index.comparator());
            BTree.Found read = tree.search(key, false);
            try (var leaf = read.buffer()) {
                assertTrue(BTPageOpaque.read(leaf.page()).isLeaf());
                assertNull(read.stack(), "a read descent to a leaf");
            }
            BTree.Found write = tree.search(key, true);
            try (var leaf = write.buffer()) {
                int depth = 0;
                for (BTStack s = write.stack(); s != null; s = s.parent()) {
                    assertNotEquals(BTMetaPage.BTREE_METAPAGE, s.block());
                    depth++;
                }
                assertEquals(levels, depth, "one stack entry per internal level of a write descent");
            }
        }
    }
}
