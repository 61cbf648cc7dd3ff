package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.Interval;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TimeTz;
import org.tusk.engine.types.Zones;

/**
 * Field access on dates and times (timestamp.c, date.c): date_part (float8)
 * and extract (numeric, PostgreSQL 15) for date, time, timetz, timestamp,
 * timestamptz and interval; date_trunc; age; make_date/time/timestamp(tz)/
 * interval; timezone() that AT TIME ZONE calls.  Units are matched as
 * DecodeUnits does (singular, plural and abbreviated spellings).
 */
final class DateTimeParts {
    private DateTimeParts() {}

    enum Unit { MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY,
        MILLENNIUM, EPOCH, JULIAN, DOW, ISODOW, DOY, ISOYEAR, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE }

    private static final Map<String, Unit> UNITS = new HashMap<>();

    static {
        unit(Unit.MICROSECONDS, "microsecond", "microseconds", "microsecon", "us", "usec", "usecs", "useconds");
        unit(Unit.MILLISECONDS, "millisecond", "milliseconds", "millisecon", "ms", "msec", "msecs", "mseconds");
        unit(Unit.SECOND, "second", "seconds", "s", "sec", "secs");
        unit(Unit.MINUTE, "minute", "minutes", "m", "min", "mins");
        unit(Unit.HOUR, "hour", "hours", "h", "hr", "hrs");
        unit(Unit.DAY, "day", "days", "d");
        unit(Unit.WEEK, "week", "weeks", "w");
        unit(Unit.MONTH, "month", "months", "mon", "mons");
        unit(Unit.QUARTER, "quarter", "qtr");
        unit(Unit.YEAR, "year", "years", "y", "yr", "yrs");
        unit(Unit.DECADE, "decade", "decades", "dec", "decs");
        unit(Unit.CENTURY, "century", "centuries", "c", "cent");
        unit(Unit.MILLENNIUM, "millennium", "millennia", "mil", "mils");
        unit(Unit.EPOCH, "epoch");
        unit(Unit.JULIAN, "julian", "j");
        unit(Unit.DOW, "dow");
        unit(Unit.ISODOW, "isodow");
        unit(Unit.DOY, "doy");
        unit(Unit.ISOYEAR, "isoyear");
        unit(Unit.TIMEZONE, "timezone");
        unit(Unit.TIMEZONE_HOUR, "timezone_h", "timezone_hour");
        unit(Unit.TIMEZONE_MINUTE, "timezone_m", "timezone_minute");
    }

    private static void unit(Unit u, String... names) {
        for (String n : names) {
            UNITS.put(n, u);
        }
    }

    private static final long SEC = 1_000_000L;
    private static final long DAY_US = 86_400L * SEC;
    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

