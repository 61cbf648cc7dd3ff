package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;

class SmgrTest {

    @TempDir
    Path dir;

    private static ByteBuffer pageWith(int value) {
        ByteBuffer page = Page.allocate();
        page.putInt(100, value);
        return page;
    }

    @Test
    void extendingAnOpenFileMakesNoDirectory() throws Exception {
        RelFileLocator rel = RelFileLocator.of(5, 16390);
        try (Smgr smgr = new Smgr(dir, 4)) {
            smgr.extend(rel, ForkNumber.MAIN, 0, pageWith(1));      // opens the file, making base/5
            Path database = dir.resolve("base/5");
            Files.delete(database.resolve("16390"));
            Files.delete(database);
            // the open file takes the next block; its directory is not looked for (nor made) again
            smgr.extend(rel, ForkNumber.MAIN, 1, pageWith(2));
            assertFalse(Files.exists(database));
            // a segment not yet open is made with its directory
            smgr.extend(rel, ForkNumber.MAIN, 4, pageWith(5));
            assertTrue(Files.exists(database.resolve("16390.1")));
        }
    }

    @Test
    void segmentsExtendReadTruncateUnlink() throws Exception {
        RelFileLocator rel = RelFileLocator.of(5, 16384);
        try (Smgr smgr = new Smgr(dir, 4)) {
            assertFalse(smgr.exists(rel, ForkNumber.MAIN));
            smgr.create(rel, ForkNumber.MAIN);
            assertTrue(smgr.exists(rel, ForkNumber.MAIN));
            assertEquals(0, smgr.nblocks(rel, ForkNumber.MAIN));
            for (int b = 0; b < 10; b++) {
                smgr.extend(rel, ForkNumber.MAIN, b, pageWith(b + 1));
            }
            assertEquals(10, smgr.nblocks(rel, ForkNumber.MAIN));
            assertTrue(Files.exists(dir.resolve("base/5/16384")));
            assertTrue(Files.exists(dir.resolve("base/5/16384.1")));
            assertTrue(Files.exists(dir.resolve("base/5/16384.2")));
            assertEquals(4L * 8192, Files.size(dir.resolve("base/5/16384.1")));
            ByteBuffer target = Page.allocate();
            smgr.read(rel, ForkNumber.MAIN, 9, target);
            assertEquals(10, target.getInt(100));
            smgr.write(rel, ForkNumber.MAIN, 5, pageWith(66));
            smgr.read(rel, ForkNumber.MAIN, 5, target);
            assertEquals(66, target.getInt(100));
            PgException e = assertThrows(PgException.class, () -> smgr.read(rel, ForkNumber.MAIN, 10, target));
            assertEquals("XX001", e.sqlState());
            assertTrue(e.getMessage().startsWith("could not read block 10 in file \"base/5/16384.2\""), e.getMessage());

            // another process (another Smgr) sees the growth
            try (Smgr other = new Smgr(dir, 4)) {
                assertEquals(10, other.nblocks(rel, ForkNumber.MAIN));
                other.extend(rel, ForkNumber.MAIN, 11, pageWith(12));
            }
            assertEquals(12, smgr.nblocks(rel, ForkNumber.MAIN));
            smgr.read(rel, ForkNumber.MAIN, 10, target);
            assertEquals(0, target.getInt(100), "the hole reads as zeroes");

            smgr.truncate(rel, ForkNumber.MAIN, 5);
            assertEquals(5, smgr.nblocks(rel, ForkNumber.MAIN));
            assertFalse(Files.exists(dir.resolve("base/5/16384.2")));
            smgr.immedsync(rel, ForkNumber.MAIN);

            smgr.create(rel, ForkNumber.FSM);
            assertTrue(Files.exists(dir.resolve("base/5/16384_fsm")));
            smgr.unlink(rel, ForkNumber.MAIN);
            assertFalse(smgr.exists(rel, ForkNumber.MAIN));
            assertFalse(Files.exists(dir.resolve("base/5/16384.1")));
        }
    }
}
