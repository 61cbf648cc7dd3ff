package org.tusk.heapam;

import org.osgi.service.component.annotations.Component;
import org.tusk.heapam.internal.HeapRecords;
import org.tusk.heapam.internal.PruneRecord;
import org.tusk.heapam.internal.VisibilityMap;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * Redo of the heap's second record family (heap2_redo): VACUUM's prune-and-freeze of a page, VISIBLE
 * (visibility map bits), and MULTI_INSERT (a page's share of a batch of new rows).
 */
@Component(service = ResourceManager.class)
public final class Heap2ResourceManager implements ResourceManager {

    @Override
    public int id() {
        return HEAP2;
    }

    @Override
    public String name() {
        return "Heap2";
    }

    @Override
    public void redo(DecodedRecord record, RedoContext context) {
        int op = record.info() & 0x70;
        if (op == HeapRecords.XLOG_HEAP2_VISIBLE) {
            java.nio.ByteBuffer data = HeapRecords.reader(record.data());
            int heapBlock = data.getInt();
            int bits = data.get() & 0xFF;
            try (RedoBlock map = context.block(record, 0)) {
                if (map.action() == RedoBlock.Action.NEEDS_REDO) {
                    VisibilityMap.setBits(map.page(), heapBlock, bits);
                }
            }
            return;
        }
        if (op == HeapRecords.XLOG_HEAP2_MULTI_INSERT) {
            boolean init = (record.info() & HeapRecords.XLOG_HEAP_INIT_PAGE) != 0;
            boolean allVisible = (record.info() & HeapRecords.XLOG_HEAP2_MULTI_INSERT_ALL_VISIBLE) != 0;
            try (RedoBlock block = context.block(record, 0)) {
                if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                    if (init) {
                        HeapRecords.initPage(block.page());
                    } else if (org.tusk.buffer.Page.isNew(block.page())) {
                        throw new IllegalStateException("heap2 redo at "
                                + org.tusk.api.storage.Lsn.format(record.lsn()) + ": uninitialized page");
                    }
                    HeapRecords.applyMultiInsert(block.page(), record.data());
                    if (allVisible) {
                        org.tusk.buffer.Page.setFlags(block.page(),
                                org.tusk.buffer.Page.flags(block.page()) | org.tusk.buffer.Page.PD_ALL_VISIBLE);
                    }
                }
            }
            if (allVisible && record.block(1) != null) {
                // COPY FREEZE filled a page that held nothing: its map bits (visibilitymap_set)
                try (RedoBlock map = context.block(record, 1)) {
                    if (map.action() == RedoBlock.Action.NEEDS_REDO) {
                        VisibilityMap.setBits(map.page(), record.block(0).blockNumber(),
                                VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
                    }
                }
            }
            HeapResourceManager.clearVisibilityMap(record, context);
            return;
        }
        if (op == HeapRecords.XLOG_HEAP2_VACUUM) {
            int[] offsets = HeapRecords.decodeOffsets(record.data());
            try (RedoBlock block = context.block(record, 0)) {
                if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                    HeapRecords.setUnused(block.page(), offsets);
                }
            }
            return;
        }
        if (op == org.tusk.heapam.internal.HotPrune.XLOG_HEAP2_PRUNE) {
            org.tusk.heapam.internal.HotPrune prune = org.tusk.heapam.internal.HotPrune.decode(record.data());
            try (RedoBlock block = context.block(record, 0)) {
                if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                    prune.apply(block.page());
                }
            }
            return;
        }
        if (op != HeapRecords.XLOG_HEAP2_PRUNE_VACUUM_SCAN) {
            throw new IllegalStateException("heap2 redo: unknown op code " + record.info());
        }
        PruneRecord prune = PruneRecord.decode(record.data());
        try (RedoBlock block = context.block(record, 0)) {
            if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                prune.apply(block.page());
            }
        }
    }
}
