package org.tusk.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Static helpers over an 8 kB page in PostgreSQL's layout (bufpage.h/.c), on a
 * {@link ByteBuffer} whose position and order are ignored: every access is
 * absolute and little-endian.
 *
 * <pre>
 *  0  pd_lsn              8 bytes, LSN just past the last WAL record that changed the page
 *  8  pd_checksum         u16, see {@link PageChecksum}
 * 10  pd_flags            u16, PD_HAS_FREE_LINES 1, PD_PAGE_FULL 2, PD_ALL_VISIBLE 4
 * 12  pd_lower            u16, end of the line pointer array
 * 14  pd_upper            u16, start of tuple space
 * 16  pd_special          u16, start of the access method's special space
 * 18  pd_pagesize_version u16, 8192 | layout version 4
 * 20  pd_prune_xid        u32
 * 24  line pointers (ItemIdData, 4 bytes each) ... free space ... items ... special
 * </pre>
 *
 * <p>Line pointers (ItemIdData) are 32-bit words: bits 0-14 lp_off, bits 15-16
 * lp_flags (UNUSED 0, NORMAL 1, REDIRECT 2, DEAD 3), bits 17-31 lp_len, as the
 * C bit fields are laid out on little-endian machines. Offset numbers are
 * 1-based; 0 is InvalidOffsetNumber. Item storage is MAXALIGNed (8 bytes).
 */
public final class Page {

    public static final int BLCKSZ = 8192;
    public static final int SIZE_OF_PAGE_HEADER = 24;
    public static final int PG_PAGE_LAYOUT_VERSION = 4;
    public static final int MAXIMUM_ALIGNOF = 8;
    public static final int ITEM_ID_SIZE = 4;
    public static final int INVALID_OFFSET_NUMBER = 0;

    public static final int PD_LSN = 0;
    public static final int PD_CHECKSUM = 8;
    public static final int PD_FLAGS = 10;
    public static final int PD_LOWER = 12;
    public static final int PD_UPPER = 14;
    public static final int PD_SPECIAL = 16;
    public static final int PD_PAGESIZE_VERSION = 18;
    public static final int PD_PRUNE_XID = 20;

    public static final int PD_HAS_FREE_LINES = 0x0001;
    public static final int PD_PAGE_FULL = 0x0002;
    public static final int PD_ALL_VISIBLE = 0x0004;
    public static final int PD_VALID_FLAG_BITS = 0x0007;

    public static final int LP_UNUSED = 0;
    public static final int LP_NORMAL = 1;
    public static final int LP_REDIRECT = 2;
    public static final int LP_DEAD = 3;

    private Page() {
    }

