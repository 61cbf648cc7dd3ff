package org.tusk.memam.internal;

/**
 * Transaction id arithmetic (transam.c): xids are unsigned 32-bit counters
 * that wrap around; normal xids (3 and up) compare modulo 2^31. The special
 * xids 0 (invalid), 1 (bootstrap) and 2 (frozen) are older than every normal one.
 */
public final class Xids {

    public static final int INVALID = 0;
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
}
