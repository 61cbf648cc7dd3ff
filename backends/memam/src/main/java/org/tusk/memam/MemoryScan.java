package org.tusk.memam;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleHeaderFields;
import org.tusk.api.storage.TupleId;
import org.tusk.memam.internal.MemVisibility;
import org.tusk.memam.internal.MemoryArea;
import org.tusk.memam.internal.MemoryBlock;
import org.tusk.shmem.LWLockMode;

/**
 * A sequential scan, block at a time (heapgetpage's page-at-a-time mode):
 * under the relation's shared partition lock it copies the visible versions of
 * one block and the next block's number, then lets go. The number of blocks is
 * fixed when the scan starts, as the heap's; blocks are only ever appended to a
 * relation's chain (and freed only by dropping it), so the first
 * {@code nblocks} links stay valid.
 */
final class MemoryScan implements TableScan {

    private final MemoryArea area;
    private final RelFileLocator relation;
    private final Snapshot snapshot;
    private final TransactionContext txn;
    private int remainingBlocks;
    private int nextBlock;

    private final List<TupleId> ids = new ArrayList<>();
    private final List<byte[]> rows = new ArrayList<>();
    private final List<TupleHeaderFields> headers = new ArrayList<>();
    private int position = -1;

    MemoryScan(MemoryArea area, RelFileLocator relation, Snapshot snapshot, TransactionContext txn) {
        this.area = area;
        this.relation = relation;
        this.snapshot = snapshot;
        this.txn = txn;
        try (MemoryArea.Held lock = area.lockRelation(relation, LWLockMode.SHARED)) {
            int entry = area.lookup(relation);
            remainingBlocks = entry < 0 ? 0 : area.nblocks(entry);
            nextBlock = entry < 0 ? -1 : area.firstBlock(entry);
        }
    }

    @Override
    public boolean next() {
        position++;
        while (position >= ids.size()) {
            if (remainingBlocks == 0 || nextBlock < 0) {
                return false;
            }
            ids.clear();
            rows.clear();
            headers.clear();
            position = 0;
            readBlock();
        }
        return true;
    }

    private void readBlock() {
        try (MemoryArea.Held lock = area.lockRelation(relation, LWLockMode.SHARED)) {
            MemoryBlock block = area.block(nextBlock);
            if (!block.isOwnedBy(relation)) {
                nextBlock = -1;                 // dropped under us
                return;
            }
            for (int offset = 1, n = block.nitems(); offset <= n; offset++) {
                if (block.isNormal(offset) && MemVisibility.satisfiesMvcc(block.header(offset), snapshot, txn)) {
                    ids.add(new TupleId(block.number(), offset));
                    rows.add(block.data(offset));
                    headers.add(headerFields(block.header(offset)));
                }
            }
            nextBlock = block.next();
            remainingBlocks--;
        }
    }

    @Override
    public TupleId tupleId() {
        checkPositioned();
        return ids.get(position);
    }

    @Override
    public byte[] data() {
        checkPositioned();
        return rows.get(position).clone();
    }

    @Override
    public TupleHeaderFields header() {
        checkPositioned();
        return headers.get(position);
    }

    /** The system columns' fields of a version's header (t_cid raw, as the heap's). */
    static TupleHeaderFields headerFields(org.tusk.memam.internal.MemTuple header) {
        return new TupleHeaderFields(header.xmin(), header.xmax(), header.cid());
    }

    private void checkPositioned() {
        if (position < 0 || position >= ids.size()) {
            throw new IllegalStateException("scan is not on a tuple");
        }
    }

    @Override
    public void close() {
        ids.clear();
        rows.clear();
        headers.clear();
        remainingBlocks = 0;
    }
}
