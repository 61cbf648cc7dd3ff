package org.tusk.buffer.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * BufferSync's ckpt_buforder_comparator: the checkpoint writes its buffers in
 * the order of their files and blocks (tablespace, database, relation, fork,
 * block), so that the kernel sees sequential writes per relation segment
 * instead of the pool's random order.
 */
final class CheckpointBufferOrder {

    private static final Comparator<BufferTag> ORDER = Comparator
            .comparing((BufferTag t) -> t.locator().spcOid(), Integer::compareUnsigned)
            .thenComparing(t -> t.locator().dbOid(), Integer::compareUnsigned)
            .thenComparing(t -> t.locator().relNumber(), Integer::compareUnsigned)
            .thenComparing(t -> t.fork().ordinal(), Integer::compare)
            .thenComparing(BufferTag::block, Integer::compareUnsigned);

    private CheckpointBufferOrder() {
    }

    /** The first {@code n} buffer ids, reordered by their tags ({@code tags[i]} is the tag of {@code ids[i]}). */
    static int[] sorted(int[] ids, BufferTag[] tags, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> ORDER.compare(tags[a], tags[b]));
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = ids[order[i]];
        }
        return sorted;
    }
}
