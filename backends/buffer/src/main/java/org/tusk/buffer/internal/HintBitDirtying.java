package org.tusk.buffer.internal;

import static org.tusk.buffer.internal.BufferState.BM_DIRTY;
import static org.tusk.buffer.internal.BufferState.BM_JUST_DIRTIED;
import static org.tusk.buffer.internal.BufferState.BM_PERMANENT;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

import org.tusk.buffer.Page;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.FullPageImageForHint;
import org.tusk.wal.WalWriter;

/**
 * MarkBufferDirtyHint (bufmgr.c) with XLogSaveBufferForHint (xloginsert.c):
 * a hint bit set under a share content lock dirties the buffer, so the hint
 * survives eviction and later readers skip the commit-log look-up. In a
 * cluster with data checksums (XLogHintBitIsNeeded; Tusk has no
 * wal_log_hints), for a permanent relation (BM_PERMANENT), if the page has not
 * changed since the last checkpoint's redo point, a full-page image is logged
 * first, because the hinted page's write may be torn and its checksum would
 * then fail with no WAL to repair it. Without checksums a torn hint-only write
 * is harmless (both halves are valid pages, a hint may be lost), so the
 * buffer is only dirtied, as is a TEMP relation's (its files are not read
 * after a crash).
 *
 * <p>Order with the checkpointer: DELAY_CHKPT_START is set before the redo
 * pointer is read and cleared after the dirty mark. A checkpoint fixes its
 * redo pointer, then waits for every process inside that window, then
 * flushes: either we saw its redo pointer (and logged the image), or it
 * waited for our dirty mark and writes the page itself.
 *
 * <p>The page LSN is set (to the image's record) only when the buffer was not
 * dirty yet, and under the buffer header lock, because the caller holds only
 * a share content lock: a writer copying the page holds the buffer dirty
 * throughout, so it never sees the LSN change under it; this class reads the
 * LSN under the header lock too.
 */
final class HintBitDirtying {

    private static final int DIRTY_AND_JUST_DIRTIED = BM_DIRTY | BM_JUST_DIRTIED;

    private final BufferDescriptors descriptors;
    private final WalWriter wal;
    private final CheckpointDelay delay;
    /** The image is logged from a private copy: other processes may set hints on the shared page meanwhile. */
    private final ByteBuffer imageCopy = Page.allocate();

    /** Whether the cluster has data checksums (read at each hint: the startup process may set it after attach). */
    private final BooleanSupplier dataChecksums;

    HintBitDirtying(BufferDescriptors descriptors, WalWriter wal, CheckpointDelay delay, BooleanSupplier dataChecksums) {
        this.descriptors = descriptors;
        this.wal = wal;
        this.delay = delay;
        this.dataChecksums = dataChecksums;
    }

    /** The caller holds a pin and the content lock (SHARED or EXCLUSIVE) of buffer {@code id}. */
    void markDirty(int id, BufferTag tag, ByteBuffer page) {
        if ((descriptors.state(id) & DIRTY_AND_JUST_DIRTIED) == DIRTY_AND_JUST_DIRTIED) {
            return;   // dirty, and no write started since: the hint goes out with the next write
        }
        if (wal.recoveryInProgress()) {
            return;   // nothing may be logged during redo; the hint stays in memory
        }
        if (!dataChecksums.getAsBoolean() || (descriptors.state(id) & BM_PERMANENT) == 0) {
            int state = descriptors.lockHeader(id);
            descriptors.unlockHeader(id, state | DIRTY_AND_JUST_DIRTIED);   // no image, so the LSN stays
            countIfDirtied(state);
            return;
        }
        delay.delayCheckpointStart();
        try {
            long imageLsn = saveForHint(id, tag, page);
            int state = descriptors.lockHeader(id);
            if ((state & BM_DIRTY) == 0 && imageLsn != 0) {
                Page.setLsn(page, imageLsn);
            }
            descriptors.unlockHeader(id, state | DIRTY_AND_JUST_DIRTIED);
            countIfDirtied(state);
        } finally {
            delay.delayCheckpointEnd();
        }
    }

    private static void countIfDirtied(int stateBefore) {
        if ((stateBefore & BM_DIRTY) == 0) {
            org.tusk.buffer.BufferUsage.countDirtied();
        }
    }

    /**
     * XLogSaveBufferForHint: logs the page's image if its LSN is at or before
     * the redo pointer (no image since the checkpoint began) and returns the
     * record's end LSN, else 0.
     */
    private long saveForHint(int id, BufferTag tag, ByteBuffer page) {
        long redo = wal.redoPointer();
        int state = descriptors.lockHeader(id);
        long pageLsn = Page.lsn(page);
        descriptors.unlockHeader(id, state);
        if (Long.compareUnsigned(pageLsn, redo) > 0) {
            return 0;
        }
        // pd_lower and pd_upper change only under the exclusive lock, so the copy is a consistent page;
        // the copy is the process's one, and a backend's other threads (warm-up, control) may read too
        synchronized (imageCopy) {
            imageCopy.put(0, page, 0, Page.BLCKSZ);
            return wal.insert(FullPageImageForHint.record(tag.locator(), tag.fork(), tag.block(), imageCopy));
        }
    }
}
