package org.tusk.buffer.internal;

import static org.tusk.buffer.internal.BufferState.BM_DIRTY;
import static org.tusk.buffer.internal.BufferState.BM_JUST_DIRTIED;

import java.nio.ByteBuffer;

import org.tusk.buffer.Page;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.FullPageImageForHint;
import org.tusk.wal.WalWriter;

/**
 * MarkBufferDirtyHint (bufmgr.c) with XLogSaveBufferForHint (xloginsert.c),
 * as PostgreSQL runs them for a permanent relation of a cluster with data
 * checksums, which every Tusk cluster is: a hint bit set under a share
 * content lock dirties the buffer, so the hint survives eviction and later
 * readers skip the commit-log look-up; if the page has not changed since the
 * last checkpoint's redo point, a full-page image is logged first, because
 * the hinted page's write may be torn and its checksum would then fail with
 * no WAL to repair it. A TEMP relation's page (PostgreSQL's !BM_PERMANENT
 * buffer) is only dirtied: the WAL does not insert an image of it (the tag's
 * locator says temp, see WalRecord#needsWal), so its LSN stays 0, and its
 * files are not read after a crash.
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

    HintBitDirtying(BufferDescriptors descriptors, WalWriter wal, CheckpointDelay delay) {
        this.descriptors = descriptors;
        this.wal = wal;
        this.delay = delay;
    }

    /** The caller holds a pin and the content lock (SHARED or EXCLUSIVE) of buffer {@code id}. */
    void markDirty(int id, BufferTag tag, ByteBuffer page) {
        if ((descriptors.state(id) & DIRTY_AND_JUST_DIRTIED) == DIRTY_AND_JUST_DIRTIED) {
            return;   // dirty, and no write started since: the hint goes out with the next write
        }
        if (wal.recoveryInProgress()) {
            return;   // nothing may be logged during redo; the hint stays in memory
        }
        delay.delayCheckpointStart();
        try {
            long imageLsn = saveForHint(id, tag, page);
            int state = descriptors.lockHeader(id);
            if ((state & BM_DIRTY) == 0 && imageLsn != 0) {
                Page.setLsn(page, imageLsn);
            }
            descriptors.unlockHeader(id, state | DIRTY_AND_JUST_DIRTIED);
        } finally {
            delay.delayCheckpointEnd();
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
