package org.tusk.shmem.internal;

/**
 * Where everything lives in the segment file (PostgreSQL's CalculateShmemSize:
 * the whole size follows from maxBackends and is fixed at creation).
 *
 * <pre>
 * [header 4 KiB][spinlocks][LWLocks][shared words][proc slots x maxBackends]
 * </pre>
 *
 * Every area starts on a 64-byte boundary and every spinlock, LWLock and slot
 * has a 64-byte line of its own, so that contended words of unrelated locks do
 * not share a cache line, and so that every int is 4-aligned and every long
 * 8-aligned as the atomic accesses require. A change here must bump
 * {@link #LAYOUT_VERSION}.
 */
public final class SegmentLayout {

    /** "TUSKSHM\0" read as a native long; attach refuses anything else. */
    public static final long MAGIC = 0x54_55_53_4B_53_48_4D_00L;
    public static final int LAYOUT_VERSION = 3;

    /** PostgreSQL's MAX_BACKENDS (2^18 - 1); it also keeps LWLock shared counts far below their 24 bits. */
    public static final int MAX_BACKENDS = 0x3FFFF;

    public static final int NUM_SPINLOCKS = 16;
    public static final int NUM_LWLOCKS = 64;
    public static final int NUM_SHARED_WORDS = 256;

    public static final int CACHE_LINE = 64;

    // --- header ---
    public static final int HEADER_SIZE = 4096;
    public static final int HDR_MAGIC = 0;            // long
    public static final int HDR_VERSION = 8;          // int
    public static final int HDR_MAX_BACKENDS = 12;    // int
    public static final int HDR_RESET_GENERATION = 16; // long
    public static final int HDR_SEGMENT_SIZE = 24;    // long
    public static final int HDR_LATCH_DIR_LENGTH = 32; // int
    public static final int HDR_LATCH_DIR = 64;       // bytes (UTF-8)
    public static final int HDR_AREA_COUNT = 40;      // int
    /** The named-area directory (PostgreSQL's ShmemIndex): {@link #MAX_AREAS} entries of {@link #AREA_ENTRY} bytes. */
    public static final int HDR_AREAS = 1536;
    public static final int LATCH_DIR_MAX_BYTES = HDR_AREAS - HDR_LATCH_DIR;
    public static final int MAX_AREAS = 32;
    public static final int AREA_ENTRY = 64;
    public static final int AREA_NAME_LENGTH = 0;     // int
    public static final int AREA_NAME = 4;            // bytes, at most AREA_NAME_MAX_BYTES
    public static final int AREA_NAME_MAX_BYTES = 36;
    public static final int AREA_OFFSET = 40;         // long: first data byte, page aligned
    public static final int AREA_SIZE = 48;           // long: data bytes
    public static final int AREA_LWLOCK_FIRST_ID = 56; // int: id of the area's first LWLock
    public static final int AREA_LWLOCK_COUNT = 60;   // int: LWLocks just before the data
    /** Area data starts on an OS page, so that buffer pages never straddle two. */
    public static final int AREA_ALIGNMENT = 4096;
    /** Java maps at most 2 GiB in one buffer and the accessors take int offsets. */
    public static final long MAX_SEGMENT_SIZE = Integer.MAX_VALUE;

    // --- spinlocks: one int per cache line ---
    public static final int SPINLOCKS = HEADER_SIZE;
    public static final int SPINLOCK_STRIDE = CACHE_LINE;

    // --- LWLocks: state word + wait queue head/tail (slot index + 1, 0 = none) ---
    public static final int LWLOCKS = SPINLOCKS + NUM_SPINLOCKS * SPINLOCK_STRIDE;
    public static final int LWLOCK_STRIDE = CACHE_LINE;
    public static final int LW_STATE = 0;
    public static final int LW_HEAD = 4;
    public static final int LW_TAIL = 8;
    /** What one LWLock occupies (its words may also lie inside an area's data: ShmemArea.embeddedLWLock). */
    public static final int LW_BYTES = 12;

    // --- shared words: general-purpose 64-bit cells ---
    public static final int SHARED_WORDS = LWLOCKS + NUM_LWLOCKS * LWLOCK_STRIDE;

    // --- proc slots (PGPROC + PgBackendStatus) ---
    public static final int SLOTS = SHARED_WORDS + NUM_SHARED_WORDS * Long.BYTES;

