package org.tusk.engine.func;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.Interval;
import org.tusk.engine.types.PgType;

/**
 * Date, time and interval arithmetic (date.c, timestamp.c): date +/- integer,
 * date - date, interval + - * / and comparison, justify_*, timestamp(tz) +/-
 * interval (months and days in the local calendar, for timestamptz in the
 * session's TimeZone), timestamp - timestamp, time +/- interval, isfinite.
 */
public final class DateTimeFunctions {
    private DateTimeFunctions() {}

    static final long DAY = 86_400_000_000L;
    private static final int DATE_END = Integer.MAX_VALUE;
    private static final int DATE_BEGIN = Integer.MIN_VALUE;

    static void register() {
        FunctionRegistry.bind("date_pli", (a, c) -> datePlus((Integer) a[0], (Integer) a[1]));
        FunctionRegistry.bind("date_mii", (a, c) -> datePlus((Integer) a[0], -(long) (Integer) a[1]));
        FunctionRegistry.bind("date_mi", (a, c) -> {
            int x = (Integer) a[0];
            int y = (Integer) a[1];
            if (isInfinite(x) || isInfinite(y)) {
                throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite dates");
            }
            return x - y;
        });
        MathFunctions.bindSql("integer_pl_date", List.of(PgType.INT4, PgType.DATE), (a, c) -> datePlus((Integer) a[1], (Integer) a[0]));
        FunctionRegistry.bind("date_finite", (a, c) -> !isInfinite((Integer) a[0]));
        FunctionRegistry.bind("timestamp_finite", (a, c) -> (Long) a[0] != Long.MAX_VALUE && (Long) a[0] != Long.MIN_VALUE);
        FunctionRegistry.bind("interval_finite", (a, c) -> true);

        FunctionRegistry.bind("interval_um", (a, c) -> negate((Interval) a[0]));
        FunctionRegistry.bind("interval_pl", (a, c) -> add((Interval) a[0], (Interval) a[1]));
        FunctionRegistry.bind("interval_mi", (a, c) -> add((Interval) a[0], negate((Interval) a[1])));
        FunctionRegistry.bind("interval_mul", (a, c) -> multiply((Interval) a[0], (Double) a[1]));
        FunctionRegistry.bind("mul_d_interval", (a, c) -> multiply((Interval) a[1], (Double) a[0]));
        FunctionRegistry.bind("interval_div", (a, c) -> {
            double d = (Double) a[1];
            if (d == 0) {
                throw Ereport.divisionByZero();
            }
            return divide((Interval) a[0], d);
        });
        FunctionRegistry.bind("interval_eq", (a, c) -> cmp(a) == 0);
        FunctionRegistry.bind("interval_ne", (a, c) -> cmp(a) != 0);
        FunctionRegistry.bind("interval_lt", (a, c) -> cmp(a) < 0);
        FunctionRegistry.bind("interval_le", (a, c) -> cmp(a) <= 0);
        FunctionRegistry.bind("interval_gt", (a, c) -> cmp(a) > 0);
        FunctionRegistry.bind("interval_ge", (a, c) -> cmp(a) >= 0);
        FunctionRegistry.bind("interval_cmp", (a, c) -> cmp(a));
        FunctionRegistry.bind("interval_smaller", (a, c) -> cmp(a) <= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("interval_larger", (a, c) -> cmp(a) >= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("interval_justify_hours", (a, c) -> justifyHours((Interval) a[0]));
        FunctionRegistry.bind("interval_justify_days", (a, c) -> justifyDays((Interval) a[0]));
        FunctionRegistry.bind("interval_justify_interval", (a, c) -> justifyInterval((Interval) a[0]));

        FunctionRegistry.bind("float8_timestamptz", (a, c) -> unixSecondsToTimestamptz((Double) a[0]));
        FunctionRegistry.bind("gen_random_uuid", (a, c) -> java.util.UUID.randomUUID());
        FunctionRegistry.bind("timestamp_pl_interval", (a, c) -> plusInterval((Long) a[0], (Interval) a[1], null));
        FunctionRegistry.bind("timestamp_mi_interval", (a, c) -> plusInterval((Long) a[0], negate((Interval) a[1]), null));
        FunctionRegistry.bind("timestamptz_pl_interval", (a, c) -> plusInterval((Long) a[0], (Interval) a[1], zone(c)));
        FunctionRegistry.bind("timestamptz_mi_interval", (a, c) -> plusInterval((Long) a[0], negate((Interval) a[1]), zone(c)));
        FunctionRegistry.bind("timestamp_mi", (a, c) -> {
            long x = (Long) a[0];
            long y = (Long) a[1];
            if (x == Long.MAX_VALUE || x == Long.MIN_VALUE || y == Long.MAX_VALUE || y == Long.MIN_VALUE) {
                throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
            }
            return justifyHours(new Interval(0, 0, Math.subtractExact(x, y)));
        });
        FunctionRegistry.bind("date_timestamp", (a, c) -> dateToTimestamp((Integer) a[0]));
        FunctionRegistry.bind("date_pl_interval", (a, c) -> plusInterval(dateToTimestamp((Integer) a[0]), (Interval) a[1], null));
        FunctionRegistry.bind("date_mi_interval", (a, c) -> plusInterval(dateToTimestamp((Integer) a[0]),
                negate((Interval) a[1]), null));
        MathFunctions.bindSql("interval_pl_date", List.of(PgType.INTERVAL, PgType.DATE),
                (a, c) -> plusInterval(dateToTimestamp((Integer) a[1]), (Interval) a[0], null));
        FunctionRegistry.bind("time_pl_interval", (a, c) -> Math.floorMod((Long) a[0] + ((Interval) a[1]).micros(), DAY));
        FunctionRegistry.bind("time_mi_interval", (a, c) -> Math.floorMod((Long) a[0] - ((Interval) a[1]).micros(), DAY));
        MathFunctions.bindSql("interval_pl_time", List.of(PgType.INTERVAL, PgType.TIME),
                (a, c) -> Math.floorMod((Long) a[1] + ((Interval) a[0]).micros(), DAY));
        FunctionRegistry.bind("time_mi_time", (a, c) -> new Interval(0, 0, (Long) a[0] - (Long) a[1]));
    }

    private static boolean isInfinite(int date) {
        return date == DATE_END || date == DATE_BEGIN;
    }

    private static Object datePlus(int date, long days) {
        if (isInfinite(date)) {
            return date;
        }
        long r = date + days;
        // the last valid date is 5874897-12-31 (Julian day 2147483494 - POSTGRES_EPOCH_JDATE)
        if (r < -2451545 || r > 2147483494L - 2451545L) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
        return (int) r;
    }

    static long dateToTimestamp(int date) {
        if (date == DATE_END) {
            return Long.MAX_VALUE;
        }
        if (date == DATE_BEGIN) {
            return Long.MIN_VALUE;
        }
        return date * DAY;
    }

    /** Unix seconds of the earliest and past the latest timestamp (4714-11-24 BC, 294277-01-01 AD). */
    private static final double MIN_UNIX_SECONDS = -210_866_803_200.0;
    private static final double END_UNIX_SECONDS = 9_224_318_016_000.0;

    /** to_timestamp(double precision), float8_timestamptz: Unix seconds, rounded to the microsecond. */
    static long unixSecondsToTimestamptz(double seconds) {
        if (Double.isNaN(seconds)) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
        }
        if (Double.isInfinite(seconds)) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (seconds < MIN_UNIX_SECONDS || seconds >= END_UNIX_SECONDS) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + org.tusk.engine.types.FloatFormat.printfG(seconds) + "\"");
        }
        return (long) Math.rint((seconds - DateTimes.PG_EPOCH_UNIX_SECONDS) * 1_000_000.0);
    }

    private static ZoneId zone(EvalContext c) {
        return TypeIoFunctions.typeContext(c).timeZone();
    }

    private static int cmp(Object[] a) {
        return ((Interval) a[0]).compareTo((Interval) a[1]);
    }

    static Interval negate(Interval v) {
        if (v.months() == Integer.MIN_VALUE || v.days() == Integer.MIN_VALUE || v.micros() == Long.MIN_VALUE) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval(-v.months(), -v.days(), -v.micros());
    }

    static Interval add(Interval x, Interval y) {
        try {
            return new Interval(Math.addExact(x.months(), y.months()), Math.addExact(x.days(), y.days()),
                    Math.addExact(x.micros(), y.micros()));
        } catch (ArithmeticException e) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    /** interval_lerp (orderedsetaggs.c): {@code lo + (hi - lo) * pct}, through interval_mi, interval_mul and interval_pl. */
    public static Interval lerp(Interval lo, Interval hi, double pct) {
        return add(multiply(add(hi, negate(lo)), pct), lo);
    }

    private static double tsround(double j) {
        return Math.rint(j * 1e6) / 1e6;
    }

    /** interval_mul: fractional months and days cascade down to days and seconds. */
    static Interval multiply(Interval span, double factor) {
        double months = span.months() * factor;
        double days = span.days() * factor;
        if (Double.isNaN(factor) || Math.abs(months) > Integer.MAX_VALUE || Math.abs(days) > Integer.MAX_VALUE) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return cascade((int) months, months, (int) days, days, span.micros() * factor);
    }

    static Interval divide(Interval span, double factor) {
        double months = span.months() / factor;
        double days = span.days() / factor;
        return cascade((int) months, months, (int) days, days, span.micros() / factor);
    }

    private static Interval cascade(int month, double exactMonths, int day, double exactDays, double time) {
        double monthRemainderDays = tsround((exactMonths - month) * 30);
        double secRemainder = tsround((exactDays - day + monthRemainderDays - (int) monthRemainderDays) * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            day += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        day += (int) monthRemainderDays;
        double t = Math.rint(time + secRemainder * 1e6);
        if (Double.isNaN(t) || Math.abs(t) >= 9.2233720368547758e18) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval(month, day, (long) t);
    }

    static Interval justifyHours(Interval v) {
        long days = v.days() + v.micros() / DAY;
        long time = v.micros() % DAY;
        if (days > 0 && time < 0) {
            time += DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= DAY;
            days++;
        }
        return new Interval(v.months(), toInt(days), time);
    }

    static Interval justifyDays(Interval v) {
        long months = v.months() + v.days() / 30;
        long days = v.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return new Interval(toInt(months), (int) days, v.micros());
    }

    static Interval justifyInterval(Interval v) {
        long month = v.months();
        long day = v.days();
        long time = v.micros();
        if ((day > 0 && time > 0) || (day < 0 && time < 0)) {
            long whole = day / 30;
            day -= whole * 30;
            month += whole;
        }
        long wholeDay = time / DAY;
        time -= wholeDay * DAY;
        day += wholeDay;
        long wholeMonth = day / 30;
        day -= wholeMonth * 30;
        month += wholeMonth;
        if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
            day += 30;
            month--;
        } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
            day -= 30;
            month++;
        }
        if (day > 0 && time < 0) {
            time += DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= DAY;
            day++;
        }
        return new Interval(toInt(month), toInt(day), time);
    }

    private static int toInt(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return (int) v;
    }

    /**
     * timestamp_pl_interval: months first (the day of month clamped to the
     * month's end), then days, both on the local calendar (in {@code zone} for
     * timestamptz, null for timestamp), then the microseconds.
     */
    static long plusInterval(long ts, Interval span, ZoneId zone) {
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            return ts;
        }
        long frac = Math.floorMod(ts, 1_000_000L);
        long r = ts;
        if (span.months() != 0 || span.days() != 0) {
            try {
                if (zone == null) {
                    LocalDateTime t = LocalDateTime.ofInstant(DateTimes.toInstant(ts - frac), ZoneOffset.UTC);
                    t = t.plusMonths(span.months()).plusDays(span.days());
                    r = DateTimes.toPgMicros(t.toInstant(ZoneOffset.UTC)) + frac;
                } else {
                    java.time.ZonedDateTime t = DateTimes.toInstant(ts - frac).atZone(zone);
                    t = t.plusMonths(span.months()).plusDays(span.days());
                    r = DateTimes.toPgMicros(t.toInstant()) + frac;
                }
            } catch (java.time.DateTimeException | ArithmeticException e) {
                throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
            }
        }
        try {
            return Math.addExact(r, span.micros());
        } catch (ArithmeticException e) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }
}
