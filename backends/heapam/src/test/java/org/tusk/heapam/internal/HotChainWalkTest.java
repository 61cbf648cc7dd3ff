package org.tusk.heapam.internal;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.buffer.Page;

/** The members of a HOT chain, handed out one at a time, follow heap_hot_search_buffer's rules. */
class HotChainWalkTest {

    /** Adds a version inserted by {@code xmin}; if {@code updater} is not 0 it was HOT-updated by it to {@code next}. */
    private static int add(ByteBuffer page, int xmin, boolean heapOnly, int updater, int next) {
        byte[] tuple = HeapTupleHeader.form(new byte[] {1, 2, 3}, xmin, 0, 0, 0, 0);
        int offset = Page.addItem(page, tuple, Page.INVALID_OFFSET_NUMBER);
        ByteBuffer t = Page.item(page, offset);
        if (updater != 0) {
            setXmax(t, updater);
            setInfomask(t, infomask(t) & ~HEAP_XMAX_INVALID);
            setCtid(t, 0, next);
        } else {
            setCtid(t, 0, offset);
        }
        setInfomask2(t, (heapOnly ? HEAP_ONLY_TUPLE : 0) | (updater != 0 ? HEAP_HOT_UPDATED : 0));
        return offset;
    }

    private static List<Integer> walk(ByteBuffer page, int root, boolean[] reached) {
        int[] members = new int[Page.maxOffsetNumber(page)];
        int length = HotChainWalk.members(page, root, reached, members);
        return java.util.Arrays.stream(members, 0, length).boxed().toList();
    }

    @Test
    void followsUpdatersThroughHeapOnlyVersions() {
        ByteBuffer page = Page.allocate();
        HeapRecords.initPage(page);
        assertEquals(1, add(page, 100, false, 101, 2));      // root, updated by 101
        assertEquals(2, add(page, 101, true, 102, 3));
        assertEquals(3, add(page, 102, true, 0, 0));          // the live end
        assertEquals(4, add(page, 200, false, 201, 5));       // updated by 201 ...
        assertEquals(5, add(page, 999, true, 0, 0));          // ... but this is not 201's version: the chain ends
        assertEquals(6, add(page, 300, false, 0, 0));         // a one-member chain
        assertEquals(7, add(page, 400, false, 401, 8));       // a non-heap-only successor ends the chain
        assertEquals(8, add(page, 401, false, 0, 0));

        assertEquals(List.of(1, 2, 3), walk(page, 1, null));
        assertEquals(List.of(4), walk(page, 4, null));
        assertEquals(List.of(6), walk(page, 6, null));
        assertEquals(List.of(7), walk(page, 7, null));
        HotChainWalk one = new HotChainWalk(page, 6, null);
        assertEquals(6, one.next());
        assertEquals(0, one.next());
        assertEquals(0, one.next(), "an ended walk stays ended");

        // A redirect leads to heap-only versions only.
        Page.setItemId(page, 1, 2, Page.LP_REDIRECT, 0);
        assertEquals(List.of(2, 3), walk(page, 1, null));
        Page.setItemId(page, 4, 6, Page.LP_REDIRECT, 0);
        assertEquals(List.of(), walk(page, 4, null), "redirect to a tuple that is not heap-only");

        // Pruning marks what it reached, and a later walk stops at a member another chain took.
        boolean[] reached = new boolean[Page.maxOffsetNumber(page) + 1];
        reached[3] = true;
        assertEquals(List.of(2), walk(page, 1, reached));
        assertTrue(reached[2]);
        assertEquals(List.of(), walk(page, 1, reached));
    }
}
