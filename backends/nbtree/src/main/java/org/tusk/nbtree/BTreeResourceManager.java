package org.tusk.nbtree;

import java.nio.ByteBuffer;

import org.osgi.service.component.annotations.Component;
import org.tusk.api.storage.Lsn;
import org.tusk.nbtree.internal.BTMetaPage;
import org.tusk.nbtree.internal.BTRecords;
import org.tusk.nbtree.internal.PageContents;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * Redo of the B-tree's records (btree_redo), applied with the code the
 * operations used, so every page comes out byte for byte as the operation
 * left it. A split and the insertion of its downlink are separate records:
 * WAL that ends between them leaves the left page flagged INCOMPLETE_SPLIT,
 * which the next inserter passing by completes.
 */
@Component(service = ResourceManager.class)
public final class BTreeResourceManager implements ResourceManager {

    @Override
    public int id() {
        return BTREE;
    }

    @Override
    public String name() {
        return "Btree";
    }

    @Override
    public void redo(DecodedRecord record, RedoContext context) {
        ByteBuffer data = BTRecords.reader(record.data());
        switch (record.info()) {
            case BTRecords.XLOG_BTREE_NEWMETA -> {
                try (RedoBlock meta = context.block(record, 0)) {
                    if (meta.action() == RedoBlock.Action.NEEDS_REDO) {
                        BTRecords.initMeta(meta.page());
                    }
                }
                try (RedoBlock root = context.block(record, 1)) {
                    if (root.action() == RedoBlock.Action.NEEDS_REDO) {
                        BTRecords.initRootLeaf(root.page());
                    }
                }
            }
            case BTRecords.XLOG_BTREE_INSERT_LEAF, BTRecords.XLOG_BTREE_INSERT_UPPER -> {
                int offset = data.getShort() & 0xFFFF;
                byte[] tuple = new byte[data.remaining()];
                data.get(tuple);
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        BTRecords.applyInsert(block.page(), offset, tuple);
                    }
                }
                clearIncompleteSplit(record, context, 1);
            }
            case BTRecords.XLOG_BTREE_SPLIT -> {
                PageContents left = PageContents.decode(data);
                PageContents right = PageContents.decode(data);
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        left.apply(block.page());
                    }
                }
                try (RedoBlock block = context.block(record, 1)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        right.apply(block.page());
                    }
                }
                if (record.block(2) != null) {
                    try (RedoBlock block = context.block(record, 2)) {
                        if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                            BTRecords.setPrev(block.page(), record.block(1).blockNumber());
                        }
                    }
                }
                clearIncompleteSplit(record, context, 3);
            }
            case BTRecords.XLOG_BTREE_NEWROOT -> {
                PageContents root = PageContents.decode(data);
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        root.apply(block.page());
                    }
                }
                clearIncompleteSplit(record, context, 1);
                try (RedoBlock block = context.block(record, 2)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        new BTMetaPage(record.block(0).blockNumber(), root.opaque().level()).write(block.page());
                    }
                }
            }
            case BTRecords.XLOG_BTREE_BUILD -> {
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        org.tusk.nbtree.internal.BTreeBuild.redo(data, block.page());
                    }
                }
            }
            case BTRecords.XLOG_BTREE_VACUUM -> {
                int[] offsets = BTRecords.decodeVacuum(data);
                try (RedoBlock block = context.block(record, 0)) {
                    if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                        org.tusk.nbtree.internal.BTPage.deleteItems(block.page(), offsets);
                    }
                }
            }
            default -> throw new IllegalStateException("btree redo at " + Lsn.format(record.lsn())
                    + ": unknown op code " + record.info());
        }
    }

    private static void clearIncompleteSplit(DecodedRecord record, RedoContext context, int blockId) {
        if (record.block(blockId) == null) {
            return;
        }
        try (RedoBlock block = context.block(record, blockId)) {
            if (block.action() == RedoBlock.Action.NEEDS_REDO) {
                BTRecords.clearIncompleteSplit(block.page());
            }
        }
    }
}
