package org.tusk.engine.types;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * Fractional-second precision of time, timetz, timestamp and timestamptz: the typmod that
 * {@code timestamp(p)} declares (anytime_typmodin, anytimestamp_typmodin) and the rounding a
 * value gets when it is stored in or cast to such a type (AdjustTimestampForTypmod,
 * AdjustTimeForTypmod). Rounding is half away from zero at the kept digit, as PostgreSQL's
 * integer arithmetic does it; a precision of 6 (microseconds) or none (-1) keeps the value.
 */
public final class TimePrecision {

    /** MAX_TIMESTAMP_PRECISION and MAX_TIME_PRECISION. */
    public static final int MAX = 6;

    private static final long[] SCALES = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final long[] OFFSETS = {500_000, 50_000, 5_000, 500, 50, 5, 0};

    private TimePrecision() {
    }

    /**
     * The typmod of {@code sqlName(p)} (sqlName as PostgreSQL's messages spell the type:
     * TIMESTAMP, TIMESTAMP WITH TIME ZONE, TIME, TIME WITH TIME ZONE). A precision above 6 is
     * reduced to 6 with anytime_typmod_check's WARNING; a negative one is an error.
     */
    public static int typmodIn(String sqlName, List<Integer> mods, int location) {
        if (mods.size() != 1) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid type modifier", location);
        }
        int p = mods.get(0);
        // "TIMESTAMP(7) WITH TIME ZONE": the precision goes after the first word
        int space = sqlName.indexOf(' ');
        String head = space < 0 ? sqlName : sqlName.substring(0, space);
        String tail = space < 0 ? "" : sqlName.substring(space);
        if (p < 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                    head + "(" + p + ")" + tail + " precision must not be negative", location);
        }
        if (p > MAX) {
            warnReduced(head + "(" + p + ")" + tail, location);
            return MAX;
        }
        return p;
    }

    /** The WARNING for a precision above the maximum, at the type name's position (0-based, -1 none). */
    static void warnReduced(String declared, int location) {
        org.tusk.engine.error.NoticeSink.send(new org.tusk.api.error.PgException(org.tusk.api.error.Severity.WARNING,
                SqlState.INVALID_PARAMETER_VALUE, declared + " precision reduced to maximum allowed, " + MAX, null,
                null, location < 0 ? 0 : location + 1, null));
    }

    /** AdjustTimestampForTypmod: a timestamp or timestamptz (microseconds) rounded to {@code typmod} digits. */
    public static long roundTimestamp(long micros, int typmod) {
        if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE || typmod < 0 || typmod >= MAX) {
            return micros;                      // infinities, and values already at full precision
        }
        return micros >= 0 ? roundUp(micros, typmod) : -roundUp(-micros, typmod);
    }

    /** AdjustTimeForTypmod: a time of day (microseconds, never negative) rounded; 23:59:59.9 may become 24:00:00. */
    public static long roundTime(long micros, int typmod) {
        return typmod < 0 || typmod >= MAX ? micros : roundUp(micros, typmod);
    }

    private static long roundUp(long nonNegative, int typmod) {
        return (nonNegative + OFFSETS[typmod]) / SCALES[typmod] * SCALES[typmod];
    }
}
