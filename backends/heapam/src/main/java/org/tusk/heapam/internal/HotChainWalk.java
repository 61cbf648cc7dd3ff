package org.tusk.heapam.internal;

import java.nio.ByteBuffer;

/**
 * Following a HOT chain from the line pointer an index entry points at (the root, a
 * NORMAL tuple or a REDIRECT) through HEAP_HOT_UPDATED members' t_ctid to the
 * heap-only versions after it, each inserted by the previous one's updater
 * (heap_hot_search_buffer's walk). The caller holds the page's content lock.
 */
public final class HotChainWalk {

    private HotChainWalk() {
    }

    /** The offsets of the chain's members in order (empty when the root holds nothing). */
    public static int[] members(ByteBuffer page, int root) {
        return HotPrune.chain(page, root);
    }
}
