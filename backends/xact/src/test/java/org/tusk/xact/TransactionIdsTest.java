package org.tusk.xact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.xact.TransactionIds.*;

import org.junit.jupiter.api.Test;

/** xid arithmetic: PostgreSQL's modulo-2^31 comparison and the skipping of special xids. */
class TransactionIdsTest {

    @Test
    void normalXidsCompareModulo2To31() {
        assertTrue(precedes(100, 200));
        assertFalse(precedes(200, 100));
        assertFalse(precedes(100, 100));
        assertTrue(precedesOrEquals(100, 100));
        // Just before the wrap: 0xFFFFFFF0 is older than 10, which came after the counter wrapped.
        assertTrue(precedes(0xFFFF_FFF0, 10));
        assertTrue(follows(10, 0xFFFF_FFF0));
        // 2^31 - 1 ahead still counts as newer; 2^31 + 1 ahead is behind.
        assertTrue(precedes(FIRST_NORMAL, FIRST_NORMAL + Integer.MAX_VALUE));
        assertTrue(follows(FIRST_NORMAL, FIRST_NORMAL + Integer.MAX_VALUE + 2));
        assertEquals(10, later(10, 0xFFFF_FFF0));
        assertEquals(10, later(0xFFFF_FFF0, 10));
    }

    @Test
    void specialXidsPrecedeEveryNormalOne() {
        assertTrue(precedes(FROZEN, 0x8000_0005));
        assertTrue(precedes(FROZEN, FIRST_NORMAL));
        assertTrue(precedes(BOOTSTRAP, FROZEN));
        assertFalse(precedes(0x8000_0005, FROZEN));
        assertTrue(isNormal(MAX));
        assertFalse(isNormal(FROZEN));
    }

    @Test
    void advanceSkipsSpecialXids() {
        assertEquals(4, advance(3));
        assertEquals(FIRST_NORMAL, advance(MAX));
        assertEquals(FIRST_NORMAL, advance(INVALID));
        assertEquals(MAX, retreat(FIRST_NORMAL));
        assertEquals("4294967295", TransactionIds.toString(MAX));
    }

    @Test
    void fullXidsCarryTheEpoch() {
        long full = fullXid(7, MAX);
        assertEquals(7, epochOf(full));
        assertEquals(MAX, xidOf(full));
        long next = advanceFull(full);
        assertEquals(8, epochOf(next));
        assertEquals(FIRST_NORMAL, xidOf(next), "the special xids of the new epoch are skipped");
        assertEquals("34359738371", fullToString(next));
    }
}
