package org.tusk.heapam;

import java.nio.ByteBuffer;

import org.osgi.service.component.annotations.Component;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.HeaderChange;
import org.tusk.heapam.internal.HeapRecords;
import org.tusk.heapam.internal.LoggedTuple;
import org.tusk.heapam.internal.VisibilityMap;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * Redo of the heap's records (heap_redo): INSERT, DELETE, UPDATE and LOCK,
 * applied with the same code the operations used, so every page comes out
 * byte-for-byte as the operation left it (tuple ids in indexes stay valid).
 */
@Component(service = ResourceManager.class)
public final class HeapResourceManager implements ResourceManager {

    @Override
    public int id() {
        return HEAP;
    }

    @Override
    public String name() {
        return "Heap";
    }

    @Override
    public void redo(DecodedRecord record, RedoContext context) {
        boolean init = (record.info() & HeapRecords.XLOG_HEAP_INIT_PAGE) != 0;
        ByteBuffer data = HeapRecords.reader(record.data());
        switch (record.info() & HeapRecords.XLOG_HEAP_OPMASK) {
            case HeapRecords.XLOG_HEAP_INSERT -> {
                int offset = data.getShort() & 0xFFFF;
                byte[] tuple = HeapRecords.decodeInsertTuple(data, offset, record.xid(),
                        record.block(0).blockNumber());
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        placeTuple(block.page(), init, offset, tuple, record);
                    }
                }
            }
            case HeapRecords.XLOG_HEAP_INPLACE -> {
                int offset = data.getShort() & 0xFFFF;
                byte[] newData = HeapRecords.rest(data);
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        HeapRecords.overwriteData(block.page(), offset, newData);
                    }
                }
            }
            case HeapRecords.XLOG_HEAP_DELETE, HeapRecords.XLOG_HEAP_LOCK -> {
                HeaderChange change = HeaderChange.decode(data);
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        change.apply(block.page());
                    }
                }
            }
            case HeapRecords.XLOG_HEAP_UPDATE -> {
                int newOffset = data.getShort() & 0xFFFF;
                int newBlock = record.block(0).blockNumber();
                HeaderChange change = HeaderChange.decodeForUpdate(data, record.xid(), newBlock, newOffset);
                if (record.block(1) != null) {
                    try (RedoBlock old = context.block(record, 1)) {
                        if (old.action() == RedoBlock.Action.NEEDS_REDO) {
                            change.apply(old.page());
                        }
                    }
                    try (RedoBlock block = context.block(record, 0)) {
                        if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                            byte[] tuple = LoggedTuple.decode(data, record.xid(), change.cid(), newBlock, newOffset,
                                    null);
                            placeTuple(block.page(), init, newOffset, tuple, record);
                        }
                    }
                } else {
                    try (RedoBlock block = context.block(record, 0)) {
                        if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                            // the new version's shared prefix and suffix are read from the old one, still there
                            byte[] tuple = LoggedTuple.decode(data, record.xid(), change.cid(), newBlock, newOffset,
                                    Page.item(block.page(), change.offset()));
                            change.apply(block.page());
                            placeTuple(block.page(), false, newOffset, tuple, record);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("heap redo: unknown op code " + record.info());
        }
        clearVisibilityMap(record, context);
    }

    /**
     * The record's visibility map pages (blocks 2 and 3, see
     * {@link VisibilityMapClear}): the bits of the record's heap blocks
     * they cover are cleared, as the operation did.
     */
    static void clearVisibilityMap(DecodedRecord record, RedoContext context) {
        for (int id = VisibilityMapClear.FIRST_BLOCK_ID; id < VisibilityMapClear.FIRST_BLOCK_ID + 2; id++) {
            DecodedBlock mapBlock = record.block(id);
            if (mapBlock == null) {
                continue;
            }
            try (RedoBlock map = context.block(record, id)) {
                if (map.action() != RedoBlock.Action.NEEDS_REDO) {
                    continue;
                }
                for (int heapId = 0; heapId < 2; heapId++) {
                    DecodedBlock heap = record.block(heapId);
                    if (heap != null && VisibilityMap.mapBlock(heap.blockNumber()) == mapBlock.blockNumber()) {
                        VisibilityMap.setBits(map.page(), heap.blockNumber(), 0);
                    }
                }
            }
        }
    }

    private static void placeTuple(ByteBuffer page, boolean init, int offset, byte[] tuple, DecodedRecord record) {
        if (init) {
            HeapRecords.initPage(page);
        } else if (Page.isNew(page)) {
            throw new IllegalStateException("heap redo at " + org.tusk.api.storage.Lsn.format(record.lsn())
                    + ": uninitialized page");
        }
        HeapRecords.placeTuple(page, offset, tuple);
    }
}
