package org.tusk.shmem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process's list of held LWLocks keeps each lock paired with its mode, whatever the release order. */
class HeldLWLocksTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;

    @BeforeEach
    void create() throws IOException {
        segment = ShmemSegment.create(dir.resolve("shmem"), 2, dir.resolve("latches"));
    }

    @AfterEach
    void close() {
        segment.close();
    }

    @Test
    void releasesOutOfOrderKeepModesPaired() {
        HeldLWLocks held = new HeldLWLocks();
        LWLock a = segment.lwlock(1);
        LWLock b = segment.lwlock(2);
        LWLock c = segment.lwlock(3);
        held.add(a, LWLockMode.SHARED);
        held.add(b, LWLockMode.EXCLUSIVE);
        held.add(c, LWLockMode.SHARED);
        assertEquals(LWLockMode.EXCLUSIVE, held.remove(b));
        assertFalse(held.contains(b));
        assertNull(held.remove(b), "not held any more");
        assertSame(c, held.newest());
        assertEquals(LWLockMode.SHARED, held.remove(c));
        assertSame(a, held.newest());
        assertEquals(LWLockMode.SHARED, held.remove(a));
        assertTrue(held.isEmpty());
    }

    @Test
    void theNewestHoldOfALockIsReleasedFirstAndTheListGrows() {
        HeldLWLocks held = new HeldLWLocks();
        LWLock a = segment.lwlock(1);
        LWLock b = segment.lwlock(2);
        for (int i = 0; i < 500; i++) {
            held.add(i % 2 == 0 ? a : b, i % 3 == 0 ? LWLockMode.EXCLUSIVE : LWLockMode.SHARED);
        }
        for (int i = 499; i >= 0; i--) {
            LWLock lock = i % 2 == 0 ? a : b;
            assertSame(lock, held.newest());
            assertEquals(i % 3 == 0 ? LWLockMode.EXCLUSIVE : LWLockMode.SHARED, held.remove(lock), "hold " + i);
        }
        assertTrue(held.isEmpty());
        held.add(a, LWLockMode.SHARED);
        held.clear();
        assertTrue(held.isEmpty());
        assertFalse(held.contains(a));
    }
}
