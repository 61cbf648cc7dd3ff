package org.tusk.heapam.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** t_ctid written into a formed tuple's bytes. */
class HeapTupleHeaderTest {

    @Test
    void setCtidWritesBlockAndOffsetLittleEndianWithoutAllocating() {
        byte[] tuple = HeapTupleHeader.form(new byte[] {1, 2, 3}, 7, 0, 0, 0, 0);
        HeapTupleHeader.setCtid(tuple, 0x0102_0304, 0x0506);
        ByteBuffer t = ByteBuffer.wrap(tuple).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer expected = ByteBuffer.wrap(tuple.clone()).order(ByteOrder.LITTLE_ENDIAN);
        HeapTupleHeader.setCtid(expected, 0x0102_0304, 0x0506);
        assertArrayEquals(expected.array(), t.array());
        assertEquals((short) 0x0102, t.getShort(HeapTupleHeader.T_CTID));
        assertEquals((short) 0x0304, t.getShort(HeapTupleHeader.T_CTID + 2));
        assertEquals((short) 0x0506, t.getShort(HeapTupleHeader.T_CTID + 4));
        // once per row of every COPY batch: no buffer wrapped around the tuple
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            HeapTupleHeader.setCtid(tuple, i, i & 0xFF);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 100_000, "10,000 setCtid allocated " + allocated + " bytes");
    }

    @Test
    void writeNewFormsTheHeaderThatFormDoesAnywhereInAnArray() {
        byte[] data = {9, 8, 7};
        byte[] formed = HeapTupleHeader.form(data, 0x0A0B0C0D, 5, 0x00010002, 17, HeapTupleHeader.HEAP_XMIN_FROZEN);
        byte[] into = new byte[10 + HeapTupleHeader.HOFF];
        java.util.Arrays.fill(into, (byte) -1);               // stale bytes: every header byte is written
        HeapTupleHeader.writeNew(into, 10, 0x0A0B0C0D, 5, 0x00010002, 17, HeapTupleHeader.HEAP_XMIN_FROZEN);
        assertArrayEquals(java.util.Arrays.copyOf(formed, HeapTupleHeader.HOFF),
                java.util.Arrays.copyOfRange(into, 10, 10 + HeapTupleHeader.HOFF));
    }
}
