package org.tusk.heapam;

import org.osgi.service.component.annotations.Component;
import org.tusk.heapam.internal.HeapRecords;
import org.tusk.heapam.internal.PruneRecord;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/** Redo of the heap's second record family (heap2_redo): VACUUM's prune-and-freeze of a page. */
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
        if ((record.info() & 0x70) != HeapRecords.XLOG_HEAP2_PRUNE_VACUUM_SCAN) {
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
