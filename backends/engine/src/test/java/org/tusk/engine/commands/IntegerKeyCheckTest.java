package org.tusk.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.types.PgType;

/** The unique build's integer key check: an ascending run, then hashing, finds the first repeat. */
class IntegerKeyCheckTest {

    @Test
    void ascendingKeysThenAnyOrder() {
        IntegerKeyCheck check = IntegerKeyCheck.forKey(List.of(PgType.INT4), false);
        for (int i = 1; i <= 100_000; i++) {
            assertTrue(check.add(i));
        }
        assertTrue(check.add(0), "smaller but new: the run ends, nothing lost");
        assertFalse(check.add(5000), "a key of the run seen again");
        assertFalse(check.add(0));
        assertTrue(check.add(200_000));
        assertFalse(check.add(200_000));
        assertTrue(check.add(null));
        assertTrue(check.add(null), "NULLs are distinct");
        assertTrue(check.add(Long.MIN_VALUE));
        assertFalse(check.add(Long.MIN_VALUE));
    }

    @Test
    void repeatInsideTheRunIsCaught() {
        IntegerKeyCheck check = IntegerKeyCheck.forKey(List.of(PgType.INT8), true);
        assertTrue(check.add(1L));
        assertTrue(check.add(2L));
        assertFalse(check.add(2L), "equal to the last: not ascending, found in the table");
        assertTrue(check.add(null));
        assertFalse(check.add(null), "NULLS NOT DISTINCT");
        assertEquals(null, IntegerKeyCheck.forKey(List.of(PgType.TEXT), false));
    }
}
