package org.tusk.buffer;

import java.nio.file.Path;

import org.tusk.buffer.internal.BufferDescriptors;
import org.tusk.buffer.internal.BufferLayout;
import org.tusk.buffer.internal.BufferState;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.WalWriter;

/** A shared memory segment with a buffer pool, as the postmaster would create it. */
final class TestPool {

    static final int MAX_BACKENDS = 8;

    private TestPool() {
    }

    /** A pool of a cluster with data checksums (initdb -k), as the startup process leaves it. */
    static ShmemSegment create(Path dir, String name, int nBuffers) throws Exception {
        ShmemSegment segment = createWithoutChecksums(dir, name, nBuffers);
        segment.area(BufferLayout.AREA_NAME).putIntVolatile(BufferLayout.CTL_DATA_CHECKSUMS, 1);
        return segment;
    }

    /** A pool of a cluster initialized without data checksums (initdb's default). */
    static ShmemSegment createWithoutChecksums(Path dir, String name, int nBuffers) throws Exception {
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

    /**
     * What a pass of the clock sweep over a busy pool leaves for the
     * background writer, without evicting anything: the usage count of every
     * unpinned buffer run down to 0, the hand at buffer 0 of the next pass
     * (every buffer ahead of it), and {@code allocations} more allocations
     * counted for the bgwriter's pacing.
     */
    static void clockSweepPass(ShmemSegment segment, int allocations) {
        ShmemArea area = segment.area(BufferLayout.AREA_NAME);
        BufferLayout layout = new BufferLayout(BufferLayout.nBuffersFromLWLockCount(area.lwlockCount()));
        BufferDescriptors descriptors = new BufferDescriptors(area, layout);
        for (int id = 0; id < layout.nBuffers; id++) {
            int state = descriptors.lockHeader(id);
            if (BufferState.refcount(state) == 0) {
                state &= ~BufferState.USAGECOUNT_MASK;
            }
            descriptors.unlockHeader(id, state);
        }
        int hand = area.getIntVolatile(BufferLayout.CTL_CLOCK_HAND);
        int passed = layout.nBuffers - Integer.remainderUnsigned(hand, layout.nBuffers);
        area.getAndAddInt(BufferLayout.CTL_CLOCK_HAND, passed);
        area.getAndAddInt(BufferLayout.CTL_NUM_BUFFER_ALLOCS, allocations);
    }
}
