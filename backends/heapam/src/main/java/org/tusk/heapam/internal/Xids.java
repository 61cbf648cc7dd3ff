package org.tusk.heapam.internal;

/**
 * Transaction id arithmetic (transam.c): xids are unsigned 32-bit counters
 * that wrap around; normal xids (3 and up) compare modulo 2^31, so each xid
 * sees two billion xids before it as "older". The special xids 0 (invalid),
 * 1 (bootstrap) and 2 (frozen) are older than every normal xid.
 */
public final class Xids {

    public static final int INVALID = 0;
    public static final int BOOTSTRAP = 1;
    public static final int FROZEN = 2;
    public static final int FIRST_NORMAL = 3;

    private Xids() {
    }

    public static boolean isNormal(int xid) {
        return Integer.compareUnsigned(xid, FIRST_NORMAL) >= 0;
    }

    /** TransactionIdPrecedes. */
    public static boolean precedes(int a, int b) {
        if (!isNormal(a) || !isNormal(b)) {
            return Integer.compareUnsigned(a, b) < 0;
        }
        return a - b < 0;
    }

    public static boolean precedesOrEquals(int a, int b) {
        return a == b || precedes(a, b);
    }
}
