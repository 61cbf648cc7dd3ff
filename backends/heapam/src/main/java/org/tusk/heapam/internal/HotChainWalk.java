package org.tusk.heapam.internal;

import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;

import org.tusk.buffer.Page;

/**
 * Following a HOT chain from the line pointer an index entry points at (the root, a
 * NORMAL tuple or a REDIRECT) through HEAP_HOT_UPDATED members' t_ctid to the
 * heap-only versions after it, each inserted by the previous one's updater
 * (heap_hot_search_buffer's walk). A member must be a NORMAL tuple; after the first
 * (or any, behind a redirect), a heap-only one whose xmin is the previous member's
 * xmax. The caller holds the page's content lock.
 *
 * <p>A walk hands out one member at a time ({@link #next}), so an index fetch that
 * stops at the first visible member allocates nothing for the chain.
 */
public final class HotChainWalk {

    private final ByteBuffer page;
    private final int max;
    /** Offsets already taken by another chain (pruning marks them), or null. */
    private final boolean[] reached;
    private int current;
    private boolean needsHeapOnly;
    /** The xmax of the member handed out last, which the next one's xmin must be; unused before the first. */
    private int priorXmax;
    private boolean first = true;
    private boolean ended;

    /** A walk of the chain at {@code root}, marking its members in {@code reached} (if not null). */
    public HotChainWalk(ByteBuffer page, int root, boolean[] reached) {
        this.page = Page.littleEndian(page);
        this.max = Page.maxOffsetNumber(page);
        this.reached = reached;
        int id = Page.itemId(page, root);
        this.current = root;
        if (Page.itemIdFlags(id) == Page.LP_REDIRECT) {
            this.current = Page.itemIdOffset(id);
            this.needsHeapOnly = true;
        }
    }

    /** The next member's offset, or 0 once the chain has ended. */
    public int next() {
        if (ended || current < 1 || current > max || reached != null && reached[current]
                || Page.itemIdFlags(Page.itemId(page, current)) != Page.LP_NORMAL) {
            ended = true;
            return 0;
        }
        int t = Page.itemIdOffset(Page.itemId(page, current));     // the member's header, read in place
        if (needsHeapOnly && !HotPrune.isHeapOnly(page, t) || !first && xmin(page, t) != priorXmax) {
            ended = true;
            return 0;
        }
        int member = current;
        if (reached != null) {
            reached[member] = true;
        }
        needsHeapOnly = true;
        first = false;
        if (HotPrune.isHotUpdated(page, t)) {
            priorXmax = xmax(page, t);
            current = ctidOffset(page, t);
        } else {
            ended = true;
        }
        return member;
    }

    /**
     * Puts the members of the chain at {@code root} in order into {@code members} and returns how
     * many there are, marking them in {@code reached} (if not null). A chain visits each offset at
     * most once, so {@code members} needs room for the page's line pointers.
     */
    public static int members(ByteBuffer page, int root, boolean[] reached, int[] members) {
        HotChainWalk walk = new HotChainWalk(page, root, reached);
        int length = 0;
        for (int member = walk.next(); member != 0 && length < members.length; member = walk.next()) {
            members[length++] = member;
        }
        return length;
    }

    /** The offsets of the chain's members in order (empty when the root holds nothing). */
    public static int[] members(ByteBuffer page, int root) {
        int[] members = new int[Page.maxOffsetNumber(page)];
        return java.util.Arrays.copyOf(members, members(page, root, null, members));
    }
}
