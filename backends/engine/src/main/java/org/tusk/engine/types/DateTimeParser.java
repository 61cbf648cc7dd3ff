package org.tusk.engine.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * Date and timestamp input as datetime.c does it: ParseDateTime splits the
 * text into typed fields (number, date, time, signed zone, string), then
 * DecodeDateTime assigns each field to year/month/day/hour/... using a mask of
 * what has been seen, the DateStyle field order for ambiguous numbers
 * ("1/8/1999" is January 8 in MDY, August 1 in DMY), month and weekday names,
 * AM/PM, AD/BC, zone abbreviations, IANA zone names and numeric offsets, and
 * the special words epoch, infinity, now, today, tomorrow, yesterday, allballs.
 */
public final class DateTimeParser {
    private DateTimeParser() {}

    private static final int YEAR = 1, MONTH = 2, DAY = 4, HOUR = 8, MINUTE = 16, SECOND = 32, TZ = 64, DOY = 128;
    private static final int DATE_M = YEAR | MONTH | DAY;
    private static final int TIME_M = HOUR | MINUTE | SECOND;

    private enum FieldType { NUMBER, DATE, TIME, TZ, STRING }

    /** What the text denotes: a normal value, or one of the special values. */
    public enum Kind { NORMAL, EPOCH, INFINITY, NEG_INFINITY, NOW }

    /** A decoded value: local date and time fields plus the zone given in the text, if any. */
    public record Result(Kind kind, LocalDateTime local, long micros, ZoneOffset offset, ZoneId namedZone) {
        /** The UTC instant in µs since 2000-01-01, resolving a missing zone in {@code session}. */
        public long toUtcMicros(ZoneId session) {
            ZoneOffset off = offset;
            if (off == null) {
                ZoneId zone = namedZone != null ? namedZone : session;
                java.time.zone.ZoneOffsetTransition t = zone.getRules().getTransition(local);
                if (t == null) {
                    off = zone.getRules().getValidOffsets(local).get(0);
                } else {
                    // in a spring-forward gap PostgreSQL uses the offset from before the transition (02:30
                    // becomes 03:30 daylight time); in a fall-back overlap the one after it (standard time)
                    off = t.isGap() ? t.getOffsetBefore() : t.getOffsetAfter();
                }
            }
            return localMicros() - off.getTotalSeconds() * 1_000_000L;
        }

        /** The local fields as µs since 2000-01-01 00:00 (timestamp without time zone). */
        public long localMicros() {
            return (local.toEpochSecond(ZoneOffset.UTC) - DateTimes.PG_EPOCH_UNIX_SECONDS) * 1_000_000L + micros;
        }
    }

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, Integer> WEEKDAYS = new HashMap<>();

