package org.tusk.buffer.internal;

/**
 * The 32-bit state word of a buffer descriptor (PostgreSQL's BufferDesc.state),
 * changed only by CAS so that pinning needs no lock:
 * <pre>
 *  bits  0-17  shared refcount (pins by distinct processes)
 *  bits 18-21  usage count for the clock sweep, at most {@link #MAX_USAGE_COUNT}
 *  bit  22     BM_LOCKED: buffer header spinlock (guards tag and flag changes)
 *  bit  23     BM_DIRTY
 *  bit  24     BM_VALID: the page holds the block's data
 *  bit  25     BM_TAG_VALID: the tag names a block and the mapping table points here
 *  bit  26     BM_IO_IN_PROGRESS: a process is reading or writing the page
 *  bit  27     BM_IO_ERROR: the last I/O failed
 *  bit  28     BM_JUST_DIRTIED: dirtied again while being written
 *  bit  29     BM_CHECKPOINT_NEEDED: dirty when the running checkpoint began (BufferSync writes it)
 *  bit  30     BM_PERMANENT: the page belongs to a relation that outlives a crash (not TEMP)
 * </pre>
 * All zero: an unused, unpinned, invalid buffer.
 */
public final class BufferState {

    public static final int REFCOUNT_ONE = 1;
    public static final int REFCOUNT_MASK = (1 << 18) - 1;
    public static final int USAGECOUNT_SHIFT = 18;
    public static final int USAGECOUNT_ONE = 1 << USAGECOUNT_SHIFT;
    public static final int USAGECOUNT_MASK = 0xF << USAGECOUNT_SHIFT;
    public static final int MAX_USAGE_COUNT = 5;

    public static final int BM_LOCKED = 1 << 22;
    public static final int BM_DIRTY = 1 << 23;
    public static final int BM_VALID = 1 << 24;
    public static final int BM_TAG_VALID = 1 << 25;
    public static final int BM_IO_IN_PROGRESS = 1 << 26;
    public static final int BM_IO_ERROR = 1 << 27;
    public static final int BM_JUST_DIRTIED = 1 << 28;
    public static final int BM_CHECKPOINT_NEEDED = 1 << 29;
    public static final int BM_PERMANENT = 1 << 30;

    private BufferState() {
    }

    public static int refcount(int state) {
        return state & REFCOUNT_MASK;
    }

    public static int usageCount(int state) {
        return (state & USAGECOUNT_MASK) >>> USAGECOUNT_SHIFT;
    }

    public static boolean has(int state, int flag) {
        return (state & flag) != 0;
    }
}
