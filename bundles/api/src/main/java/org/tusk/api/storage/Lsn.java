package org.tusk.api.storage;

/**
 * Log sequence numbers: byte positions in the write-ahead log, kept as plain
 * {@code long}s (PostgreSQL's XLogRecPtr). 0 is invalid. Printed as PostgreSQL
 * prints them, two hexadecimal halves: {@code 0/16B3748}.
 */
public final class Lsn {

    public static final long INVALID = 0;

    private Lsn() {
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }

    /** Parses {@code X/Y} as pg_lsn input does. */
    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"");
        }
        long high = Long.parseUnsignedLong(text.substring(0, slash), 16);
        long low = Long.parseUnsignedLong(text.substring(slash + 1), 16);
        if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"");
        }
        return high << 32 | low;
    }
}
