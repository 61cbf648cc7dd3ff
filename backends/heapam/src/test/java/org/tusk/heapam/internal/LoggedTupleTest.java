package org.tusk.heapam.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The tuple form of INSERT and UPDATE records: what is left out, and that redo gets it back byte for byte. */
class LoggedTupleTest {

    private static final int XID = 1000;

    /** A pgbench_accounts-like row: aid, bid, abalance, then 85 bytes of filler. */
    private static byte[] row(int balance) {
        ByteBuffer data = ByteBuffer.allocate(97).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(42).putInt(1).putInt(balance);
        while (data.hasRemaining()) {
            data.put((byte) ' ');
        }
        return data.array();
    }

    private static ByteBuffer view(byte[] tuple) {
        return ByteBuffer.wrap(tuple).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void anUpdateThatChangesOneColumnLogsOnlyThatColumn() {
        byte[] old = HeapTupleHeader.form(row(5), 900, 0, 7, 3, 0);
        byte[] updated = HeapTupleHeader.form(row(-17), XID, 2, 7, 9, HeapTupleHeader.HEAP_UPDATED);
        byte[] logged = LoggedTuple.encode(updated, XID, 2, 7, 9, view(old));
        // flags, infomask2, infomask, t_hoff, the alignment byte, prefix, suffix, the 4 changed bytes
        assertEquals(1 + 5 + 1 + 2 + 2 + 4, logged.length);
        ByteBuffer in = view(logged);
        assertTrue(LoggedTuple.needsOld(in));
        assertArrayEquals(updated, LoggedTuple.decode(in, XID, 2, 7, 9, view(old)));
        assertThrows(IllegalArgumentException.class, () -> LoggedTuple.decode(view(logged), XID, 2, 7, 9, null));
    }

    @Test
    void headerFieldsRedoCannotTellAreLogged() {
        byte[] tuple = HeapTupleHeader.form(row(1), 77, 5, 3, 4, 0);
        ByteBuffer t = view(tuple);
        HeapTupleHeader.setXmax(t, 88);
        HeapTupleHeader.setCtid(t, 12, 13);
        HeapTupleHeader.setInfomask2(t, 0x4003);
        byte[] logged = LoggedTuple.encode(tuple, XID, 0, 3, 4, null);
        assertEquals(1 + 4 + 4 + 4 + 6 + 5 + 1 + 97, logged.length);
        ByteBuffer in = view(logged);
        assertFalse(LoggedTuple.needsOld(in));
        assertArrayEquals(tuple, LoggedTuple.decode(in, XID, 0, 3, 4, null));
    }

    @Test
    void anInsertLeavesOutXminXmaxAndItsOwnCtid() {
        byte[] tuple = HeapTupleHeader.form(row(1), XID, 3, 100, 7, 0);
        byte[] logged = LoggedTuple.encode(tuple, XID, 0, 100, 7, null);
        assertEquals(1 + 4 + 5 + 1 + 97, logged.length, "cid 3 is not the known 0: logged");
        assertArrayEquals(tuple, LoggedTuple.decode(view(logged), XID, 0, 100, 7, null));
    }

    @Test
    void versionsOfDifferentLengthsShareWhatTheyCan() {
        byte[] old = HeapTupleHeader.form("abcdefgh-tail".getBytes(), 900, 0, 1, 1, 0);
        for (String s : new String[] {"abcdefgh-longer-tail", "abc-tail", "abcdefgh-tail", "", "xyz", "abcdefgh"}) {
            byte[] updated = HeapTupleHeader.form(s.getBytes(), XID, 0, 1, 2, HeapTupleHeader.HEAP_UPDATED);
            byte[] logged = LoggedTuple.encode(updated, XID, 0, 1, 2, view(old));
            assertArrayEquals(updated, LoggedTuple.decode(view(logged), XID, 0, 1, 2, view(old)), s);
        }
    }
}
