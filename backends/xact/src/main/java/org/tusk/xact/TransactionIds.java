package org.tusk.xact;

/**
 * Transaction ids (PostgreSQL's TransactionId, transam.h): unsigned 32-bit
 * numbers kept in Java {@code int}s. Normal ids are compared modulo 2^31 so the
 * counter may wrap around: of two normal ids, the one less than 2^31 steps
 * behind the other is the older. 64-bit "full" ids ({@code epoch << 32 | xid})
 * are used where counters are kept, so they never wrap.
 */
public final class TransactionIds {

    public static final int INVALID = 0;
    public static final int BOOTSTRAP = 1;
    public static final int FROZEN = 2;
    public static final int FIRST_NORMAL = 3;
    /** The largest xid, 2^32 - 1 (as an unsigned int). */
    public static final int MAX = 0xFFFF_FFFF;

    private TransactionIds() {
    }

    public static boolean isValid(int xid) {
        return xid != INVALID;
    }

    public static boolean isNormal(int xid) {
        return Integer.compareUnsigned(xid, FIRST_NORMAL) >= 0;
    }

    /**
     * TransactionIdPrecedes: is {@code a} older than {@code b}? Special ids
     * compare as plain unsigned numbers (they are older than every normal id);
     * normal ids by the sign of their 32-bit difference.
     */
    public static boolean precedes(int a, int b) {
        if (!isNormal(a) || !isNormal(b)) {
            return Integer.compareUnsigned(a, b) < 0;
        }
        return a - b < 0;
    }

    public static boolean precedesOrEquals(int a, int b) {
        if (!isNormal(a) || !isNormal(b)) {
            return Integer.compareUnsigned(a, b) <= 0;
        }
        return a - b <= 0;
    }

    public static boolean follows(int a, int b) {
        return !precedesOrEquals(a, b);
    }

    public static boolean followsOrEquals(int a, int b) {
        return !precedes(a, b);
    }

    /** The newer of two xids by {@link #precedes}. */
    public static int later(int a, int b) {
        return precedes(a, b) ? b : a;
    }

    /** TransactionIdAdvance: the next xid, skipping the special ones after a wraparound. */
    public static int advance(int xid) {
        int next = xid + 1;
        return isNormal(next) ? next : FIRST_NORMAL;
    }

    /** TransactionIdRetreat: the previous xid, skipping the special ones. */
    public static int retreat(int xid) {
        int previous = xid - 1;
        return isNormal(previous) ? previous : MAX;
    }

    // --- full (64-bit) transaction ids ---------------------------------------------

    public static long fullXid(int epoch, int xid) {
        return (long) epoch << 32 | Integer.toUnsignedLong(xid);
    }

    public static int epochOf(long fullXid) {
        return (int) (fullXid >>> 32);
    }

    public static int xidOf(long fullXid) {
        return (int) fullXid;
    }

    /** FullTransactionIdAdvance: the next full id whose 32-bit part is normal. */
    public static long advanceFull(long fullXid) {
        long next = fullXid + 1;
        while (!isNormal(xidOf(next))) {
            next++;
        }
        return next;
    }

    /** Prints an xid as PostgreSQL does: unsigned decimal. */
    public static String toString(int xid) {
        return Integer.toUnsignedString(xid);
    }

    /** Prints a full xid as PostgreSQL's xid8: unsigned decimal of the 64-bit value. */
    public static String fullToString(long fullXid) {
        return Long.toUnsignedString(fullXid);
    }
}
