package org.tusk.xact.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;

/**
 * The XACT resource manager's records (PostgreSQL's xl_xact_commit and
 * xl_xact_abort, simplified): the record's xid is the transaction that ends
 * (a subtransaction's own xid for a subtransaction rollback); the main data,
 * little-endian, is
 * <pre>
 *   int64  xact_time   microseconds since 2000-01-01 00:00 UTC
 *   if info has HAS_SUBXACTS:
 *     int32  nsubxacts
 *     int32  subxacts[nsubxacts]   committed (or aborted) subtransactions ending with it
 * </pre>
 * The subtransaction list is only there when there is one (PostgreSQL's XLOG_XACT_HAS_INFO
 * with XACT_XINFO_HAS_SUBXACTS): a plain commit, every pgbench transaction's, is the 24-byte
 * header and the time, 32 bytes.
 */
public record XactRecord(int info, int xid, long xactTime, int[] subxids) {

    /** XLOG_XACT_COMMIT. */
    public static final int COMMIT = 0x00;
    /** XLOG_XACT_ABORT. */
    public static final int ABORT = 0x20;
    /** Info bit: the main data goes on with the subtransactions (PostgreSQL's XLOG_XACT_HAS_INFO). */
    public static final int HAS_SUBXACTS = 0x80;

    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    public static long nowPgMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - PG_EPOCH_MICROS;
    }

    public WalRecord toWal() {
        boolean hasSubxacts = subxids.length > 0;
        ByteBuffer data = ByteBuffer.allocate(8 + (hasSubxacts ? 4 + 4 * subxids.length : 0))
                .order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(xactTime);
        if (hasSubxacts) {
            data.putInt(subxids.length);
            for (int sub : subxids) {
                data.putInt(sub);
            }
        }
        return WalRecord.builder(ResourceManager.XACT, info | (hasSubxacts ? HAS_SUBXACTS : 0))
                .xid(xid).data(data.array()).build();
    }

    /** Decodes a record's info and main data; {@link #info()} is then COMMIT or ABORT, without HAS_SUBXACTS. */
    public static XactRecord decode(int recordInfo, int xid, byte[] bytes) {
        int info = recordInfo & ~HAS_SUBXACTS;
        if (info != COMMIT && info != ABORT) {
            throw new IllegalArgumentException("xact_redo: unknown op code " + recordInfo);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean hasSubxacts = (recordInfo & HAS_SUBXACTS) != 0;
        if (data.remaining() < (hasSubxacts ? 12 : 8)) {
            throw new IllegalArgumentException("xact record of " + bytes.length + " bytes is too short");
        }
        long time = data.getLong();
        int n = hasSubxacts ? data.getInt() : 0;
        if (n < 0 || data.remaining() != 4 * (long) n) {
            throw new IllegalArgumentException("xact record with " + n + " subxacts has " + bytes.length + " bytes");
        }
        int[] subs = new int[n];
        for (int i = 0; i < n; i++) {
            subs[i] = data.getInt();
        }
        return new XactRecord(info, xid, time, subs);
    }
}
