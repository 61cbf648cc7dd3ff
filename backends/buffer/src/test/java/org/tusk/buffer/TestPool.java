package org.tusk.buffer;

import java.nio.file.Path;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.WalWriter;

/** A shared memory segment with a buffer pool, as the postmaster would create it. */
final class TestPool {

    static final int MAX_BACKENDS = 8;

    private TestPool() {
    }

    static ShmemSegment create(Path dir, String name, int nBuffers) throws Exception {
        return ShmemSegment.create(dir.resolve(name), MAX_BACKENDS, dir.resolve("latches-" + name),
                BufferManager.shmemRequests(nBuffers));
    }

    /** Attaches as the process of slot {@code slot} (owning its latch so that waits sleep). */
    static BufferManager attach(ShmemSegment segment, Path dataDir, int slot, WalWriter wal) throws Exception {
        return attach(segment, dataDir, slot, wal, CheckpointDelay.NONE);
    }

    /** Like {@link #attach(ShmemSegment, Path, int, WalWriter)}, with the process's DELAY_CHKPT_START flag. */
    static BufferManager attach(ShmemSegment segment, Path dataDir, int slot, WalWriter wal, CheckpointDelay delay)
            throws Exception {
        ProcSlot self = segment.slot(slot);
        self.setPid((int) ProcessHandle.current().pid());
        if (!self.ownsLatch()) {
            self.ownLatch();
        }
        return BufferManager.attach(segment, dataDir, self, wal, delay);
    }
}
