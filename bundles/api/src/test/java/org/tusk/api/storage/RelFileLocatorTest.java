package org.tusk.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The written-out equals and hashCode behave as the record's generated ones did. */
class RelFileLocatorTest {

    /** A record of the same components: its generated hashCode is what RelFileLocator's used to be. */
    private record Generated(int spcOid, int dbOid, int relNumber) {
    }

    private static final int[] VALUES = {0, 1, 5, 1663, 1664, 16384, 0x7FFFFFFF, 0x80000000, -1};

    @Test
    void hashCodeKeepsTheGeneratedValues() {
        for (int spc : VALUES) {
            for (int db : VALUES) {
                for (int rel : VALUES) {
                    assertEquals(new Generated(spc, db, rel).hashCode(), new RelFileLocator(spc, db, rel).hashCode());
                }
            }
        }
    }

    @Test
    void equalWhenEveryComponentIs() {
        RelFileLocator a = new RelFileLocator(1663, 5, 16384);
        assertEquals(a, new RelFileLocator(1663, 5, 16384));
        assertEquals(a.hashCode(), new RelFileLocator(1663, 5, 16384).hashCode());
        assertNotEquals(a, new RelFileLocator(1664, 5, 16384));
        assertNotEquals(a, new RelFileLocator(1663, 4, 16384));
        assertNotEquals(a, new RelFileLocator(1663, 5, 16385));
        assertNotEquals(a, null);
        assertNotEquals(a, "base/5/16384");
    }
}
