package org.tusk.nbtree.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole B-tree page as a WAL record carries it when the page is rebuilt
 * (split halves, a new root): its special space and items in order.
 * Encoded as {@code prev u32, next u32, level u32, flags u16, cycleid u16,
 * nitems u16, (length u16, bytes)*}. {@link #apply} is {@link BTPage#build},
 * so the operation and its redo produce the same bytes.
 */
public record PageContents(BTPageOpaque opaque, List<byte[]> items) {

    public void apply(ByteBuffer page) {
        BTPage.build(page, opaque, items);
    }

    public void encode(ByteArrayOutputStream out) {
        out.writeBytes(encode(-1));
    }

    /**
     * The encoding in one exactly sized array, after {@code kind} as its first byte unless
     * negative (an index build logs every page this way: a ByteArrayOutputStream took a lock
     * per byte of each item's length).
     */
    public byte[] encode(int kind) {
        int size = 18;
        for (byte[] item : items) {
            size += 2 + item.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size + (kind >= 0 ? 1 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        if (kind >= 0) {
            out.put((byte) kind);
        }
        out.putInt(opaque.prev()).putInt(opaque.next()).putInt(opaque.level()).putShort((short) opaque.flags())
                .putShort((short) opaque.cycleId()).putShort((short) items.size());
        for (byte[] item : items) {
            out.putShort((short) item.length);
            out.put(item);
        }
        return out.array();
    }

    public static PageContents decode(ByteBuffer in) {
        BTPageOpaque opaque = new BTPageOpaque(in.getInt(), in.getInt(), in.getInt(), in.getShort() & 0xFFFF,
                in.getShort() & 0xFFFF);
        int n = in.getShort() & 0xFFFF;
        List<byte[]> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] item = new byte[in.getShort() & 0xFFFF];
            in.get(item);
            items.add(item);
        }
        return new PageContents(opaque, items);
    }
}
