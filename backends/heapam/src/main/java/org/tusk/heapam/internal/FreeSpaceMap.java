package org.tusk.heapam.internal;

import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.shmem.LWLockMode;

/**
 * The free space map (freespace.c, fsmpage.c): the relation's {@code _fsm}
 * fork, shared by every process through shared buffers, one byte per heap
 * block holding its free space in steps of {@value #CATEGORY_STEP} bytes
 * (PostgreSQL's categories: avail / 32, rounded down; a request needs
 * ceil(needed / 32)).
 *
 * <p>Layout: every FSM page is a standard page ({@code PageInit(BLCKSZ, 0)})
 * whose bytes after the 24-byte header are the categories of
 * {@value #SLOTS_PER_PAGE} consecutive heap blocks. PostgreSQL keeps a binary
 * max-tree inside each page and a tree of pages above them; this map is the
 * leaf level only, searched linearly from the start (8 kB per 8168 heap
 * pages, cheap next to the heap page visit it saves). A zero page reads as
 * "no space known".
 *
 * <p>As in PostgreSQL the map is a hint and not WAL-logged: an inserter checks
 * the heap page it is sent to, records the real free space when it was wrong,
 * and VACUUM rewrites the map. A page torn by a crash fails its checksum; it
 * is then zeroed on disk (RBM_ZERO_ON_ERROR), losing only hints.
 *
 * <p>Lock order: an FSM page lock is never held together with a heap page
 * lock (callers record after releasing the heap page).
 */
public final class FreeSpaceMap {

    public static final int CATEGORY_STEP = 32;
    public static final int SLOTS_PER_PAGE = Page.BLCKSZ - Page.SIZE_OF_PAGE_HEADER;

    private static final Logger LOG = LoggerFactory.getLogger(FreeSpaceMap.class);

    private final BufferManager buffers;

    public FreeSpaceMap(BufferManager buffers) {
        this.buffers = buffers;
    }

    /** fsm_space_avail_to_cat. */
    public static int availToCategory(int avail) {
        return Math.min(255, Math.max(0, avail) / CATEGORY_STEP);
    }

    /** fsm_space_needed_to_cat. */
    public static int neededToCategory(int needed) {
        int cat = (needed + CATEGORY_STEP - 1) / CATEGORY_STEP;
        if (cat > 255) {
            throw new IllegalArgumentException("request of " + needed + " bytes exceeds any page");
        }
        return Math.max(cat, 1);
    }

    /**
     * GetPageWithFreeSpace: the lowest heap block recorded with at least
     * {@code needed} bytes free, other than {@code excludedBlock}, or -1.
     */
    public int find(RelFileLocator relation, int needed, int excludedBlock) {
        int wanted = neededToCategory(needed);
        int fsmPages = nblocks(relation);
        for (int fsmBlock = 0; fsmBlock < fsmPages; fsmBlock++) {
            Buffer buffer = read(relation, fsmBlock);
            try {
                buffer.lock(LWLockMode.SHARED);
                ByteBuffer page = buffer.page();
                if (Page.isNew(page)) {
                    continue;
                }
                int base = fsmBlock * SLOTS_PER_PAGE;
                for (int slot = 0; slot < SLOTS_PER_PAGE; slot++) {
                    if ((page.get(Page.SIZE_OF_PAGE_HEADER + slot) & 0xFF) >= wanted && base + slot != excludedBlock) {
                        return base + slot;
                    }
                }
            } finally {
                buffer.release();
            }
        }
        return -1;
    }

    /** RecordPageWithFreeSpace: heap block {@code block} has {@code freeBytes} free. */
    public void record(RelFileLocator relation, int block, int freeBytes) {
        int category = availToCategory(freeBytes);
        int fsmBlock = block / SLOTS_PER_PAGE;
        if (fsmBlock >= nblocks(relation)) {
            if (category == 0) {
                return;                             // beyond the map reads as 0 already
            }
            extendTo(relation, fsmBlock);
        }
        Buffer buffer = read(relation, fsmBlock);
        try {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            int at = Page.SIZE_OF_PAGE_HEADER + block % SLOTS_PER_PAGE;
            if (Page.isNew(page)) {
                if (category == 0) {
                    return;
                }
                Page.init(page, 0);
            } else if ((page.get(at) & 0xFF) == category) {
                return;
            }
            page.put(at, (byte) category);
            buffer.markDirty();                     // no WAL: a hint (LSN stays 0, so no flush is needed to write it)
        } finally {
            buffer.release();
        }
    }

    /** The recorded category of a heap block (tests, HeapCheck). */
    public int category(RelFileLocator relation, int block) {
        int fsmBlock = block / SLOTS_PER_PAGE;
        if (fsmBlock >= nblocks(relation)) {
            return 0;
        }
        Buffer buffer = read(relation, fsmBlock);
        try {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer page = buffer.page();
            return Page.isNew(page) ? 0 : page.get(Page.SIZE_OF_PAGE_HEADER + block % SLOTS_PER_PAGE) & 0xFF;
        } finally {
            buffer.release();
        }
    }

    private int nblocks(RelFileLocator relation) {
        return buffers.smgr().exists(relation, ForkNumber.FSM) ? buffers.nblocks(relation, ForkNumber.FSM) : 0;
    }

    /** fsm_extend: grows the fork with zero pages until it has block {@code fsmBlock}. */
    private void extendTo(RelFileLocator relation, int fsmBlock) {
        while (nblocks(relation) <= fsmBlock) {
            buffers.extend(relation, ForkNumber.FSM).release();     // a zero page: valid, "no space known"
        }
    }

    /** ReadBuffer with RBM_ZERO_ON_ERROR: a corrupt map page is replaced by a zero one. */
    private Buffer read(RelFileLocator relation, int fsmBlock) {
        try {
            return buffers.read(relation, ForkNumber.FSM, fsmBlock);
        } catch (PgException e) {
            if (!SqlState.DATA_CORRUPTED.equals(e.sqlState())) {
                throw e;
            }
            LOG.warn("free space map page {} of {} is corrupt ({}); zeroing it", fsmBlock, relation, e.getMessage());
            buffers.smgr().write(relation, ForkNumber.FSM, fsmBlock, Page.allocate());
            return buffers.read(relation, ForkNumber.FSM, fsmBlock);
        }
    }
}
