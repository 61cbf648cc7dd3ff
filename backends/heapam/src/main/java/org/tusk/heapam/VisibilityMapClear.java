package org.tusk.heapam;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.tusk.buffer.Buffer;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.VisibilityMap;
import org.tusk.shmem.LWLockMode;
import org.tusk.wal.WalRecord;

/**
 * visibilitymap_clear inside a heap change's critical section: for each
 * changed heap page (exclusively locked by the caller) that is still
 * PD_ALL_VISIBLE, its map page is locked and the block's bits cleared; the
 * map pages are registered in the heap record as blocks
 * {@value #FIRST_BLOCK_ID} and up, so redo clears the same bits (for every
 * heap block of the record the map page covers: clearing more is always
 * safe). Closing stamps nothing and releases the map pages.
 *
 * <p>Must be prepared before the heap pages change (it reads PD_ALL_VISIBLE).
 */
final class VisibilityMapClear implements AutoCloseable {

    /** Block ids 0 and 1 are heap pages in every heap record. */
    static final int FIRST_BLOCK_ID = 2;

    static final VisibilityMapClear NOTHING = new VisibilityMapClear(new Buffer[0]);

    /** An array, not a list: register, setLsn and close run for every heap change, nearly always over none. */
    private final Buffer[] mapPages;

    private VisibilityMapClear(Buffer[] mapPages) {
        this.mapPages = mapPages;
    }

    /** For changes that leave visibility alone (in-place updates of a tuple's data). */
    static VisibilityMapClear none() {
        return NOTHING;
    }

    /** {@link #prepareMany} for one heap page (insert, delete, lock, HOT update). */
    static VisibilityMapClear prepare(VisibilityMap vm, Buffer heapPage) {
        // visibilitymap_clear is only reached for a PD_ALL_VISIBLE page: every other change (each TPC-B one)
        // allocated the varargs array and the grouping map below just to find nothing in them
        return isAllVisible(heapPage) ? prepareMany(vm, heapPage) : NOTHING;
    }

    /** {@link #prepareMany} for an update's two heap pages. */
    static VisibilityMapClear prepare(VisibilityMap vm, Buffer newPage, Buffer oldPage) {
        return isAllVisible(newPage) || isAllVisible(oldPage) ? prepareMany(vm, newPage, oldPage) : NOTHING;
    }

    private static boolean isAllVisible(Buffer heapPage) {
        return (Page.flags(heapPage.page()) & Page.PD_ALL_VISIBLE) != 0;
    }

    private static VisibilityMapClear prepareMany(VisibilityMap vm, Buffer... heapPages) {
        TreeMap<Integer, List<Integer>> byMapBlock = new TreeMap<>();
        for (Buffer heap : heapPages) {
            if (isAllVisible(heap)) {
                byMapBlock.computeIfAbsent(VisibilityMap.mapBlock(heap.blockNumber()), b -> new ArrayList<>())
                        .add(heap.blockNumber());
            }
        }
        if (byMapBlock.isEmpty()) {
            return NOTHING;
        }
        List<Buffer> changed = new ArrayList<>();
        for (List<Integer> heapBlocks : byMapBlock.values()) {      // map pages in block order
            Buffer map = vm.pinIfExists(heapPages[0].locator(), heapBlocks.get(0));
            if (map == null) {
                continue;
            }
            map.lock(LWLockMode.EXCLUSIVE);
            boolean any = false;
            for (int heapBlock : heapBlocks) {
                if (VisibilityMap.bits(map.page(), heapBlock) != 0) {
                    VisibilityMap.setBits(map.page(), heapBlock, 0);
                    any = true;
                }
            }
            if (any) {
                map.markDirty();
                changed.add(map);
            } else {
                map.release();
            }
        }
        return changed.isEmpty() ? NOTHING : new VisibilityMapClear(changed.toArray(new Buffer[0]));
    }

    void register(WalRecord.Builder record) {
        for (int i = 0; i < mapPages.length; i++) {
            record.block(HeapAccessMethod.blockRef(FIRST_BLOCK_ID + i, mapPages[i], 0));
        }
    }

    void setLsn(long lsn) {
        for (Buffer map : mapPages) {
            Page.setLsn(map.page(), lsn);
        }
    }

    @Override
    public void close() {
        for (Buffer map : mapPages) {
            map.release();
        }
    }
}
