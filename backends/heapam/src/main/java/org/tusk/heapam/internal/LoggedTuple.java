package org.tusk.heapam.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The form a new heap tuple takes in an INSERT or UPDATE record (PostgreSQL's xl_heap_header
 * plus the tuple data, and log_heap_update's prefix/suffix compression): the header fields redo
 * can tell by itself are left out, and an update on the same page logs only the bytes of the
 * data that differ from the old version's.
 *
 * <pre>
 *   u8  flags
 *   u32 xmin            unless XMIN_IS_XID (the record's xid)
 *   u32 xmax            unless XMAX_INVALID (0)
 *   u32 t_cid           unless CID_KNOWN (the cid the caller passes to both sides, e.g. the old version's)
 *   6 bytes t_ctid      unless CTID_IS_SELF (the tuple's own block and offset)
 *   u16 infomask2, u16 infomask, u8 t_hoff
 *   the bytes between the fixed header and t_hoff (null bitmap, alignment)
 *   u16 prefix          if PREFIX_FROM_OLD: the first bytes of the data are the old version's
 *   u16 suffix          if SUFFIX_FROM_OLD: so are the last ones
 *   the rest of the data (to the end of the record's data)
 * </pre>
 * A pgbench_accounts update is 16 bytes here instead of the tuple's 121: its balance changes,
 * nothing else. Redo rebuilds the tuple byte for byte, so a replayed page equals the original.
 */
public final class LoggedTuple {

    static final int XMIN_IS_XID = 0x01;
    static final int XMAX_INVALID = 0x02;
    static final int CID_KNOWN = 0x04;
    static final int CTID_IS_SELF = 0x08;
    static final int PREFIX_FROM_OLD = 0x10;
    static final int SUFFIX_FROM_OLD = 0x20;

    /** Shorter common runs are not worth their two-byte length (as in log_heap_update). */
    private static final int MIN_COMMON_RUN = 3;

    private static final int CTID_SIZE = 6;

    private LoggedTuple() {
    }

    /**
     * Bytes {@link #write} appends for {@code tuple}, inserted at {@code (block, offset)} by a record
     * of {@code xid}; {@code knownCid} is a cid redo will also know; {@code old} the old version's
     * bytes (header included) to share a prefix and suffix with, or null.
     */
    public static byte[] encode(byte[] tuple, int xid, int knownCid, int block, int offset, ByteBuffer old) {
        ByteBuffer t = ByteBuffer.wrap(tuple).order(ByteOrder.LITTLE_ENDIAN);
        int hoff = HeapTupleHeader.hoff(t);
        int dataLength = tuple.length - hoff;
        int prefix = 0;
        int suffix = 0;
        if (old != null) {
            int oldHoff = HeapTupleHeader.hoff(old);
            int oldStart = old.position() + oldHoff;
            int oldLength = old.remaining() - oldHoff;
            int max = Math.min(oldLength, dataLength);
            // eight bytes at a time while they match (both views little-endian, as every page view is), then
            // byte by byte: pgbench_accounts' 84-byte filler is the suffix of every account update
            boolean words = old.order() == ByteOrder.LITTLE_ENDIAN;
            while (words && prefix + Long.BYTES <= max
                    && t.getLong(hoff + prefix) == old.getLong(oldStart + prefix)) {
                prefix += Long.BYTES;
            }
            while (prefix < max && tuple[hoff + prefix] == old.get(oldStart + prefix)) {
                prefix++;
            }
            while (words && suffix + Long.BYTES <= max - prefix && t.getLong(tuple.length - Long.BYTES - suffix)
                    == old.getLong(oldStart + oldLength - Long.BYTES - suffix)) {
                suffix += Long.BYTES;
            }
            while (suffix < max - prefix
                    && tuple[tuple.length - 1 - suffix] == old.get(oldStart + oldLength - 1 - suffix)) {
                suffix++;
            }
            prefix = prefix < MIN_COMMON_RUN ? 0 : prefix;
            suffix = suffix < MIN_COMMON_RUN ? 0 : suffix;
        }
        int flags = (HeapTupleHeader.xmin(t) == xid ? XMIN_IS_XID : 0)
                | (HeapTupleHeader.xmax(t) == Xids.INVALID ? XMAX_INVALID : 0)
                | (HeapTupleHeader.rawCid(t) == knownCid ? CID_KNOWN : 0)
                | (HeapTupleHeader.ctidBlock(t) == block && HeapTupleHeader.ctidOffset(t) == offset ? CTID_IS_SELF : 0)
                | (prefix > 0 ? PREFIX_FROM_OLD : 0)
                | (suffix > 0 ? SUFFIX_FROM_OLD : 0);
        int size = 1 + ((flags & XMIN_IS_XID) == 0 ? 4 : 0) + ((flags & XMAX_INVALID) == 0 ? 4 : 0)
                + ((flags & CID_KNOWN) == 0 ? 4 : 0) + ((flags & CTID_IS_SELF) == 0 ? CTID_SIZE : 0)
                + 5 + (hoff - HeapTupleHeader.SIZE) + (prefix > 0 ? 2 : 0) + (suffix > 0 ? 2 : 0)
                + dataLength - prefix - suffix;
        ByteBuffer out = ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put((byte) flags);
        if ((flags & XMIN_IS_XID) == 0) {
            out.putInt(HeapTupleHeader.xmin(t));
        }
        if ((flags & XMAX_INVALID) == 0) {
            out.putInt(HeapTupleHeader.xmax(t));
        }
        if ((flags & CID_KNOWN) == 0) {
            out.putInt(HeapTupleHeader.rawCid(t));
        }
        if ((flags & CTID_IS_SELF) == 0) {
            out.put(tuple, HeapTupleHeader.T_CTID, CTID_SIZE);
        }
        out.putShort((short) HeapTupleHeader.infomask2(t)).putShort((short) HeapTupleHeader.infomask(t))
                .put((byte) hoff);
        out.put(tuple, HeapTupleHeader.SIZE, hoff - HeapTupleHeader.SIZE);
        if (prefix > 0) {
            out.putShort((short) prefix);
        }
        if (suffix > 0) {
            out.putShort((short) suffix);
        }
        out.put(tuple, hoff + prefix, dataLength - prefix - suffix);
        return out.array();
    }

    /** Whether the encoded tuple at {@code in}'s position needs the old version to be rebuilt. */
    public static boolean needsOld(ByteBuffer in) {
        return (in.get(in.position()) & (PREFIX_FROM_OLD | SUFFIX_FROM_OLD)) != 0;
    }

    /**
     * Rebuilds the tuple {@link #encode} encoded, from {@code in}'s position to its limit, with the
     * same {@code xid}, {@code knownCid}, {@code (block, offset)} and old version (null if
     * {@link #needsOld} is false).
     */
    public static byte[] decode(ByteBuffer in, int xid, int knownCid, int block, int offset, ByteBuffer old) {
        int flags = in.get() & 0xFF;
        int xmin = (flags & XMIN_IS_XID) != 0 ? xid : in.getInt();
        int xmax = (flags & XMAX_INVALID) != 0 ? Xids.INVALID : in.getInt();
        int cid = (flags & CID_KNOWN) != 0 ? knownCid : in.getInt();
        byte[] ctid = null;
        if ((flags & CTID_IS_SELF) == 0) {
            ctid = new byte[CTID_SIZE];
            in.get(ctid);
        }
        int infomask2 = in.getShort() & 0xFFFF;
        int infomask = in.getShort() & 0xFFFF;
        int hoff = in.get() & 0xFF;
        if (hoff < HeapTupleHeader.SIZE) {
            throw new IllegalArgumentException("logged tuple with t_hoff " + hoff);
        }
        int bitmapAt = in.position();
        in.position(bitmapAt + hoff - HeapTupleHeader.SIZE);
        int prefix = (flags & PREFIX_FROM_OLD) != 0 ? in.getShort() & 0xFFFF : 0;
        int suffix = (flags & SUFFIX_FROM_OLD) != 0 ? in.getShort() & 0xFFFF : 0;
        int middle = in.remaining();
        byte[] tuple = new byte[hoff + prefix + middle + suffix];
        ByteBuffer t = ByteBuffer.wrap(tuple).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        t.putInt(HeapTupleHeader.T_XMIN, xmin).putInt(HeapTupleHeader.T_XMAX, xmax).putInt(HeapTupleHeader.T_CID, cid);
        if (ctid == null) {
            HeapTupleHeader.setCtid(tuple, block, offset);
        } else {
            System.arraycopy(ctid, 0, tuple, HeapTupleHeader.T_CTID, CTID_SIZE);
        }
        t.putShort(HeapTupleHeader.T_INFOMASK2, (short) infomask2).putShort(HeapTupleHeader.T_INFOMASK, (short) infomask);
        tuple[HeapTupleHeader.T_HOFF] = (byte) hoff;
        in.get(bitmapAt, tuple, HeapTupleHeader.SIZE, hoff - HeapTupleHeader.SIZE);
        if (prefix > 0 || suffix > 0) {
            if (old == null) {
                throw new IllegalArgumentException("logged tuple shares bytes with an old version that is not given");
            }
            int oldStart = old.position() + HeapTupleHeader.hoff(old);
            int oldEnd = old.limit();
            if (prefix + suffix > oldEnd - oldStart) {
                throw new IllegalArgumentException("logged tuple shares more bytes than the old version has");
            }
            old.get(oldStart, tuple, hoff, prefix);
            old.get(oldEnd - suffix, tuple, hoff + prefix + middle, suffix);
        }
        in.get(tuple, hoff + prefix, middle);
        return tuple;
    }
}
