package org.tusk.buffer.internal;

import java.nio.ByteBuffer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.Page;
import org.tusk.buffer.Smgr;
import org.tusk.shmem.LWLockMode;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;

/**
 * XLogReadBufferForRedo over shared buffers. A block past the end of its fork
 * (the relation was extended after the checkpoint and the extension never
 * reached disk) is first added as zero pages, as XLogReadBufferExtended does.
 * A block with a full-page image or WILL_INIT is never read from disk (it may
 * be torn; its checksum would fail): the buffer is zeroed, then the image is
 * copied in.
 */
final class BufferRedoContext implements RedoContext {

    private final SharedBufferManager manager;

    BufferRedoContext(SharedBufferManager manager) {
        this.manager = manager;
    }

    @Override
    public RedoBlock block(DecodedRecord record, int blockId) {
        DecodedBlock block = record.block(blockId);
        if (block == null) {
            throw new IllegalArgumentException("WAL record at " + org.tusk.api.storage.Lsn.format(record.lsn())
                    + " has no block " + blockId);
        }
        RelFileLocator locator = block.locator();
        ForkNumber fork = block.fork();
        Smgr smgr = manager.smgr();
        if (!smgr.exists(locator, fork)) {
            smgr.create(locator, fork);
        }
        int nblocks = smgr.nblocks(locator, fork);
        if (Integer.compareUnsigned(block.blockNumber(), nblocks) >= 0) {
            smgr.zeroExtend(locator, fork, nblocks, block.blockNumber() - nblocks + 1);
        }
        BufferTag tag = new BufferTag(locator, fork, block.blockNumber());
        if (block.hasImage()) {
            int id = manager.readBuffer(tag, true);
            SharedBuffer buffer = new SharedBuffer(manager, id, tag, LWLockMode.EXCLUSIVE);
            buffer.page().put(0, block.image(), 0, Page.BLCKSZ);
            return new Handle(buffer, RedoBlock.Action.RESTORED, record.endLsn());
        }
        if (block.willInit()) {
            int id = manager.readBuffer(tag, true);
            return new Handle(new SharedBuffer(manager, id, tag, LWLockMode.EXCLUSIVE), RedoBlock.Action.NEEDS_REDO,
                    record.endLsn());
        }
        SharedBuffer buffer = new SharedBuffer(manager, manager.readBuffer(tag, false), tag, null);
        try {
            buffer.lock(LWLockMode.EXCLUSIVE);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        // Record end LSN at or before the page LSN: the page already has this change (redo is idempotent).
        RedoBlock.Action action = Long.compareUnsigned(record.endLsn(), Page.lsn(buffer.page())) <= 0
                ? RedoBlock.Action.DONE : RedoBlock.Action.NEEDS_REDO;
        return new Handle(buffer, action, record.endLsn());
    }

    private static final class Handle implements RedoBlock {
        private final SharedBuffer buffer;
        private final Action action;
        private final long endLsn;
        private boolean closed;

        Handle(SharedBuffer buffer, Action action, long endLsn) {
            this.buffer = buffer;
            this.action = action;
            this.endLsn = endLsn;
        }

        @Override
        public Action action() {
            return action;
        }

        @Override
        public ByteBuffer page() {
            return buffer.page();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (action != Action.DONE) {
                if (!Page.isNew(buffer.page())) {
                    Page.setLsn(buffer.page(), endLsn);
                }
                buffer.markDirty();
            }
            buffer.release();
        }
    }
}