    // PGPROC part, first cache line
    public static final int P_PID = 0;
    public static final int P_CANCEL_KEY = 4;
    public static final int P_INTERRUPTS = 8;
    public static final int P_LATCH_SET = 12;
    /** 1 while the owner is (about to be) blocked on its latch socket: wakers must send a datagram. */
    public static final int P_OWNER_SLEEPING = 16;
    public static final int P_LW_WAITING = 20;
    public static final int P_LW_WAIT_MODE = 24;
    public static final int P_LW_WAIT_NEXT = 28;      // slot index + 1, 0 = end of queue
    public static final int P_OWNER_PID = 32;         // pid of the process that owns the latch, 0 = none
    /** Like P_OWNER_SLEEPING, for the owner's LWLock wait socket (PostgreSQL's per-process semaphore). */
    public static final int P_SEM_SLEEPING = 36;
    /** The owner's current wait (a {@link org.tusk.shmem.WaitEvent} value), outside the changecount block as in PGPROC. */
    public static final int P_WAIT_EVENT = 40;

    // PgBackendStatus part, guarded by the changecount
    public static final int A_CHANGECOUNT = 64;       // int, odd while the owner writes
    /** First byte of the part a reader copies in one go. */
    public static final int A_COPY_START = 68;
    public static final int A_FLAGS = 68;             // int
    public static final int A_CLIENT_PORT = 72;       // int
    public static final int A_BACKEND_START = 80;     // long, epoch microseconds
    public static final int A_QUERY_START = 88;       // long
    public static final int A_STATE_CHANGE = 96;      // long
    public static final int A_LENGTHS = 104;          // 11 ints: byte length of each string, -1 = null
    public static final int A_SSL_BITS = 148;         // int, pg_stat_ssl.bits
    public static final int A_STRINGS = 152;

    public static final int STR_USER = 0;
    public static final int STR_DATABASE = 1;
    public static final int STR_APPLICATION = 2;
    public static final int STR_CLIENT_ADDR = 3;
    public static final int STR_STATE = 4;
    public static final int STR_QUERY = 5;
    public static final int STR_SSL_VERSION = 6;
    public static final int STR_SSL_CIPHER = 7;
    public static final int STR_SSL_CLIENT_DN = 8;
    public static final int STR_SSL_CLIENT_SERIAL = 9;
    public static final int STR_SSL_ISSUER_DN = 10;
    public static final int STRING_COUNT = 11;

    /** NAMEDATALEN: 64 bytes including PostgreSQL's terminator, so at most 63 bytes of text. */
    public static final int NAMEDATALEN = 64;
    /** track_activity_query_size default: 1024 bytes including the terminator. */
    public static final int QUERY_SIZE = 1024;

    private static final int[] STRING_CAPACITY = {
        NAMEDATALEN, NAMEDATALEN, NAMEDATALEN, NAMEDATALEN, NAMEDATALEN, QUERY_SIZE,
        // PgBackendSSLStatus keeps each of these in NAMEDATALEN bytes too (longer DNs are cut)
        NAMEDATALEN, NAMEDATALEN, NAMEDATALEN, NAMEDATALEN, NAMEDATALEN };

    public static final int A_COPY_END;
    public static final int SLOT_STRIDE;

    static {
        int end = A_STRINGS;
        for (int capacity : STRING_CAPACITY) {
            end += capacity;
        }
        A_COPY_END = end;
        SLOT_STRIDE = roundUp(end, CACHE_LINE);
    }

    private SegmentLayout() {
    }

    /** Offset of string {@code which} inside a slot. */
    public static int stringOffset(int which) {
        int offset = A_STRINGS;
        for (int i = 0; i < which; i++) {
            offset += STRING_CAPACITY[i];
        }
        return offset;
    }

    /** Most bytes string {@code which} may hold (one less than its field, like a NUL-terminated C string). */
    public static int stringMaxBytes(int which) {
        return STRING_CAPACITY[which] - 1;
    }

    public static int spinlock(int id) {
        return SPINLOCKS + id * SPINLOCK_STRIDE;
    }

    public static int lwlock(int id) {
        return LWLOCKS + id * LWLOCK_STRIDE;
    }

    public static int sharedWord(int index) {
        return SHARED_WORDS + index * Long.BYTES;
    }

    public static int slot(int index) {
        return SLOTS + index * SLOT_STRIDE;
    }

    /** Size of the fixed part: everything up to and including the slots. */
    public static long segmentSize(int maxBackends) {
        return (long) SLOTS + (long) maxBackends * SLOT_STRIDE;
    }

    public static int areaEntry(int index) {
        return HDR_AREAS + index * AREA_ENTRY;
    }

    /** Rounds up to a multiple of {@code alignment} (a power of two). */
    public static long align(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