    static void register() {
        FunctionRegistry.bind("timestamp_part", (a, c) -> timestampPart((String) a[0], (Long) a[1], null, false, "timestamp without time zone"));
        FunctionRegistry.bind("extract_timestamp", (a, c) -> timestampPart((String) a[0], (Long) a[1], null, true, "timestamp without time zone"));
        FunctionRegistry.bind("timestamptz_part", (a, c) -> timestampPart((String) a[0], (Long) a[1], zone(c), false, "timestamp with time zone"));
        FunctionRegistry.bind("extract_timestamptz", (a, c) -> timestampPart((String) a[0], (Long) a[1], zone(c), true, "timestamp with time zone"));
        MathFunctions.bindSql("date_part", List.of(PgType.TEXT, PgType.DATE),
                (a, c) -> timestampPart((String) a[0], DateTimeFunctions.dateToTimestamp((Integer) a[1]), null, false,
                        "timestamp without time zone"));
        FunctionRegistry.bind("extract_date", (a, c) -> datePart((String) a[0], (Integer) a[1]));
        FunctionRegistry.bind("time_part", (a, c) -> timePart((String) a[0], (Long) a[1], null, false));
        FunctionRegistry.bind("extract_time", (a, c) -> timePart((String) a[0], (Long) a[1], null, true));
        FunctionRegistry.bind("timetz_part", (a, c) -> timePart((String) a[0], ((TimeTz) a[1]).micros(), ((TimeTz) a[1]).zone(), false));
        FunctionRegistry.bind("extract_timetz", (a, c) -> timePart((String) a[0], ((TimeTz) a[1]).micros(), ((TimeTz) a[1]).zone(), true));
        FunctionRegistry.bind("interval_part", (a, c) -> intervalPart((String) a[0], (Interval) a[1], false));
        FunctionRegistry.bind("extract_interval", (a, c) -> intervalPart((String) a[0], (Interval) a[1], true));

        FunctionRegistry.bind("timestamp_trunc", (a, c) -> trunc((String) a[0], (Long) a[1], null, "timestamp without time zone"));
        FunctionRegistry.bind("timestamptz_trunc", (a, c) -> trunc((String) a[0], (Long) a[1], zone(c), "timestamp with time zone"));
        FunctionRegistry.bind("timestamptz_trunc_zone", (a, c) -> trunc((String) a[0], (Long) a[1], namedZone((String) a[2]),
                "timestamp with time zone"));

        FunctionRegistry.bind("timestamp_age", (a, c) -> age((Long) a[0], (Long) a[1], ZoneOffset.UTC));
        FunctionRegistry.bind("timestamptz_age", (a, c) -> age((Long) a[0], (Long) a[1], zone(c)));
        MathFunctions.bindSql("age", List.of(PgType.TIMESTAMP), (a, c) -> age(today(c) * DAY_US, (Long) a[0], ZoneOffset.UTC));
        MathFunctions.bindSql("age", List.of(PgType.TIMESTAMPTZ), (a, c) -> age(
                DateTimes.timestampToTimestamptz(today(c) * DAY_US, zone(c)), (Long) a[0], zone(c)));

        FunctionRegistry.bind("make_date", (a, c) -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]));
        FunctionRegistry.bind("make_time", (a, c) -> makeTime((Integer) a[0], (Integer) a[1], (Double) a[2]));
        FunctionRegistry.bind("make_timestamp", (a, c) -> makeTimestamp(a));
        FunctionRegistry.bind("make_timestamptz", (a, c) -> DateTimes.timestampToTimestamptz(makeTimestamp(a), zone(c)));
        FunctionRegistry.bind("make_timestamptz_at_timezone", (a, c) -> localToUtc(makeTimestamp(a), (String) a[6]));
        FunctionRegistry.bind("make_interval", (a, c) -> makeInterval(a));

        FunctionRegistry.bind("interval_trunc", (a, c) -> intervalTrunc((String) a[0], (Interval) a[1]));
        FunctionRegistry.bind("timestamp_bin", (a, c) -> bin((Interval) a[0], (Long) a[1], (Long) a[2]));
        FunctionRegistry.bind("timestamptz_bin", (a, c) -> bin((Interval) a[0], (Long) a[1], (Long) a[2]));
        FunctionRegistry.bind("timetz_zone", (a, c) -> {
            ZoneId z = namedZone((String) a[0]);
            int east = z.getRules().getOffset(DateTimes.toInstant(TypeIoFunctions.typeContext(c).nowMicros()))
                    .getTotalSeconds();
            return timetzAt((TimeTz) a[1], -east);
        });
        FunctionRegistry.bind("timetz_izone", (a, c) -> timetzAt((TimeTz) a[1], (int) -(intervalZone((Interval) a[0]) / SEC)));
        FunctionRegistry.bind("timestamptz_zone", (a, c) -> utcToLocal((Long) a[1], (String) a[0]));
        FunctionRegistry.bind("timestamp_zone", (a, c) -> localToUtc((Long) a[1], (String) a[0]));
        FunctionRegistry.bind("timestamptz_izone", (a, c) -> shift((Long) a[1], intervalZone((Interval) a[0])));
        FunctionRegistry.bind("timestamp_izone", (a, c) -> shift((Long) a[1], -intervalZone((Interval) a[0])));
    }

    private static ZoneId zone(EvalContext c) {
        return TypeIoFunctions.typeContext(c).timeZone();
    }

    /** The session's current date (the transaction's, in its time zone) as days since 2000-01-01. */
    static long today(EvalContext c) {
        LocalDate d = DateTimes.toInstant(TypeIoFunctions.typeContext(c).nowMicros()).atZone(zone(c)).toLocalDate();
        return d.toEpochDay() - PG_EPOCH.toEpochDay();
    }

    private static Unit unitOf(String text, String typeName) {
        String low = text.toLowerCase(Locale.ROOT);
        Unit u = UNITS.get(low);
        if (u == null) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + low + "\" not recognized for type " + typeName);
        }
        return u;
    }

    private static RuntimeException unsupported(String text, String typeName) {
        return Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                "unit \"" + text.toLowerCase(Locale.ROOT) + "\" not supported for type " + typeName);
    }

    private static LocalDateTime local(long micros) {
        return LocalDateTime.ofEpochSecond(DateTimes.PG_EPOCH_UNIX_SECONDS + Math.floorDiv(micros, SEC), 0, ZoneOffset.UTC);
    }

    private static Object result(long v, boolean numeric) {
        return numeric ? (Object) BigDecimal.valueOf(v) : (Object) (double) v;
    }

    /** A value in µs (or any integer) divided by 10^scale, exactly, as int64_div_fast_to_numeric. */
    private static BigDecimal scaled(long v, int scale) {
        return new BigDecimal(BigInteger.valueOf(v), scale);
    }

    private static int pgYear(int isoYear) {
        return isoYear > 0 ? isoYear : -(1 - isoYear);
    }

    static int decade(int y) {
        return y >= 0 ? y / 10 : -((8 - (y - 1)) / 10);
    }

    static int century(int y) {
        return y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100);
    }

    static int millennium(int y) {
        return y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000);
    }

    /** date_part/extract of timestamp (zone null) or timestamptz (fields in {@code zone}). */
    static Object timestampPart(String unitText, long ts, ZoneId zone, boolean numeric, String typeName) {
        Unit u = unitOf(unitText, typeName);
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            switch (u) {
                case YEAR: case DECADE: case CENTURY: case MILLENNIUM: case JULIAN: case ISOYEAR: case EPOCH: {
                    boolean neg = ts == Long.MIN_VALUE;
                    if (numeric) {
                        return neg ? NumericSpecials.NINF : NumericSpecials.PINF;
                    }
                    return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                case TIMEZONE: case TIMEZONE_HOUR: case TIMEZONE_MINUTE:
                    if (zone == null) {
                        throw unsupported(unitText, typeName);
                    }
                    return null;
                default:
                    return null;
            }
        }
        long local = ts;
        int offset = 0;
        if (zone != null) {
            offset = DateTimes.toInstant(ts).atZone(zone).getOffset().getTotalSeconds();
            local = ts + offset * SEC;
        }
        LocalDateTime t = local(local);
        long fsec = Math.floorMod(local, SEC);
        long secUs = t.getSecond() * SEC + fsec;
        switch (u) {
            case MICROSECONDS: return numeric ? (Object) BigDecimal.valueOf(secUs) : (Object) (double) secUs;
            case MILLISECONDS: return numeric ? scaled(secUs, 3) : (Object) (t.getSecond() * 1000.0 + fsec / 1000.0);
            case SECOND: return numeric ? scaled(secUs, 6) : (Object) (t.getSecond() + fsec / 1e6);
            case MINUTE: return result(t.getMinute(), numeric);
            case HOUR: return result(t.getHour(), numeric);
            case DAY: return result(t.getDayOfMonth(), numeric);
            case MONTH: return result(t.getMonthValue(), numeric);
            case QUARTER: return result((t.getMonthValue() - 1) / 3 + 1, numeric);
            case WEEK: return result(t.toLocalDate().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), numeric);
            case YEAR: return result(pgYear(t.getYear()), numeric);
            case DECADE: return result(decade(t.getYear()), numeric);
            case CENTURY: return result(century(t.getYear()), numeric);
            case MILLENNIUM: return result(millennium(t.getYear()), numeric);
            case DOW: return result(t.getDayOfWeek().getValue() % 7, numeric);
            case ISODOW: return result(t.getDayOfWeek().getValue(), numeric);
            case DOY: return result(t.getDayOfYear(), numeric);
            case ISOYEAR: {
                int y = t.toLocalDate().get(IsoFields.WEEK_BASED_YEAR);
                return result(y <= 0 ? y - 1 : y, numeric);
            }
            case EPOCH: {
                long us = (zone == null ? local : ts) + DateTimes.PG_EPOCH_UNIX_SECONDS * SEC;
                return numeric ? scaled(us, 6) : (Object) (us / 1e6);
            }
            case JULIAN: {
                long jd = t.toLocalDate().toEpochDay() + 2_440_588L;
                long dayUs = Math.floorMod(local, DAY_US);
                if (numeric) {
                    BigDecimal frac = NumericSupport.divide(BigDecimal.valueOf(dayUs), BigDecimal.valueOf(DAY_US));
                    return BigDecimal.valueOf(jd).add(frac);
                }
                return jd + dayUs / (double) DAY_US;
            }
            case TIMEZONE:
                if (zone == null) {
                    throw unsupported(unitText, typeName);
                }
                return result(offset, numeric);
            case TIMEZONE_HOUR:
                if (zone == null) {
                    throw unsupported(unitText, typeName);
                }
                return result(offset / 3600, numeric);
            case TIMEZONE_MINUTE:
                if (zone == null) {
                    throw unsupported(unitText, typeName);
                }
                return result(offset / 60 % 60, numeric);
            default:
                throw unsupported(unitText, typeName);
        }
    }

    /** extract(field from date): date fields only, integers. */
    static Object datePart(String unitText, int date) {
        Unit u = unitOf(unitText, "date");
        if (date == Integer.MAX_VALUE || date == Integer.MIN_VALUE) {
            switch (u) {
                case DAY: case MONTH: case QUARTER: case WEEK: case DOW: case ISODOW: case DOY: return null;
                case YEAR: case DECADE: case CENTURY: case MILLENNIUM: case JULIAN: case ISOYEAR: case EPOCH:
                    return date == Integer.MIN_VALUE ? NumericSpecials.NINF : NumericSpecials.PINF;
                default: throw unsupported(unitText, "date");
            }
        }
        switch (u) {
            case MICROSECONDS: case MILLISECONDS: case SECOND: case MINUTE: case HOUR: case TIMEZONE:
            case TIMEZONE_HOUR: case TIMEZONE_MINUTE:
                throw unsupported(unitText, "date");
            case EPOCH:
                return BigDecimal.valueOf((date + 10_957L) * 86_400L);
            case JULIAN:
                return BigDecimal.valueOf(date + 2_451_545L);
            default:
                return timestampPart(unitText, date * DAY_US, null, true, "date");
        }
    }

    /** date_part/extract of time, and of timetz when {@code zoneWest} is given. */
    static Object timePart(String unitText, long time, Integer zoneWest, boolean numeric) {
        String typeName = zoneWest == null ? "time without time zone" : "time with time zone";
        Unit u = unitOf(unitText, typeName);
        long secUs = time % (60 * SEC);
        switch (u) {
            case MICROSECONDS: return result(secUs, numeric);
            case MILLISECONDS: return numeric ? scaled(secUs, 3) : (Object) (secUs / 1000.0);
            case SECOND: return numeric ? scaled(secUs, 6) : (Object) (secUs / 1e6);
            case MINUTE: return result(time / (60 * SEC) % 60, numeric);
            case HOUR: return result(time / (3600 * SEC), numeric);
            case EPOCH: {
                long us = time + (zoneWest == null ? 0 : zoneWest * SEC);
                return numeric ? scaled(us, 6) : (Object) (us / 1e6);
            }
            case TIMEZONE:
                if (zoneWest == null) {
                    throw unsupported(unitText, typeName);
                }
                return result(-zoneWest, numeric);
            case TIMEZONE_HOUR:
                if (zoneWest == null) {
                    throw unsupported(unitText, typeName);
                }
                return result(-zoneWest / 3600, numeric);
            case TIMEZONE_MINUTE:
                if (zoneWest == null) {
                    throw unsupported(unitText, typeName);
                }
                return result(-zoneWest / 60 % 60, numeric);
            default:
                throw unsupported(unitText, typeName);
        }
    }

    /** date_part/extract of interval: the fields of interval2tm. */
    static Object intervalPart(String unitText, Interval v, boolean numeric) {
        Unit u = unitOf(unitText, "interval");
        int years = v.months() / 12;
        int months = v.months() % 12;
        long secUs = v.micros() % (60 * SEC);
        switch (u) {
            case MICROSECONDS: return result(secUs, numeric);
            case MILLISECONDS: return numeric ? scaled(secUs, 3) : (Object) (secUs / 1000.0);
            case SECOND: return numeric ? scaled(secUs, 6) : (Object) (secUs / 1e6);
            case MINUTE: return result(v.micros() / (60 * SEC) % 60, numeric);
            case HOUR: return result(v.micros() / (3600 * SEC), numeric);
            case DAY: return result(v.days(), numeric);
            case MONTH: return result(months, numeric);
            case QUARTER: return result(months / 3 + 1, numeric);
            case YEAR: return result(years, numeric);
            case DECADE: return result(years / 10, numeric);
            case CENTURY: return result(years / 100, numeric);
            case MILLENNIUM: return result(years / 1000, numeric);
            case EPOCH: {
                if (numeric) {
                    long secs = (1461L * years + 120L * months + 4L * v.days()) * (86_400L / 4);
                    return scaled(v.micros(), 6).add(BigDecimal.valueOf(secs));
                }
                return v.micros() / 1e6 + 365.25 * 86_400 * years + 30.0 * 86_400 * months + 86_400.0 * v.days();
            }
            default:
                throw unsupported(unitText, "interval");
        }
    }

    /** date_trunc: zero the fields below the unit, in the zone for timestamptz (then re-resolve the offset). */
    static Object trunc(String unitText, long ts, ZoneId zone, String typeName) {
        Unit u = unitOf(unitText, typeName);
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            return ts;
        }
        long local = zone == null ? ts : DateTimes.timestamptzToTimestamp(ts, zone);
        LocalDateTime t = local(local);
        long fsec = Math.floorMod(local, SEC);
        LocalDate d = t.toLocalDate();
        int y = d.getYear();
        LocalDateTime r;
        switch (u) {
            case MILLENNIUM:
                r = LocalDate.of(y > 0 ? (y + 999) / 1000 * 1000 - 999 : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1)
                        .atStartOfDay();
                break;
            case CENTURY:
                r = LocalDate.of(y > 0 ? (y + 99) / 100 * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1)
                        .atStartOfDay();
                break;
            case DECADE:
                r = LocalDate.of(y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10, 1, 1).atStartOfDay();
                break;
            case YEAR: r = LocalDate.of(y, 1, 1).atStartOfDay(); break;
            case QUARTER: r = LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay(); break;
            case MONTH: r = d.withDayOfMonth(1).atStartOfDay(); break;
            case WEEK: r = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(); break;
            case DAY: r = d.atStartOfDay(); break;
            case HOUR: r = t.withMinute(0).withSecond(0); break;
            case MINUTE: r = t.withSecond(0); break;
            case SECOND: r = t; break;
            case MILLISECONDS: return ts - Math.floorMod(fsec, 1000L);
            case MICROSECONDS: return ts;
            default: throw unsupported(unitText, typeName);
        }
        long micros = (r.toEpochSecond(ZoneOffset.UTC) - DateTimes.PG_EPOCH_UNIX_SECONDS) * SEC;
        if (zone == null) {
            return micros;
        }
        if (u == Unit.HOUR || u == Unit.MINUTE || u == Unit.SECOND) {
            // no re-resolution below a day: keep the original offset, as PostgreSQL does
            return micros - (local - ts);
        }
        return DateTimes.timestampToTimestamptz(micros, zone);
    }

    /** date_trunc(text, interval): the fields of interval2tm below the unit cleared. */
    static Interval intervalTrunc(String unitText, Interval v) {
        String low = unitText.toLowerCase(Locale.ROOT);
        Unit u = UNITS.get(low);
        if (u == Unit.WEEK) {
            throw new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR, SqlState.FEATURE_NOT_SUPPORTED,
                    "unit \"" + low + "\" not supported for type interval", "Months usually have fractional weeks.", null,
                    0, null);
        }
        if (u == null || u.ordinal() > Unit.MILLENNIUM.ordinal()) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + low + "\" not recognized for type interval");
        }
        int years = v.months() / 12;
        int months = v.months() % 12;
        int days = v.days();
        long hours = v.micros() / (3600 * SEC);
        long mins = v.micros() / (60 * SEC) % 60;
        long secs = v.micros() / SEC % 60;
        long fsec = v.micros() % SEC;
        switch (u) {
            case MILLENNIUM: years = years / 1000 * 1000; months = 0; days = 0; hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case CENTURY: years = years / 100 * 100; months = 0; days = 0; hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case DECADE: years = years / 10 * 10; months = 0; days = 0; hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case YEAR: months = 0; days = 0; hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case QUARTER: months = 3 * (months / 3); days = 0; hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case MONTH: days = 0; hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case DAY: hours = 0; mins = 0; secs = 0; fsec = 0; break;
            case HOUR: mins = 0; secs = 0; fsec = 0; break;
            case MINUTE: secs = 0; fsec = 0; break;
            case SECOND: fsec = 0; break;
            case MILLISECONDS: fsec = fsec / 1000 * 1000; break;
            default: break;
        }
        return new Interval(years * 12 + months, days, ((hours * 60 + mins) * 60 + secs) * SEC + fsec);
    }

    /** date_bin: the start of the stride-long bin, counted from origin, that holds the value. */
    static Object bin(Interval stride, long ts, long origin) {
        if (stride.months() != 0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "timestamps cannot be binned into intervals containing months or years");
        }
        long strideUs = stride.days() * DAY_US + stride.micros();
        if (strideUs <= 0) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "stride must be greater than zero");
        }
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            return ts;
        }
        return origin + Math.floorDiv(ts - origin, strideUs) * strideUs;
    }

    /** timetz moved to another zone ({@code zoneWest} seconds west of UTC), wrapping around midnight. */
    static TimeTz timetzAt(TimeTz t, int zoneWest) {
        long micros = Math.floorMod(t.micros() + (t.zone() - zoneWest) * SEC, DAY_US);
        return new TimeTz(micros, zoneWest);
    }

    /** timestamp_age/timestamptz_age: the symbolic difference, borrowing month lengths as PostgreSQL does. */
    static Interval age(long ts1, long ts2, ZoneId zone) {
        if (ts1 == Long.MAX_VALUE || ts1 == Long.MIN_VALUE || ts2 == Long.MAX_VALUE || ts2 == Long.MIN_VALUE) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        long l1 = zone == ZoneOffset.UTC ? ts1 : DateTimes.timestamptzToTimestamp(ts1, zone);
        long l2 = zone == ZoneOffset.UTC ? ts2 : DateTimes.timestamptzToTimestamp(ts2, zone);
        LocalDateTime t1 = local(l1);
        LocalDateTime t2 = local(l2);
        long fsec = Math.floorMod(l1, SEC) - Math.floorMod(l2, SEC);
        long sec = t1.getSecond() - t2.getSecond();
        long min = t1.getMinute() - t2.getMinute();
        long hour = t1.getHour() - t2.getHour();
        long mday = t1.getDayOfMonth() - t2.getDayOfMonth();
        long mon = t1.getMonthValue() - t2.getMonthValue();
        long year = t1.getYear() - t2.getYear();
        boolean flip = ts1 < ts2;
        if (flip) {
            fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year;
        }
        while (fsec < 0) { fsec += SEC; sec--; }
        while (sec < 0) { sec += 60; min--; }
        while (min < 0) { min += 60; hour--; }
        while (hour < 0) { hour += 24; mday--; }
        while (mday < 0) {
            LocalDateTime ref = flip ? t1 : t2;
            mday += ref.toLocalDate().lengthOfMonth();
            mon--;
        }
        while (mon < 0) { mon += 12; year--; }
        if (flip) {
            fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year;
        }
        return new Interval(Math.toIntExact(year * 12 + mon), Math.toIntExact(mday),
                ((hour * 60 + min) * 60 + sec) * SEC + fsec);
    }

    static int makeDate(int year, int month, int day) {
        int y = year;
        boolean bc = y < 0;
        if (y == 0 || month < 1 || month > 12 || day < 1
                || day > LocalDate.of(bc ? y + 1 : y, Math.max(1, Math.min(12, month)), 1).lengthOfMonth()) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    String.format("date field value out of range: %d-%02d-%02d", year, month, day));
        }
        LocalDate d = LocalDate.of(bc ? y + 1 : y, month, day);
        if (d.isBefore(LocalDate.of(-4713, 11, 24)) || d.getYear() > 5874897) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    String.format("date out of range: %d-%02d-%02d", d.getYear(), month, day)); // astronomical year
        }
        return (int) (d.toEpochDay() - PG_EPOCH.toEpochDay());
    }

    private static String fmtSec(double sec) {
        // %02g
        String g = String.format(Locale.ROOT, "%g", sec);
        if (g.contains("e")) {
            return g;
        }
        g = g.contains(".") ? g.replaceAll("0+$", "").replaceAll("\\.$", "") : g;
        return g.length() < 2 ? "0" + g : g;
    }

    static long makeTime(int hour, int min, double sec) {
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || Double.isNaN(sec) || hour > 24
                || hour == 24 && (min > 0 || sec > 0)) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    String.format("time field value out of range: %d:%02d:%s", hour, min, fmtSec(sec)));
        }
        long us = ((long) hour * 3600 + min * 60L) * SEC + Math.round(sec * SEC);
        if (us > DAY_US) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    String.format("time field value out of range: %d:%02d:%s", hour, min, fmtSec(sec)));
        }
        return us;
    }

    static long makeTimestamp(Object[] a) {
        int date = makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]);
        long time = makeTime((Integer) a[3], (Integer) a[4], (Double) a[5]);
        return date * DAY_US + time;
    }

    static Interval makeInterval(Object[] a) {
        double secs = (Double) a[6];
        if (Double.isNaN(secs) || Double.isInfinite(secs)) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        try {
            int months = Math.addExact(Math.multiplyExact((Integer) a[0], 12), (Integer) a[1]);
            int days = Math.addExact(Math.multiplyExact((Integer) a[2], 7), (Integer) a[3]);
            long time = Math.addExact(Math.multiplyExact((long) (Integer) a[4] * 3600L + (long) (Integer) a[5] * 60L, SEC),
                    Math.round(secs * SEC));
            return new Interval(months, days, time);
        } catch (ArithmeticException e) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    private static final Pattern POSIX_OFFSET = Pattern.compile("([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");

    /**
     * A zone as timezone()/AT TIME ZONE reads it: an abbreviation, a full name, or a POSIX-style offset
     * ("+05" is five hours WEST of Greenwich there, unlike SET TimeZone).
     */
    static ZoneId namedZone(String name) {
        Matcher m = POSIX_OFFSET.matcher(name.trim());
        if (m.matches()) {
            int secs = Integer.parseInt(m.group(2)) * 3600 + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            if (secs <= 18 * 3600) {
                return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? secs : -secs);
            }
        }
        ZoneId z = Zones.lookup(name);
        if (z == null) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
        }
        return z;
    }

    /** timestamptz AT TIME ZONE zone: the local time there (timestamp). */
    static Object utcToLocal(long ts, String zoneName) {
        ZoneId z = namedZone(zoneName);
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            return ts;
        }
        return DateTimes.timestamptzToTimestamp(ts, z);
    }

    /** timestamp AT TIME ZONE zone: that local time in the zone, as timestamptz. */
    static Object localToUtc(long ts, String zoneName) {
        ZoneId z = namedZone(zoneName);
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            return ts;
        }
        LocalDateTime local = local(ts);
        java.time.zone.ZoneOffsetTransition t = z.getRules().getTransition(local);
        ZoneOffset off = t == null ? z.getRules().getValidOffsets(local).get(0)
                : t.isGap() ? t.getOffsetBefore() : t.getOffsetAfter();
        return ts - off.getTotalSeconds() * SEC;
    }

    /** An interval used as a zone: seconds east of UTC; it may not have months or days. */
    static long intervalZone(Interval v) {
        if (v.months() != 0 || v.days() != 0) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                    "interval time zone \"" + org.tusk.engine.types.IntervalFormat.output(v, "postgres")
                            + "\" must not include months or days");
        }
        return v.micros();
    }

    private static Object shift(long ts, long micros) {
        if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
            return ts;
        }
        return ts + micros;
    }

}
