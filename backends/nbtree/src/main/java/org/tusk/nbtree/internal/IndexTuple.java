package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.api.storage.TupleId;

/**
 * IndexTupleData as stored on B-tree pages (little-endian).
 *
 * <pre>
 * leaf:  0 heap block u32 | 4 heap offset u16 | 6 t_info u16 (size)                  | 8 key
 * pivot: 0 downlink u32   | 4 natts u16       | 6 t_info u16 (size | INDEX_ALT_TID)  |
 *        8 heap tid block u32 | 12 heap tid offset u16 | 14 0 u16                     | 16 key
 * </pre>
 *
 * Pivots (high keys and internal-page items) carry the heap TID of the
 * entry they were made from as a tiebreaker (PostgreSQL 12's heapkeyspace
 * without suffix truncation), so every (key, heap TID) is unique in the tree.
 * natts 0 is the "minus infinity" item that starts every internal page
 * (no key, no TID); a high key's downlink is 0.
 */
public final class IndexTuple {

    public static final int INDEX_SIZE_MASK = 0x1FFF;
    public static final int INDEX_ALT_TID_MASK = 0x2000;
    public static final int LEAF_HEADER = 8;
    public static final int PIVOT_HEADER = 16;
    /** Where a pivot keeps its heap TID tiebreaker. */
    public static final int PIVOT_TID = 8;

    private IndexTuple() {
    }

    public static byte[] leaf(byte[] key, TupleId heapTid) {
        byte[] tuple = new byte[LEAF_HEADER + key.length];
        writeLeaf(tuple, 0, key, heapTid.block(), heapTid.offset());
        return tuple;
    }

    /** Writes the leaf tuple for ({@code key}, heap TID) into {@code out} at {@code at}. */
    public static void writeLeaf(byte[] out, int at, byte[] key, int heapBlock, int heapOffset) {
        int size = LEAF_HEADER + key.length;
        ByteBuffer.wrap(out, at, size).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(heapBlock).putShort((short) heapOffset).putShort((short) size).put(key);
    }

    /** The size of the tuple that starts at {@code at} of {@code in} (its t_info). */
    public static int size(byte[] in, int at) {
        return ((in[at + 6] & 0xFF) | (in[at + 7] & 0xFF) << 8) & INDEX_SIZE_MASK;
    }

    /** Two leaf tuples' heap TIDs in TupleId order (block unsigned, then offset). */
    public static int compareLeafHeapTids(byte[] a, byte[] b) {
        ByteBuffer x = le(a);
        ByteBuffer y = le(b);
        int byBlock = Integer.compareUnsigned(x.getInt(0), y.getInt(0));
        return byBlock != 0 ? byBlock : Integer.compare(x.getShort(4) & 0xFFFF, y.getShort(4) & 0xFFFF);
    }

    public static byte[] pivot(byte[] key, TupleId heapTid, int downlink) {
        ByteBuffer b = ByteBuffer.allocate(PIVOT_HEADER + key.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(downlink).putShort((short) 1).putShort((short) ((PIVOT_HEADER + key.length) | INDEX_ALT_TID_MASK));
        b.putInt(heapTid.block()).putShort((short) heapTid.offset()).putShort((short) 0);
        return b.put(key).array();
    }

    public static byte[] minusInfinity(int downlink) {
        ByteBuffer b = ByteBuffer.allocate(PIVOT_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(downlink).putShort((short) 0).putShort((short) (PIVOT_HEADER | INDEX_ALT_TID_MASK));
        return b.array();
    }

    /** A pivot with the same key and heap TID as {@code tuple} (leaf or pivot) and the given downlink. */
    public static byte[] toPivot(byte[] tuple, int downlink) {
        if (isMinusInfinity(tuple)) {
            return minusInfinity(downlink);
        }
        return pivot(key(tuple), heapTid(tuple), downlink);
    }

    private static ByteBuffer le(byte[] tuple) {
        return ByteBuffer.wrap(tuple).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static boolean isPivot(byte[] tuple) {
        return (le(tuple).getShort(6) & INDEX_ALT_TID_MASK) != 0;
    }

    public static int size(byte[] tuple) {
        return le(tuple).getShort(6) & INDEX_SIZE_MASK;
    }

    public static boolean isMinusInfinity(byte[] tuple) {
        return isPivot(tuple) && le(tuple).getShort(4) == 0;
    }

    /** {@link #isPivot(byte[])} of the tuple at {@code start} of a little-endian page. */
    static boolean isPivot(ByteBuffer page, int start) {
        return (page.getShort(start + 6) & INDEX_ALT_TID_MASK) != 0;
    }

    /** Whether the pivot at {@code start} of a little-endian page is minus infinity (natts 0). */
    static boolean isMinusInfinity(ByteBuffer page, int start) {
        return page.getShort(start + 4) == 0;
    }

    /** The key bytes (a copy); empty for minus infinity. */
    public static byte[] key(byte[] tuple) {
        int header = isPivot(tuple) ? PIVOT_HEADER : LEAF_HEADER;
        return java.util.Arrays.copyOfRange(tuple, header, tuple.length);
    }

    /** The heap TID: a leaf's t_tid, a pivot's tiebreaker; null for minus infinity. */
    public static TupleId heapTid(byte[] tuple) {
        ByteBuffer b = le(tuple);
        if (isPivot(tuple)) {
            return b.getShort(4) == 0 ? null : new TupleId(b.getInt(PIVOT_TID), b.getShort(PIVOT_TID + 4) & 0xFFFF);
        }
        return new TupleId(b.getInt(0), b.getShort(4) & 0xFFFF);
    }

    /** A pivot's child block. */
    public static int downlink(byte[] tuple) {
        return le(tuple).getInt(0);
    }

    /** The downlink of the pivot at {@code offset} of {@code page}, read where it lies. */
    static int downlink(ByteBuffer page, int offset) {
        ByteBuffer le = org.tusk.buffer.Page.littleEndian(page);
        return le.getInt(org.tusk.buffer.Page.itemIdOffset(org.tusk.buffer.Page.itemId(le, offset)));
    }

    /** Reads the tuple at {@code offset} of {@code page} into a private array. */
    public static byte[] fromPage(ByteBuffer page, int offset) {
        ByteBuffer item = org.tusk.buffer.Page.item(page, offset);
        byte[] out = new byte[item.remaining()];
        item.get(out);
        return out;
    }
}