    /** A fresh zeroed heap page buffer in little-endian order (for private copies). */
    public static ByteBuffer allocate() {
        return ByteBuffer.allocate(BLCKSZ).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static int maxAlign(int length) {
        return (length + MAXIMUM_ALIGNOF - 1) & ~(MAXIMUM_ALIGNOF - 1);
    }

    /** PageInit: zeroes the page and sets an empty layout with {@code specialSize} (MAXALIGNed) bytes of special space. */
    public static void init(ByteBuffer page, int specialSize) {
        int special = BLCKSZ - maxAlign(specialSize);
        if (specialSize < 0 || special < SIZE_OF_PAGE_HEADER) {
            throw new IllegalArgumentException("invalid special space size " + specialSize);
        }
        for (int i = 0; i < BLCKSZ; i += Long.BYTES) {
            page.putLong(i, 0);
        }
        putU16(page, PD_LOWER, SIZE_OF_PAGE_HEADER);
        putU16(page, PD_UPPER, special);
        putU16(page, PD_SPECIAL, special);
        putU16(page, PD_PAGESIZE_VERSION, BLCKSZ | PG_PAGE_LAYOUT_VERSION);
    }

    /** Whether the header is all zeroes: a page that was never initialized (PageIsNew). */
    public static boolean isNew(ByteBuffer page) {
        ByteBuffer le = littleEndian(page);
        return le.getLong(0) == 0 && le.getLong(8) == 0 && le.getLong(16) == 0;
    }

    /** Whether every byte of the page is zero. */
    public static boolean isAllZero(ByteBuffer page) {
        for (int i = 0; i < BLCKSZ; i += Long.BYTES) {
            if (page.getLong(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checks of PageIsVerified: known flags, lower &lt;= upper &lt;= special &lt;= BLCKSZ, aligned special. */
    public static boolean headerIsSane(ByteBuffer page) {
        int flags = flags(page);
        int lower = lower(page);
        int upper = upper(page);
        int special = special(page);
        return (flags & ~PD_VALID_FLAG_BITS) == 0 && lower >= SIZE_OF_PAGE_HEADER && lower <= upper
                && upper <= special && special <= BLCKSZ && special == maxAlign(special);
    }

    public static long lsn(ByteBuffer page) {
        return littleEndian(page).getLong(PD_LSN);
    }

    public static void setLsn(ByteBuffer page, long lsn) {
        littleEndian(page).putLong(PD_LSN, lsn);
    }

    public static int checksum(ByteBuffer page) {
        return getU16(page, PD_CHECKSUM);
    }

    public static void setChecksum(ByteBuffer page, int checksum) {
        putU16(page, PD_CHECKSUM, checksum);
    }

    public static int flags(ByteBuffer page) {
        return getU16(page, PD_FLAGS);
    }

    public static void setFlags(ByteBuffer page, int flags) {
        putU16(page, PD_FLAGS, flags);
    }

    public static int lower(ByteBuffer page) {
        return getU16(page, PD_LOWER);
    }

    public static void setLower(ByteBuffer page, int lower) {
        putU16(page, PD_LOWER, lower);
    }

    public static int upper(ByteBuffer page) {
        return getU16(page, PD_UPPER);
    }

    public static void setUpper(ByteBuffer page, int upper) {
        putU16(page, PD_UPPER, upper);
    }

    public static int special(ByteBuffer page) {
        return getU16(page, PD_SPECIAL);
    }

    /** Size of the special space. */
    public static int specialSize(ByteBuffer page) {
        return BLCKSZ - special(page);
    }

    public static int pageSizeVersion(ByteBuffer page) {
        return getU16(page, PD_PAGESIZE_VERSION);
    }

    public static int pruneXid(ByteBuffer page) {
        return littleEndian(page).getInt(PD_PRUNE_XID);
    }

    public static void setPruneXid(ByteBuffer page, int xid) {
        littleEndian(page).putInt(PD_PRUNE_XID, xid);
    }

    /** PageGetFreeSpace: room for one more item including its line pointer, 0 if none. */
    public static int freeSpace(ByteBuffer page) {
        int space = upper(page) - lower(page);
        return space < ITEM_ID_SIZE ? 0 : space - ITEM_ID_SIZE;
    }

    // --- line pointers and items ----------------------------------------------

    /** PageGetMaxOffsetNumber: the number of line pointers. */
    public static int maxOffsetNumber(ByteBuffer page) {
        int lower = lower(page);
        return lower <= SIZE_OF_PAGE_HEADER ? 0 : (lower - SIZE_OF_PAGE_HEADER) / ITEM_ID_SIZE;
    }

    /** PageGetItemId: the raw line pointer word of {@code offsetNumber} (1-based). */
    public static int itemId(ByteBuffer page, int offsetNumber) {
        checkOffset(page, offsetNumber);
        return littleEndian(page).getInt(itemIdPosition(offsetNumber));
    }

    /**
     * {@link #itemId} without its range check (a read of pd_lower per call), as PageGetItemId is: for loops
     * over 1..{@link #maxOffsetNumber}, read once, of a little-endian page view (see {@link #littleEndian}).
     */
    public static int itemIdInRange(ByteBuffer littleEndianPage, int offsetNumber) {
        return littleEndianPage.getInt(itemIdPosition(offsetNumber));
    }

    public static void setItemId(ByteBuffer page, int offsetNumber, int offset, int flags, int length) {
        checkOffset(page, offsetNumber);
        littleEndian(page).putInt(itemIdPosition(offsetNumber), makeItemId(offset, flags, length));
    }

    public static int makeItemId(int offset, int flags, int length) {
        return (offset & 0x7FFF) | (flags & 3) << 15 | (length & 0x7FFF) << 17;
    }

    public static int itemIdOffset(int itemId) {
        return itemId & 0x7FFF;
    }

    public static int itemIdFlags(int itemId) {
        return itemId >>> 15 & 3;
    }

    public static int itemIdLength(int itemId) {
        return itemId >>> 17;
    }

    /** PageGetItem: a view of the item's bytes (little-endian), sharing the page. */
    public static ByteBuffer item(ByteBuffer page, int offsetNumber) {
        int id = itemId(page, offsetNumber);
        // an absolute slice: one view object per item (duplicate-then-slice made two), whatever the page's position
        return page.slice(itemIdOffset(id), itemIdLength(id)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * PageAddItem: stores {@code item} and a NORMAL line pointer to it. With
     * {@code offsetNumber} 0 the first unused line pointer is reused (when the
     * page says it has some), else a new one is appended; a given offset
     * number must be an unused line pointer or the next new one. Returns the
     * offset number used, or 0 (InvalidOffsetNumber) when the page has no room.
     */
    public static int addItem(ByteBuffer page, byte[] item, int offsetNumber) {
        return addItem(page, NO_BYTES, item, 0, item.length, offsetNumber);
    }

    /** {@link #addItem(ByteBuffer, byte[], int)} with the item at {@code from} in {@code bytes}, {@code length} long. */
    public static int addItem(ByteBuffer page, byte[] bytes, int from, int length, int offsetNumber) {
        return addItem(page, NO_BYTES, bytes, from, length, offsetNumber);
    }

    /**
     * {@link #addItem(ByteBuffer, byte[], int)} for the item {@code head} followed by {@code body}:
     * a heap tuple's header and data go onto the page without being joined in a new array first.
     */
    public static int addItem(ByteBuffer page, byte[] head, byte[] body, int offsetNumber) {
        return addItem(page, head, body, 0, body.length, offsetNumber);
    }

    private static final byte[] NO_BYTES = new byte[0];

    private static int addItem(ByteBuffer page, byte[] head, byte[] body, int from, int bodyLength, int offsetNumber) {
        int length = head.length + bodyLength;
        int max = maxOffsetNumber(page);
        int target = offsetNumber;
        if (target == INVALID_OFFSET_NUMBER) {
            target = max + 1;
            if ((flags(page) & PD_HAS_FREE_LINES) != 0) {
                for (int off = 1; off <= max; off++) {
                    int id = itemId(page, off);
                    if (itemIdFlags(id) == LP_UNUSED && itemIdLength(id) == 0) {
                        target = off;
                        break;
                    }
                }
                if (target == max + 1) {
                    setFlags(page, flags(page) & ~PD_HAS_FREE_LINES);   // the hint was stale
                }
            }
        } else if (target < 1 || target > max + 1) {
            throw new IllegalArgumentException("invalid offset number " + offsetNumber + " on page with " + max + " items");
        } else if (target <= max && itemIdFlags(itemId(page, target)) != LP_UNUSED) {
            throw new IllegalArgumentException("line pointer " + target + " is in use");
        }
        int lower = lower(page) + (target == max + 1 ? ITEM_ID_SIZE : 0);
        int upper = upper(page) - maxAlign(length);
        if (lower > upper) {
            return INVALID_OFFSET_NUMBER;
        }
        page.put(upper, head);                               // absolute puts: no duplicate of the page per item
        page.put(upper + head.length, body, from, bodyLength);
        setLower(page, lower);
        setUpper(page, upper);
        setItemId(page, target, upper, LP_NORMAL, length);
        return target;
    }

    /** ItemIdSetUnused on {@code offsetNumber}; its storage is reclaimed by {@link #repairFragmentation}. */
    public static void setItemUnused(ByteBuffer page, int offsetNumber) {
        setItemId(page, offsetNumber, 0, LP_UNUSED, 0);
        setFlags(page, flags(page) | PD_HAS_FREE_LINES);
    }

    /** ItemIdMarkDead: keeps the storage until {@link #repairFragmentation} (which frees it). */
    public static void markItemDead(ByteBuffer page, int offsetNumber) {
        int id = itemId(page, offsetNumber);
        setItemId(page, offsetNumber, itemIdOffset(id), LP_DEAD, itemIdLength(id));
    }

    /**
     * PageRepairFragmentation: moves the storage of every NORMAL item together at the
     * end of the tuple space; DEAD line pointers lose their storage. Line pointer
     * numbers stay, so references to items stay valid. Caller holds the buffer's cleanup lock.
     *
     * <p>As compactify_tuples: when the line pointers' items lie in descending address order
     * (its "presorted" case: the page's items were placed in line pointer order, as the last
     * compaction leaves them and appends keep them), each item moves up within the page in
     * place, never over one not yet moved, and the items above the first gap do not move at
     * all. Otherwise the items are copied aside once and placed back in line pointer order
     * (the first line pointer's item at the end of the page), which needs no sort and leaves
     * the page presorted for the next time.
     */
    public static void repairFragmentation(ByteBuffer page) {
        ByteBuffer le = littleEndian(page);
        int max = maxOffsetNumber(le);
        int special = special(le);
        int lowest = special;
        boolean presorted = true;
        boolean hasFree = false;
        for (int off = 1; off <= max; off++) {      // off is in range: line pointers read and written unchecked
            int id = itemIdInRange(le, off);
            int flags = itemIdFlags(id);
            if (flags == LP_NORMAL && itemIdLength(id) > 0) {
                int start = itemIdOffset(id);
                presorted &= start < lowest;
                lowest = Math.min(lowest, start);
            } else if (flags == LP_DEAD) {
                le.putInt(itemIdPosition(off), makeItemId(0, LP_DEAD, 0));
            } else if (flags == LP_UNUSED) {
                hasFree = true;
            }
        }
        byte[] items = null;
        if (!presorted) {
            items = COMPACTION_SCRATCH.get();
            le.get(lowest, items, 0, special - lowest);
        }
        // Items adjacent in storage that land adjacent again move as one run (one copy for the run, as
        // compactify_tuples merges them): each item's place is the previous one's minus its aligned length,
        // so an item that lies right below the run's lowest one keeps the run's distance.
        int upper = special;
        int runFrom = special;          // the run's sources: [runFrom, runTo), to move by runDistance
        int runTo = special;
        int runDistance = 0;
        for (int off = 1; off <= max; off++) {
            int id = itemIdInRange(le, off);
            int length = itemIdLength(id);
            if (itemIdFlags(id) == LP_NORMAL && length > 0) {
                int start = itemIdOffset(id);
                int aligned = maxAlign(length);
                upper -= aligned;
                if (items != null) {
                    le.put(upper, items, start - lowest, length);
                    le.putInt(itemIdPosition(off), makeItemId(upper, LP_NORMAL, length));
                    continue;
                }
                if (start + aligned != runFrom || upper - start != runDistance) {
                    moveRun(le, items, lowest, runFrom, runTo, runDistance);
                    runTo = start + aligned;
                    runDistance = upper - start;
                }
                runFrom = start;
                if (upper != start) {
                    le.putInt(itemIdPosition(off), makeItemId(upper, LP_NORMAL, length));
                }
            }
        }
        moveRun(le, items, lowest, runFrom, runTo, runDistance);
        setUpper(le, upper);
        int flags = flags(le) & ~PD_HAS_FREE_LINES;
        setFlags(le, hasFree ? flags | PD_HAS_FREE_LINES : flags);
    }

    /**
     * Moves the item storage {@code [from, to)} up by {@code distance}: from the copy {@code items} (of the
     * page from {@code lowest} on) when there is one, else within the page (a memmove: source and target may
     * overlap). A run already in place (distance 0) is left alone: no other item's place overlaps it.
     */
    private static void moveRun(ByteBuffer page, byte[] items, int lowest, int from, int to, int distance) {
        if (to <= from || distance == 0) {
            return;
        }
        if (items != null) {
            page.put(from + distance, items, from - lowest, to - from);
        } else {
            page.put(from + distance, page, from, to - from);
        }
    }

    /** compactify_tuples' scratch page, one per thread (pruning runs on every full page an update finds). */
    private static final ThreadLocal<byte[]> COMPACTION_SCRATCH = ThreadLocal.withInitial(() -> new byte[BLCKSZ]);

    private static int itemIdPosition(int offsetNumber) {
        return SIZE_OF_PAGE_HEADER + (offsetNumber - 1) * ITEM_ID_SIZE;
    }

    private static void checkOffset(ByteBuffer page, int offsetNumber) {
        if (offsetNumber < 1 || offsetNumber > maxOffsetNumber(page)) {
            throw new IllegalArgumentException("offset number " + offsetNumber + " out of range 1.."
                    + maxOffsetNumber(page));
        }
    }

    /**
     * {@code page} itself when it is little-endian already (every buffer's page view is), else a little-endian
     * duplicate: for absolute reads and writes of the page's fields without a new view per field access.
     */
    public static ByteBuffer littleEndian(ByteBuffer page) {
        return page.order() == ByteOrder.LITTLE_ENDIAN ? page : page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int getU16(ByteBuffer page, int offset) {
        return littleEndian(page).getShort(offset) & 0xFFFF;
    }

    private static void putU16(ByteBuffer page, int offset, int value) {
        littleEndian(page).putShort(offset, (short) value);
    }
}
