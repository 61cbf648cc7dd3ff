package org.tusk.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/**
 * The cluster-wide OID counter (PostgreSQL's GetNewObjectId over
 * TransamVariables->nextOid / oidCount): every backend draws OIDs for new
 * relations, types, constraints, schemas, databases... from one counter in
 * shared memory.
 *
 * <p>Durability follows XLOG_NEXTOID: before handing out an OID at or past
 * the last logged limit, a NEXTOID record reserving the next
 * {@link #PREFETCH} OIDs is inserted (not flushed: any durable object that
 * uses one of these OIDs is logged after it). Checkpoints record the logged
 * limit, and redo of NEXTOID records advances it, so after a crash the
 * counter resumes past every OID that could have been handed out. OIDs wrap
 * around to {@link #FIRST_NORMAL_OBJECT_ID}; callers that need uniqueness in
 * a catalog check it there (GetNewOidWithIndex).
 *
 * <p>The shared state is one 64-bit word, changed by compare-and-set: the
 * low half is the next OID, the high half the logged limit.
 */
public final class OidCounter {

    /** FirstNormalObjectId: OIDs below are assigned by initdb. */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;
    /** VAR_OID_PREFETCH. */
    public static final int PREFETCH = 8192;
    /** XLOG_NEXTOID. */
    public static final int INFO_NEXTOID = 0x30;

    static final String AREA = "storage.oid";
    private static final int STATE = 0;

    private final ShmemArea area;
    private final WalWriter wal;

    private OidCounter(ShmemArea area, WalWriter wal) {
        this.area = area;
        this.wal = wal;
    }

    static ShmemRequest shmemRequest() {
        return new ShmemRequest(AREA, 64, 0);
    }

    /** This process's handle; {@code wal} may be null for the startup process (which only initializes). */
    public static OidCounter attach(ShmemSegment segment, WalWriter wal) {
        return new OidCounter(segment.area(AREA), wal);
    }

    /** After recovery: the counter resumes at {@code nextOid}; the first allocation logs a new limit. */
    public void initialize(int nextOid) {
        int start = Integer.compareUnsigned(nextOid, FIRST_NORMAL_OBJECT_ID) < 0 ? FIRST_NORMAL_OBJECT_ID : nextOid;
        area.putLongVolatile(STATE, pack(start, start));
    }

    /** Whether recovery initialized the counter (a zeroed area is not). */
    public boolean isInitialized() {
        return area.getLongVolatile(STATE) != 0;
    }

    /** GetNewObjectId: the next OID, never below {@link #FIRST_NORMAL_OBJECT_ID}. */
    public int next() {
        while (true) {
            long state = area.getLongVolatile(STATE);
            if (state == 0) {
                throw new IllegalStateException("the OID counter was not initialized by recovery");
            }
            int next = (int) state;
            int limit = (int) (state >>> 32);
            if (Integer.compareUnsigned(next, FIRST_NORMAL_OBJECT_ID) < 0) {
                // wraparound: skip the OIDs initdb assigns
                next = FIRST_NORMAL_OBJECT_ID;
                limit = next;
            }
            if (next == limit) {
                limit = next + PREFETCH;
                logNextOid(limit);
            }
            if (area.compareAndSetLong(STATE, state, pack(next + 1, limit))) {
                return next;
            }
        }
    }

    /** What a checkpoint records as nextOid: the logged limit (nextOid + oidCount in PostgreSQL). */
    public int checkpointNextOid(int fallback) {
        long state = area.getLongVolatile(STATE);
        return state == 0 ? fallback : (int) (state >>> 32);
    }

    private void logNextOid(int limit) {
        if (wal != null) {
            byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(limit).array();
            wal.insert(WalRecord.builder(ResourceManager.XLOG, INFO_NEXTOID).data(data).build());
        }
    }

    /** Whether {@code record} is an XLOG NEXTOID record. */
    public static boolean isNextOid(DecodedRecord record) {
        return record.rmgrId() == ResourceManager.XLOG && record.info() == INFO_NEXTOID;
    }

    /** The limit a NEXTOID record reserved up to. */
    public static int decodeNextOid(DecodedRecord record) {
        return ByteBuffer.wrap(record.data()).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static long pack(int next, int limit) {
        return ((long) limit << 32) | Integer.toUnsignedLong(next);
    }
}
