package org.tusk.engine.types;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.TypeName;

/**
 * The typmod of {@code interval(p)} and {@code INTERVAL HOUR TO MINUTE} & co. as
 * timestamp.c encodes it: the field range mask (datetime.h's INTERVAL_MASK bits, 0x7FFF
 * for all fields) in the high 16 bits, the seconds precision (0xFFFF when none was
 * given) in the low 16 (intervaltypmodin); and what storing a value in such a type does
 * to it (AdjustIntervalForTypmod): fields below the range's last one are truncated, the
 * seconds rounded to the precision, half away from zero.
 */
public final class IntervalTypmod {

    /** MAX_INTERVAL_PRECISION. */
    public static final int MAX_PRECISION = 6;
    /** INTERVAL_FULL_PRECISION: no precision given. */
    public static final int FULL_PRECISION = 0xFFFF;

    private static final int YEAR = TypeName.INTERVAL_YEAR;
    private static final int MONTH = TypeName.INTERVAL_MONTH;
    private static final int DAY = TypeName.INTERVAL_DAY;
    private static final int HOUR = TypeName.INTERVAL_HOUR;
    private static final int MINUTE = TypeName.INTERVAL_MINUTE;
    private static final int SECOND = TypeName.INTERVAL_SECOND;
    private static final int FULL_RANGE = TypeName.INTERVAL_FULL_RANGE;

    /** The ranges the grammar can produce (intervaltypmodin accepts only these). */
    private static final List<Integer> RANGES = List.of(YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, YEAR | MONTH,
            DAY | HOUR, DAY | HOUR | MINUTE, DAY | HOUR | MINUTE | SECOND, HOUR | MINUTE, HOUR | MINUTE | SECOND,
            MINUTE | SECOND, FULL_RANGE);

    private static final long USECS_PER_HOUR = 3_600_000_000L;
    private static final long USECS_PER_MINUTE = 60_000_000L;
    private static final long[] SCALES = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final long[] OFFSETS = {500_000, 50_000, 5_000, 500, 50, 5, 0};

    private IntervalTypmod() {
    }

    /**
     * intervaltypmodin: {@code mods} as the grammar gives them, the range mask and then the
     * precision if one was written ({@code interval(3)} is the full range with 3). A precision
     * above 6 is reduced to 6 with a WARNING at {@code location} (0-based, -1 none).
     */
    public static int typmodIn(List<Integer> mods, int location) {
        if (mods.isEmpty() || mods.size() > 2 || !RANGES.contains(mods.get(0))) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid INTERVAL type modifier", location);
        }
        int range = mods.get(0);
        if (mods.size() == 1) {
            return range == FULL_RANGE ? -1 : typmod(range, FULL_PRECISION);
        }
        int p = mods.get(1);
        if (p < 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                    "INTERVAL(" + p + ") precision must not be negative", location);
        }
        if (p > MAX_PRECISION) {
            TimePrecision.warnReduced("INTERVAL(" + p + ")", location);
            p = MAX_PRECISION;
        }
        return typmod(range, p);
    }

    /**
     * DecodeInterval's unit for a trailing number without one, from the typmod's field range:
     * the range's last field (YEAR TO MONTH: months, DAY TO MINUTE: minutes), else seconds.
     * Answered as {@link IntervalFormat}'s canonical unit names.
     */
    static String bareNumberUnit(int typmod) {
        int range = typmod < 0 ? FULL_RANGE : range(typmod);
        if (range == YEAR) {
            return "y";
        } else if (range == MONTH || range == (YEAR | MONTH)) {
            return "mon";
        } else if (range == DAY) {
            return "d";
        } else if (range == HOUR || range == (DAY | HOUR)) {
            return "h";
        } else if (range == MINUTE || range == (HOUR | MINUTE) || range == (DAY | HOUR | MINUTE)) {
            return "min";
        }
        return "s";
    }

    /** Whether the typmod is MINUTE TO SECOND, whose "a:b" input is minutes and seconds (DecodeTime). */
    static boolean isMinuteToSecond(int typmod) {
        return typmod >= 0 && range(typmod) == (MINUTE | SECOND);
    }

    /** INTERVAL_TYPMOD(precision, range). */
    static int typmod(int range, int precision) {
        return (range << 16) | (precision & 0xFFFF);
    }

    /** INTERVAL_RANGE. */
    public static int range(int typmod) {
        return (typmod >> 16) & 0x7FFF;
    }

    /** INTERVAL_PRECISION. */
    public static int precision(int typmod) {
        return typmod & 0xFFFF;
    }

    /** AdjustIntervalForTypmod: {@code v} as a column or cast of type interval with {@code typmod} holds it. */
    public static Interval adjust(Interval v, int typmod) {
        if (v == null || typmod < 0) {
            return v;
        }
        int range = range(typmod);
        int months = v.months();
        int days = v.days();
        long time = v.micros();
        if (range == YEAR) {
            months = months / 12 * 12;         // C division: toward zero
            days = 0;
            time = 0;
        } else if (range == MONTH || range == (YEAR | MONTH)) {
            days = 0;
            time = 0;
        } else if (range == DAY) {
            time = 0;
        } else if (range == HOUR || range == (DAY | HOUR)) {
            time = time / USECS_PER_HOUR * USECS_PER_HOUR;
        } else if (range == MINUTE || range == (DAY | HOUR | MINUTE) || range == (HOUR | MINUTE)) {
            time = time / USECS_PER_MINUTE * USECS_PER_MINUTE;
        } else if (!RANGES.contains(range)) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "unrecognized interval typmod: " + typmod);
        }
        int precision = precision(typmod);
        if (precision != FULL_PRECISION) {
            if (precision > MAX_PRECISION) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                        "interval(" + precision + ") precision must be between 0 and " + MAX_PRECISION);
            }
            time = time >= 0 ? (time + OFFSETS[precision]) / SCALES[precision] * SCALES[precision]
                    : -((-time + OFFSETS[precision]) / SCALES[precision] * SCALES[precision]);
        }
        return months == v.months() && days == v.days() && time == v.micros() ? v : new Interval(months, days, time);
    }
}
