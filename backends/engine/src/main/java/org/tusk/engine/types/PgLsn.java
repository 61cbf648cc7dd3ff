package org.tusk.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * pg_lsn (utils/adt/pg_lsn.c): a WAL location, carried as a Long holding the unsigned 64-bit
 * value, written as two hexadecimal halves "XXXXXXXX/XXXXXXXX" (upper case, no leading zeros).
 */
public final class PgLsn {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private PgLsn() {
    }

    /** pg_lsn_out. */
    public static String output(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xffffffffL).toUpperCase();
    }

    /** pg_lsn_in: 1 to 8 hex digits, a slash, 1 to 8 hex digits; nothing else. */
    public static long input(String s) {
        int slash = s.indexOf('/');
        if (slash < 1 || slash > 8 || s.length() - slash - 1 < 1 || s.length() - slash - 1 > 8
                || !isHex(s, 0, slash) || !isHex(s, slash + 1, s.length())) {
            throw Ereport.invalidInput("pg_lsn", s);
        }
        long hi = Long.parseLong(s.substring(0, slash), 16);
        long lo = Long.parseLong(s.substring(slash + 1), 16);
        return (hi << 32) | lo;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** numeric_pg_lsn: rounded to an integer, which must fit in 64 unsigned bits. */
    public static long fromNumeric(Object v) {
        if (!(v instanceof BigDecimal d)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert "
                    + (v == NumericSpecial.NAN ? "NaN" : "infinity") + " to pg_lsn");
        }
        BigInteger i = d.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (i.signum() < 0 || i.compareTo(MAX) > 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "pg_lsn out of range");
        }
        return i.longValue();
    }
}