    static {
        String[][] months = {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"}, {"may"},
            {"jun", "june"}, {"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"}, {"oct", "october"},
            {"nov", "november"}, {"dec", "december"}};
        for (int i = 0; i < months.length; i++) {
            for (String n : months[i]) {
                MONTHS.put(n, i + 1);
            }
        }
        String[][] days = {{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tues", "tuesday"},
            {"wed", "wednes", "wednesday"}, {"thu", "thur", "thurs", "thursday"}, {"fri", "friday"},
            {"sat", "saturday"}};
        for (int i = 0; i < days.length; i++) {
            for (String n : days[i]) {
                WEEKDAYS.put(n, i);
            }
        }
    }

    /** Words of the core token table (they cannot start a zone name like "est5edt"). */
    private static boolean isCoreToken(String w) {
        return MONTHS.containsKey(w) || WEEKDAYS.containsKey(w) || switch (w) {
            case "am", "pm", "ad", "bc", "t", "z", "epoch", "infinity", "now", "today", "tomorrow", "yesterday",
                 "allballs", "on", "zulu", "dst", "j", "julian" -> true;
            default -> false;
        };
    }

    private static final class Field {
        final FieldType type;
        final String text;

        Field(FieldType type, String text) {
            this.type = type;
            this.text = text;
        }
    }

    /** Bad format: "invalid input syntax for type X". */
    private static final class BadFormat extends RuntimeException {
        BadFormat() {
            super(null, null, false, false);
        }
    }

    /** Field value out of range (with the datestyle hint for month/day overflow). */
    private static final class FieldOverflow extends RuntimeException {
        final boolean monthDay;

        FieldOverflow(boolean monthDay) {
            super(null, null, false, false);
            this.monthDay = monthDay;
        }
    }

    private static final class TzOverflow extends RuntimeException {
        TzOverflow() {
            super(null, null, false, false);
        }
    }

    private static final class BadZone extends RuntimeException {
        final String zone;

        BadZone(String zone) {
            super(null, null, false, false);
            this.zone = zone;
        }
    }

    /**
     * Decodes {@code text} as date/timestamp input; {@code typeName} names the type in error messages
     * ("timestamp with time zone", "date"...).
     */
    public static Result decode(String text, String typeName, TypeContext ctx) {
        try {
            return new Decoder(DateStyle.order(ctx.dateStyle()), ctx).decode(parse(text));
        } catch (BadFormat e) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + typeName + ": \"" + text + "\"");
        } catch (FieldOverflow e) {
            throw new PgException(Severity.ERROR, SqlState.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + text + "\"", null,
                    e.monthDay ? "Perhaps you need a different \"datestyle\" setting." : null, 0, null);
        } catch (NumberFormatException e) {
            // a field too long for an int (strtoint's overflow)
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
        } catch (TzOverflow e) {
            throw Ereport.error(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                    "time zone displacement out of range: \"" + text + "\"");
        } catch (BadZone e) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + e.zone + "\" not recognized");
        }
    }

    /** ParseDateTime: the text split into typed, lower-cased fields. */
    private static List<Field> parse(String s) {
        List<Field> fields = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder b = new StringBuilder();
            FieldType type;
            if (isDigit(c)) {
                while (i < n && isDigit(s.charAt(i))) {
                    b.append(s.charAt(i++));
                }
                if (i < n && s.charAt(i) == ':') {
                    type = FieldType.TIME;
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
                        b.append(s.charAt(i++));
                    }
                } else if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    char delim = s.charAt(i);
                    b.append(s.charAt(i++));
                    if (i < n && isDigit(s.charAt(i))) {
                        type = delim == '.' ? FieldType.NUMBER : FieldType.DATE;
                        while (i < n && isDigit(s.charAt(i))) {
                            b.append(s.charAt(i++));
                        }
                        if (i < n && s.charAt(i) == delim) {
                            type = FieldType.DATE;
                            b.append(s.charAt(i++));
                            while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == delim)) {
                                b.append(s.charAt(i++));
                            }
                        }
                    } else {
                        type = FieldType.DATE;
                        while (i < n && (isAlnum(s.charAt(i)) || s.charAt(i) == delim)) {
                            b.append(Character.toLowerCase(s.charAt(i++)));
                        }
                    }
                } else {
                    type = FieldType.NUMBER;
                }
            } else if (c == '.') {
                b.append(s.charAt(i++));
                while (i < n && isDigit(s.charAt(i))) {
                    b.append(s.charAt(i++));
                }
                type = FieldType.NUMBER;
            } else if (isAlpha(c)) {
                type = FieldType.STRING;
                while (i < n && isAlpha(s.charAt(i))) {
                    b.append(Character.toLowerCase(s.charAt(i++)));
                }
                boolean isDate = false;
                if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    isDate = true;
                } else if (i < n && (s.charAt(i) == '+' || isDigit(s.charAt(i)))) {
                    isDate = !isCoreToken(b.toString());
                }
                if (isDate) {
                    type = FieldType.DATE;
                    do {
                        b.append(Character.toLowerCase(s.charAt(i++)));
                    } while (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == '/'
                            || s.charAt(i) == '_' || s.charAt(i) == '.' || s.charAt(i) == ':' || isAlnum(s.charAt(i))));
                }
            } else if (c == '+' || c == '-') {
                b.append(s.charAt(i++));
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i < n && isDigit(s.charAt(i))) {
                    type = FieldType.TZ;
                    b.append(s.charAt(i++));
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.'
                            || s.charAt(i) == '-')) {
                        b.append(s.charAt(i++));
                    }
                } else if (i < n && isAlpha(s.charAt(i))) {
                    type = FieldType.STRING;
                    while (i < n && isAlpha(s.charAt(i))) {
                        b.append(Character.toLowerCase(s.charAt(i++)));
                    }
                } else {
                    throw new BadFormat();
                }
            } else if (c < 128 && !Character.isLetterOrDigit(c)) {
                i++; // other punctuation only delimits
                continue;
            } else {
                throw new BadFormat();
            }
            fields.add(new Field(type, b.toString()));
        }
        if (fields.isEmpty()) {
            throw new BadFormat();
        }
        return fields;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }

    /** DecodeDateTime's state. */
    private static final class Decoder {
        final DateStyle.Order order;
        final TypeContext ctx;
        int fmask;
        int year, month, day, hour, minute, second;
        long fsec;
        boolean is2digits, bc, haveTextMonth, julianDate;
        int doy = -1;
        int meridian; // 0 = 24h, 1 = AM, 2 = PM
        ZoneOffset offset;
        ZoneId namedZone;
        Kind kind = Kind.NORMAL;
        boolean expectTime; // after an ISO "T"
        boolean expectJulian; // after "J"

        Decoder(DateStyle.Order order, TypeContext ctx) {
            this.order = order;
            this.ctx = ctx;
        }

        Result decode(List<Field> fields) {
            for (Field f : fields) {
                int tmask;
                switch (f.type) {
                    case DATE:
                        if (expectTime || (fmask & (MONTH | DAY)) == (MONTH | DAY) && !isDigit(f.text.charAt(0))) {
                            if (isDigit(f.text.charAt(0))) {
                                throw new BadFormat();
                            }
                            namedZone = zone(f.text);
                            tmask = TZ;
                        } else if ((fmask & (MONTH | DAY)) == (MONTH | DAY)) {
                            throw new BadFormat();
                        } else {
                            tmask = decodeDate(f.text);
                        }
                        break;
                    case TIME:
                        decodeTime(f.text);
                        tmask = TIME_M;
                        expectTime = false;
                        break;
                    case TZ:
                        offset = numericZone(f.text);
                        tmask = TZ;
                        break;
                    case NUMBER:
                        if (expectJulian) {
                            expectJulian = false;
                            tmask = julian(f.text);
                            break;
                        }
                        tmask = number(f.text);
                        expectTime = false;
                        break;
                    default:
                        tmask = string(f.text);
                        if (tmask < 0) {
                            continue;
                        }
                }
                if ((fmask & tmask) != 0) {
                    throw new BadFormat();
                }
                fmask |= tmask;
            }
            if (expectTime || expectJulian) {
                throw new BadFormat();
            }
            if (kind != Kind.NORMAL && kind != Kind.NOW) {
                if (fields.size() > 1) {
                    throw new BadFormat();
                }
                return new Result(kind, null, 0, null, null);
            }
            if (kind == Kind.NOW) {
                return new Result(Kind.NOW, null, 0, null, null);
            }
            validateDate();
            if (meridian != 0 && hour > 12) {
                throw new FieldOverflow(false);
            }
            if (meridian == 1 && hour == 12) {
                hour = 0;
            } else if (meridian == 2 && hour != 12) {
                hour += 12;
            }
            if ((fmask & DATE_M) != DATE_M) {
                throw new BadFormat();
            }
            if (hour > 24 || minute > 59 || second > 60 || hour == 24 && (minute > 0 || second > 0 || fsec > 0)) {
                throw new FieldOverflow(false);
            }
            LocalDateTime local;
            try {
                local = LocalDate.of(year, month, day).atStartOfDay().plusHours(hour).plusMinutes(minute)
                        .plusSeconds(second);
            } catch (DateTimeException e) {
                throw new FieldOverflow(false);
            }
            return new Result(Kind.NORMAL, local, fsec, offset, namedZone);
        }

        /** Returns the mask of what the word set, or -1 for a word to ignore. */
        int string(String w) {
            ZoneId abbrev = Zones.isAbbreviation(w) ? Zones.lookup(w) : null;
            if (abbrev instanceof ZoneOffset off) {
                offset = off;
                return TZ;
            }
            Integer m = MONTHS.get(w);
            if (m != null) {
                month = m;
                haveTextMonth = true;
                return MONTH;
            }
            if (WEEKDAYS.containsKey(w)) {
                return 1 << 22; // a weekday counts as a field (so a later DecodeDate rejects it) but is ignored
            }
            switch (w) {
                case "am": case "a.m.": meridian = 1; return 1 << 20;
                case "pm": case "p.m.": meridian = 2; return 1 << 20;
                case "ad": return 1 << 21;
                case "bc": bc = true; return 1 << 21;
                case "on": return -1;
                case "j": case "julian":
                    expectJulian = true;
                    return -1;
                case "t":
                    expectTime = true;
                    return -1;
                case "epoch": kind = Kind.EPOCH; return DATE_M | TIME_M | TZ;
                case "infinity": case "+infinity": kind = Kind.INFINITY; return DATE_M | TIME_M | TZ;
                case "-infinity": kind = Kind.NEG_INFINITY; return DATE_M | TIME_M | TZ;
                case "now": kind = Kind.NOW; return DATE_M | TIME_M | TZ;
                case "today": case "tomorrow": case "yesterday": {
                    LocalDate today = DateTimes.toInstant(ctx.nowMicros()).atZone(ctx.timeZone()).toLocalDate();
                    today = today.plusDays(w.equals("tomorrow") ? 1 : w.equals("yesterday") ? -1 : 0);
                    year = today.getYear();
                    month = today.getMonthValue();
                    day = today.getDayOfMonth();
                    return DATE_M;
                }
                case "allballs":
                    hour = 0;
                    minute = 0;
                    second = 0;
                    fsec = 0;
                    return TIME_M;
                default:
                    break;
            }
            if (w.startsWith("+") || w.startsWith("-")) {
                throw new BadFormat();
            }
            ZoneId z = Zones.lookup(w);
            if (z == null) {
                throw new BadFormat();
            }
            namedZone = z;
            return TZ;
        }

        ZoneId zone(String name) {
            ZoneId z = Zones.lookup(name);
            if (z == null) {
                throw new BadZone(name);
            }
            return z;
        }

        /** DecodeDate: a field like 1999-01-08, 1/8/1999, jan-08-1999, 08-jan-1999. */
        int decodeDate(String text) {
            List<String> parts = new ArrayList<>();
            int i = 0;
            int n = text.length();
            while (i < n) {
                while (i < n && !isAlnum(text.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    throw new BadFormat();
                }
                int start = i;
                if (isDigit(text.charAt(i))) {
                    while (i < n && isDigit(text.charAt(i))) {
                        i++;
                    }
                } else {
                    while (i < n && isAlpha(text.charAt(i))) {
                        i++;
                    }
                }
                parts.add(text.substring(start, i));
                if (i < n) {
                    i++;
                }
            }
            int tmask = 0;
            List<String> numeric = new ArrayList<>();
            for (String p : parts) {
                if (isAlpha(p.charAt(0))) {
                    Integer m = MONTHS.get(p);
                    if (m == null) {
                        if (WEEKDAYS.containsKey(p)) {
                            continue;
                        }
                        throw new BadFormat();
                    }
                    if (((fmask | tmask) & MONTH) != 0) {
                        throw new BadFormat();
                    }
                    month = m;
                    haveTextMonth = true;
                    tmask |= MONTH;
                } else {
                    numeric.add(p);
                }
            }
            for (String p : numeric) {
                int dmask = decodeNumber(p, fmask | tmask);
                if (((fmask | tmask) & dmask) != 0) {
                    throw new BadFormat();
                }
                tmask |= dmask;
            }
            // all the date, and nothing but a zone before it (PostgreSQL rejects "04:05 1999-01-08")
            if (((fmask | tmask) & ~(DOY | TZ)) != DATE_M) {
                throw new BadFormat();
            }
            return tmask;
        }

        /** A numeric field of DecodeDateTime: a date/time run together, a fraction, or one date field. */
        int number(String text) {
            int dot = text.indexOf('.');
            int flen = text.length();
            if (dot >= 0 && (fmask & DATE_M) == 0) {
                return decodeDate(text);
            }
            if (dot >= 0 && dot > 2) {
                return numberField(text);
            }
            if (flen >= 6 && ((fmask & DATE_M) == 0 || (fmask & TIME_M) == 0)) {
                return numberField(text);
            }
            return decodeNumber(text, fmask);
        }

        /** A Julian day number (day 2451545 is 2000-01-01), with an optional fraction of a day. */
        int julian(String text) {
            int dot = text.indexOf('.');
            long jd;
            try {
                jd = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            } catch (NumberFormatException e) {
                throw new FieldOverflow(false);
            }
            if (jd < 0 || jd > 2_147_483_647L) {
                throw new FieldOverflow(false);
            }
            LocalDate d = LocalDate.of(2000, 1, 1).plusDays(jd - 2_451_545L);
            year = d.getYear();
            month = d.getMonthValue();
            day = d.getDayOfMonth();
            julianDate = true;
            if (dot >= 0) {
                long us = Math.round(Double.parseDouble("0" + text.substring(dot)) * 86_400_000_000d);
                hour = (int) (us / 3_600_000_000L);
                minute = (int) (us / 60_000_000L % 60);
                second = (int) (us / 1_000_000L % 60);
                fsec = us % 1_000_000L;
                return DATE_M | TIME_M;
            }
            return DATE_M;
        }

        /** DecodeNumberField: yyyymmdd, yymmdd, hhmmss, hhmm, optionally with a fraction. */
        int numberField(String text) {
            String digits = text;
            int dot = text.indexOf('.');
            if (dot >= 0) {
                fsec = fraction(text.substring(dot));
                digits = text.substring(0, dot);
            }
            int len = digits.length();
            if ((fmask & DATE_M) == 0) {
                if (len >= 6) {
                    day = Integer.parseInt(digits.substring(len - 2));
                    month = Integer.parseInt(digits.substring(len - 4, len - 2));
                    year = Integer.parseInt(digits.substring(0, len - 4));
                    is2digits = len - 4 == 2;
                    return DATE_M;
                }
            }
            if ((fmask & HOUR) == 0) {
                if (len == 6) {
                    second = Integer.parseInt(digits.substring(4));
                    minute = Integer.parseInt(digits.substring(2, 4));
                    hour = Integer.parseInt(digits.substring(0, 2));
                    return TIME_M;
                }
                if (len == 4) {
                    second = 0;
                    minute = Integer.parseInt(digits.substring(2, 4));
                    hour = Integer.parseInt(digits.substring(0, 2));
                    return TIME_M;
                }
            }
            throw new BadFormat();
        }

        /** DecodeNumber: one numeric date field, placed by what has been seen and the DateStyle order. */
        int decodeNumber(String text, int seen) {
            int dot = text.indexOf('.');
            if (dot >= 0) {
                if (dot > 2) {
                    return numberField(text);
                }
                throw new BadFormat();
            }
            int flen = text.length();
            int val;
            try {
                val = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new FieldOverflow(false);
            }
            if (flen == 3 && (seen & DATE_M) == YEAR && val >= 1 && val <= 366) {
                doy = val;
                return DOY | MONTH | DAY;
            }
            int tmask;
            switch (seen & DATE_M) {
                case 0:
                    if (flen >= 3 || order == DateStyle.Order.YMD) {
                        tmask = YEAR;
                        year = val;
                    } else if (order == DateStyle.Order.DMY) {
                        tmask = DAY;
                        day = val;
                    } else {
                        tmask = MONTH;
                        month = val;
                    }
                    break;
                case YEAR:
                    tmask = MONTH;
                    month = val;
                    break;
                case MONTH:
                    if (haveTextMonth) {
                        if (flen >= 3 || order == DateStyle.Order.YMD) {
                            tmask = YEAR;
                            year = val;
                        } else {
                            tmask = DAY;
                            day = val;
                        }
                    } else {
                        tmask = DAY;
                        day = val;
                    }
                    break;
                case YEAR | MONTH:
                    if (haveTextMonth && flen >= 3 && is2digits) {
                        day = year; // DD-MON-YYYY: the first number was the day
                        year = val;
                        is2digits = false;
                        return DAY;
                    }
                    tmask = DAY;
                    day = val;
                    break;
                case DAY:
                    tmask = MONTH;
                    month = val;
                    break;
                case MONTH | DAY:
                    tmask = YEAR;
                    year = val;
                    break;
                case YEAR | MONTH | DAY:
                    throw new BadFormat();
                default:
                    throw new BadFormat();
            }
            if (tmask == YEAR) {
                is2digits = flen <= 2;
            }
            return tmask;
        }

        /** DecodeTime: hh:mm[:ss[.frac]]. */
        void decodeTime(String text) {
            String[] p = text.split(":", -1);
            if (p.length < 2 || p.length > 3) {
                throw new BadFormat();
            }
            try {
                hour = Integer.parseInt(p[0]);
                if (p.length == 2) {
                    int dot = p[1].indexOf('.');
                    if (dot >= 0) {
                        throw new BadFormat();
                    }
                    minute = Integer.parseInt(p[1]);
                    second = 0;
                } else {
                    minute = Integer.parseInt(p[1]);
                    int dot = p[2].indexOf('.');
                    if (dot >= 0) {
                        second = dot == 0 ? 0 : Integer.parseInt(p[2].substring(0, dot));
                        fsec = fraction(p[2].substring(dot));
                    } else {
                        second = Integer.parseInt(p[2]);
                    }
                }
            } catch (NumberFormatException e) {
                throw new FieldOverflow(false);
            }
            if (hour < 0 || minute < 0 || minute > 59 || second < 0 || second > 60 || fsec < 0) {
                throw new FieldOverflow(false);
            }
        }

        /** DecodeTimezone: ±hh, ±hh:mm, ±hhmm, ±hh:mm:ss. */
        ZoneOffset numericZone(String text) {
            int sign = text.charAt(0) == '-' ? -1 : 1;
            String body = text.substring(1);
            int hr, min = 0, sec = 0;
            try {
                String[] p = body.split(":", -1);
                if (p.length == 1) {
                    if (body.indexOf('.') >= 0 || body.indexOf('-') >= 0) {
                        throw new BadFormat();
                    }
                    int v = Integer.parseInt(body);
                    if (body.length() > 3) {
                        hr = v / 100;
                        min = v % 100;
                    } else {
                        hr = v;
                    }
                } else {
                    hr = Integer.parseInt(p[0]);
                    min = Integer.parseInt(p[1]);
                    if (p.length > 2) {
                        sec = Integer.parseInt(p[2]);
                    }
                    if (p.length > 3) {
                        throw new BadFormat();
                    }
                }
            } catch (NumberFormatException e) {
                throw new TzOverflow();
            }
            if (hr > 15 || min > 59 || sec > 59) {
                throw new TzOverflow();
            }
            return ZoneOffset.ofTotalSeconds(sign * (hr * 3600 + min * 60 + sec));
        }

        /** ValidateDate: BC and two-digit years, day-of-year, month and day ranges. */
        void validateDate() {
            if ((fmask & YEAR) != 0 && !julianDate) {
                if (bc) {
                    if (year <= 0) {
                        throw new FieldOverflow(false);
                    }
                    year = -(year - 1);
                } else if (is2digits) {
                    if (year < 70) {
                        year += 2000;
                    } else if (year < 100) {
                        year += 1900;
                    }
                } else if (year <= 0) {
                    throw new FieldOverflow(false);
                }
            }
            if (doy >= 0) {
                LocalDate d = LocalDate.ofYearDay(year, 1).plusDays(doy - 1);
                year = d.getYear();
                month = d.getMonthValue();
                day = d.getDayOfMonth();
            }
            if ((fmask & MONTH) != 0 && (month < 1 || month > 12)) {
                throw new FieldOverflow(true);
            }
            if ((fmask & DAY) != 0 && (day < 1 || day > 31)) {
                throw new FieldOverflow(true);
            }
            if ((fmask & DATE_M) == DATE_M && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                throw new FieldOverflow(false);
            }
        }
    }

    private static long fraction(String dotDigits) {
        String f = dotDigits.substring(1);
        if (f.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < f.length(); i++) {
            if (!isDigit(f.charAt(i))) {
                throw new BadFormat();
            }
        }
        // rint(frac * 1e6), as PostgreSQL rounds the fraction to microseconds
        return Math.round(Double.parseDouble("0." + f) * 1_000_000d);
    }
}
