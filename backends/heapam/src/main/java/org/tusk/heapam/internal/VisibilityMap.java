package org.tusk.heapam.internal;

import java.nio.ByteBuffer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.shmem.LWLockMode;

/**
 * The visibility map (visibilitymap.c): the relation's {@code _vm} fork, two
 * bits per heap block, ALL_VISIBLE (every tuple on the page is visible to
 * every transaction, now and later) and ALL_FROZEN (and every xmin is
 * frozen, no xmax is set). Layout as PostgreSQL: standard pages, the map
 * bytes after the 24-byte header, block b at byte b / 4, bits 2 * (b % 4).
 *
 * <p>Unlike the FSM it must be right, so every change is WAL-logged with the
 * map page registered in the record: VACUUM sets bits with HEAP2 VISIBLE,
 * and every heap change of a PD_ALL_VISIBLE page clears them in the same
 * record that changes the heap page (the map page is an extra block of
 * that record). Invariant: a set bit implies the heap page's PD_ALL_VISIBLE.
 *
 * <p>Lock order: heap page(s) first, then map pages in block order; nobody
 * waits for a heap page while holding a map page.
 */
public final class VisibilityMap {

    public static final int ALL_VISIBLE = 0x01;
    public static final int ALL_FROZEN = 0x02;
    public static final int VALID_BITS = 0x03;
    public static final int BLOCKS_PER_PAGE = (Page.BLCKSZ - Page.SIZE_OF_PAGE_HEADER) * 4;

    private final BufferManager buffers;

    public VisibilityMap(BufferManager buffers) {
        this.buffers = buffers;
    }

    public static int mapBlock(int heapBlock) {
        return heapBlock / BLOCKS_PER_PAGE;
    }

    /** visibilitymap_get_status: the bits of {@code heapBlock} (0 when the map does not reach it). */
    public int status(RelFileLocator relation, int heapBlock) {
        int mapBlock = mapBlock(heapBlock);
        if (mapBlock >= nblocks(relation)) {
            return 0;
        }
        Buffer buffer = buffers.read(relation, ForkNumber.VISIBILITY_MAP, mapBlock);
        try {
            buffer.lock(LWLockMode.SHARED);
            return bits(buffer.page(), heapBlock);
        } finally {
            buffer.release();
        }
    }

    /**
     * visibilitymap_pin: the map page covering {@code heapBlock}, pinned and
     * unlocked, or null when the map does not reach it (so no bit is set).
     */
    public Buffer pinIfExists(RelFileLocator relation, int heapBlock) {
        int mapBlock = mapBlock(heapBlock);
        return mapBlock < nblocks(relation) ? buffers.read(relation, ForkNumber.VISIBILITY_MAP, mapBlock) : null;
    }

    /** vm_extend: the map page covering {@code heapBlock}, pinned and unlocked, extending the fork if needed. */
    public Buffer pin(RelFileLocator relation, int heapBlock) {
        int mapBlock = mapBlock(heapBlock);
        while (nblocks(relation) <= mapBlock) {
            buffers.extend(relation, ForkNumber.VISIBILITY_MAP).release();
        }
        return buffers.read(relation, ForkNumber.VISIBILITY_MAP, mapBlock);
    }

    /**
     * visibilitymap_pin with a buffer already in hand: {@code current} itself when it is the map page
     * covering {@code heapBlock}; otherwise {@code current} (if any) is released and that page pinned.
     */
    public Buffer pin(RelFileLocator relation, int heapBlock, Buffer current) {
        if (current != null) {
            if (current.blockNumber() == mapBlock(heapBlock)) {
                return current;
            }
            current.release();
        }
        return pin(relation, heapBlock);
    }

    private int nblocks(RelFileLocator relation) {
        return buffers.smgr().exists(relation, ForkNumber.VISIBILITY_MAP)
                ? buffers.nblocks(relation, ForkNumber.VISIBILITY_MAP) : 0;
    }

    /** The bits of {@code heapBlock} on its (locked) map page. */
    public static int bits(ByteBuffer mapPage, int heapBlock) {
        if (Page.isNew(mapPage)) {
            return 0;
        }
        int slot = heapBlock % BLOCKS_PER_PAGE;
        return (mapPage.get(Page.SIZE_OF_PAGE_HEADER + slot / 4) >> (2 * (slot % 4))) & VALID_BITS;
    }

    /**
     * Sets the bits of {@code heapBlock} to exactly {@code bits} on its
     * exclusively locked map page (initializing a new page); the caller logs
     * the change. Used by the operations and by redo alike.
     */
    public static void setBits(ByteBuffer mapPage, int heapBlock, int bits) {
        if (Page.isNew(mapPage)) {
            Page.init(mapPage, 0);
        }
        if (Page.lower(mapPage) != Page.BLCKSZ) {
            // The bits live between pd_lower and pd_upper, where a full-page image leaves out the
            // "hole" of a standard page (PostgreSQL registers map pages without REGBUF_STANDARD;
            // Tusk's WAL compresses every image): with pd_lower at the end there is no hole, so
            // an image keeps the bits. Pages from before this rule get it at their next change.
            Page.setLower(mapPage, Page.BLCKSZ);
        }
        int slot = heapBlock % BLOCKS_PER_PAGE;
        int at = Page.SIZE_OF_PAGE_HEADER + slot / 4;
        int shift = 2 * (slot % 4);
        int b = mapPage.get(at) & 0xFF;
        mapPage.put(at, (byte) (b & ~(VALID_BITS << shift) | (bits & VALID_BITS) << shift));
    }
}
