package org.tusk.xact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.wal.WalRecord;
import org.tusk.xact.internal.XactRecord;

class XactRecordTest {

    @Test
    void aPlainCommitIsItsTimeAloneAndDecodesBack() {
        WalRecord wal = new XactRecord(XactRecord.COMMIT, 1234, 99L, new int[0]).toWal();
        assertEquals(XactRecord.COMMIT, wal.info());
        assertEquals(8, wal.data().length);
        XactRecord back = XactRecord.decode(wal.info(), wal.xid(), wal.data());
        assertEquals(XactRecord.COMMIT, back.info());
        assertEquals(1234, back.xid());
        assertEquals(99L, back.xactTime());
        assertEquals(0, back.subxids().length);
    }

    @Test
    void subtransactionsSetTheInfoBitAndDecodeBack() {
        WalRecord wal = new XactRecord(XactRecord.ABORT, 10, 5L, new int[] {11, 12}).toWal();
        assertEquals(XactRecord.ABORT | XactRecord.HAS_SUBXACTS, wal.info());
        assertEquals(8 + 4 + 8, wal.data().length);
        XactRecord back = XactRecord.decode(wal.info(), wal.xid(), wal.data());
        assertEquals(XactRecord.ABORT, back.info());
        assertArrayEquals(new int[] {11, 12}, back.subxids());
    }

    @Test
    void aTruncatedSubtransactionListIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> XactRecord.decode(XactRecord.COMMIT | XactRecord.HAS_SUBXACTS, 1, new byte[8]));
    }
}
