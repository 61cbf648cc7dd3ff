package org.tusk.wal;

import java.util.ArrayList;
import java.util.List;

/**
 * A record to insert: which resource manager redoes it, its info byte (the
 * record type within the resource manager), the inserting transaction, its
 * main data and the blocks it changes. Built with {@link #builder}.
 */
public final class WalRecord {

    private final int rmgrId;
    private final int info;
    private final int xid;
    private final byte[] data;
    /** The blocks in registration order; insertion reads them by index (no List interface calls per block). */
    private final BlockReference[] blockArray;
    private final boolean needsWal;

    private WalRecord(Builder builder) {
        this.rmgrId = builder.rmgrId;
        this.info = builder.info;
        this.xid = builder.xid;
        this.data = builder.data;
        this.blockArray = builder.blocks.toArray(new BlockReference[0]);
        this.needsWal = anyBlockNeedsWal(blockArray);
    }

    private static boolean anyBlockNeedsWal(BlockReference[] blocks) {
        if (blocks.length == 0) {
            return true;   // transaction, checkpoint, OID records: about the cluster, not a relation
        }
        for (BlockReference block : blocks) {
            if (block.locator().needsWal()) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder(int rmgrId, int info) {
        return new Builder(rmgrId, info);
    }

    public int rmgrId() {
        return rmgrId;
    }

    public int info() {
        return info;
    }

    /** The inserting transaction's xid, 0 when none. */
    public int xid() {
        return xid;
    }

    public byte[] data() {
        return data;
    }

    /** The blocks as a list (a copy per call: the insertion path uses {@link #blockCount} and {@link #block}). */
    public List<BlockReference> blocks() {
        return List.of(blockArray);
    }

    /** How many blocks the record changes: {@code blocks().size()}. */
    public int blockCount() {
        return blockArray.length;
    }

    /** {@code blocks().get(i)}. */
    public BlockReference block(int i) {
        return blockArray[i];
    }

    /**
     * RelationNeedsWAL for the record: false when every block it changes
     * belongs to a TEMP relation ({@link org.tusk.api.storage.RelFileLocator#needsWal}),
     * whose pages nothing reads after a crash. {@link WalWriter#insert} does not
     * insert such a record, so the decision follows the relation, not each caller.
     */
    public boolean needsWal() {
        return needsWal;
    }

    public static final class Builder {
        private final int rmgrId;
        private final int info;
        private int xid;
        private byte[] data = new byte[0];
        private final List<BlockReference> blocks = new ArrayList<>();

        private Builder(int rmgrId, int info) {
            if (rmgrId < 0 || rmgrId > 255 || info < 0 || info > 255) {
                throw new IllegalArgumentException("rmgr id and info are bytes: " + rmgrId + ", " + info);
            }
            this.rmgrId = rmgrId;
            this.info = info;
        }

        public Builder xid(int value) {
            this.xid = value;
            return this;
        }

        public Builder data(byte[] value) {
            this.data = value;
            return this;
        }

        public Builder block(BlockReference block) {
            for (BlockReference existing : blocks) {
                if (existing.blockId() == block.blockId()) {
                    throw new IllegalArgumentException("block id " + block.blockId() + " registered twice");
                }
            }
            blocks.add(block);
            return this;
        }

        public WalRecord build() {
            return new WalRecord(this);
        }
    }
}
