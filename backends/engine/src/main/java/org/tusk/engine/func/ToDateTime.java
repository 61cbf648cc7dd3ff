package org.tusk.engine.func;

import java.time.LocalDate;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.DateTimes;

/**
 * to_date(text, text) and to_timestamp(text, text): formatting.c's
 * DCH_from_char for the common template patterns (YYYY YYY YY Y, MM, MON/Mon/
 * MONTH/Month, DD, DDD, DAY/DY (skipped), HH HH12 HH24, MI, SS, MS, US, AM/PM
 * A.M./P.M., J). Outside FX mode a blank in the template skips any blanks of
 * the input, another separator skips one non-alphanumeric character, and a
 * number runs to its pattern's width when the next pattern follows directly,
 * else as far as its digits go; TZH and TZM give the zone (to_timestamp then
 * ignores the session's). jsonpath's .datetime(template) parses in strict mode
 * ({@link #parseDatetime}). Not yet: TZ/OF, IY* (ISO week dates),
 * CC, Q, W/WW, RM, th suffixes and FX.
 */
final class ToDateTime {
    private ToDateTime() {}

    private static final String[] PATTERNS = {"YYYY", "YYY", "YY", "Y", "MONTH", "MON", "MM", "DDD", "DD", "DAY", "DY",
        "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "A.M.", "P.M.", "AM", "PM", "J", "TZH", "TZM"};
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

    static void register() {
        FunctionRegistry.bind("to_date", (a, c) -> toDate((String) a[0], (String) a[1]));
        FunctionRegistry.bind("to_timestamp", (a, c) -> {
            Fields f = parse((String) a[0], (String) a[1], false);
            long local = f.localMicros();
            return f.zoned ? local - f.zoneSeconds() * 1_000_000L
                    : DateTimes.timestampToTimestamptz(local, TypeIoFunctions.typeContext(c).timeZone());
        });
    }

    /** The fields read so far (tmfc in formatting.c). */
    private static final class Fields {
        int year = 1;
        boolean yearSet;
        int month = 1;
        int day = 1;
        int doy;
        int hour;
        int minute;
        int second;
        long micros;
        int pm = -1;
        boolean clock12;
        Integer julian;
        /** TZH and TZM: the zone's offset east of Greenwich. */
        boolean zoneNegative;
        int zoneHours;
        int zoneMinutes;
        /** formatting.c's DCH_DATED / DCH_TIMED / DCH_ZONED: which kinds of fields the template has. */
        boolean dated;
        boolean timed;
        boolean zoned;

        int zoneSeconds() {
            int secs = zoneHours * 3600 + zoneMinutes * 60;
            return zoneNegative ? -secs : secs;
        }

        /** The input, for range errors (DateTimeParseError shows it whole). */
        String input = "";

        int date() {
            LocalDate d;
            try {
                if (julian != null) {
                    return julian - 2451545;
                }
                if (doy > 0) {
                    d = LocalDate.of(year, 1, 1).plusDays(doy - 1);
                } else {
                    d = LocalDate.of(year <= 0 ? year + 1 : year, month, day);
                }
            } catch (java.time.DateTimeException e) {
                throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW,
                        "date/time field value out of range: \"" + input + "\"");
            }
            return (int) (d.toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay());
        }

        long localMicros() {
            int h = hour;
            if (pm >= 0 || clock12) {
                if (h < 1 || h > 12) {
                    throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "hour \"" + h + "\" is invalid for the 12-hour clock")
                            .withHint("Use the 24-hour clock, or give an hour between 1 and 12.");
                }
                h = h % 12 + (pm == 1 ? 12 : 0);
            }
            return date() * 86_400_000_000L + ((h * 60L + minute) * 60L + second) * 1_000_000L + micros;
        }
    }

    static int toDate(String input, String format) {
        return parse(input, format, false).date();
    }

    /**
     * parse_datetime in strict mode, as jsonpath's .datetime(template) calls it: the whole input read by the
     * template (22007 when input is left over or runs out), the value's type decided by the kinds of fields the
     * template has: a LocalDate, LocalTime, OffsetTime, LocalDateTime or OffsetDateTime.
     */
    static Object parseDatetime(String input, String template) {
        Fields f = parse(input, template, true);
        if (!f.dated && !f.timed) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "datetime format is not dated and not timed");
        }
        long micros = f.localMicros();
        java.time.LocalDateTime local = java.time.LocalDateTime.of(2000, 1, 1, 0, 0)
                .plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
        java.time.ZoneOffset zone = f.zoned ? java.time.ZoneOffset.ofTotalSeconds(f.zoneSeconds()) : null;
        if (!f.timed) {
            return local.toLocalDate();
        }
        if (!f.dated) {
            return zone == null ? local.toLocalTime() : java.time.OffsetTime.of(local.toLocalTime(), zone);
        }
        return zone == null ? local : java.time.OffsetDateTime.of(local, zone);
    }

    /** {@code strict}: parse_datetime's std mode (jsonpath), where the input must match the whole template. */
    private static Fields parse(String in, String fmt, boolean strict) {
        Fields f = new Fields();
        f.input = in;
        int ip = 0;
        int fp = 0;
        while (fp < fmt.length()) {
            String pat = patternAt(fmt, fp);
            if (pat == null) {
                char fc = fmt.charAt(fp++);
                if (fc == '"') {
                    // quoted literal text: skip as many input characters
                    while (fp < fmt.length() && fmt.charAt(fp) != '"') {
                        fp++;
                        if (ip < in.length()) {
                            ip++;
                        }
                    }
                    fp++;
                } else if (Character.isWhitespace(fc)) {
                    while (ip < in.length() && Character.isWhitespace(in.charAt(ip))) {
                        ip++;
                    }
                } else if (ip < in.length() && !Character.isLetterOrDigit(in.charAt(ip))) {
                    ip++;
                } else if (Character.isLetterOrDigit(fc) && ip < in.length()) {
                    ip++;
                }
                continue;
            }
            String written = fmt.substring(fp, fp + pat.length());
            fp += pat.length();
            // blanks before a field are skipped
            while (ip < in.length() && Character.isWhitespace(in.charAt(ip))) {
                ip++;
            }
            if (strict && ip >= in.length()) {
                throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "input string is too short for datetime format");
            }
            markKind(f, pat);
            boolean adjacent = fp < fmt.length() && patternAt(fmt, fp) != null;
            switch (pat) {
                case "MONTH": case "MON": {
                    int m = matchName(in, ip, MONTHS, pat.equals("MON"));
                    if (m < 0) {
                        throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + word(in, ip)
                                + "\" for \"" + fmt.substring(fp - pat.length(), fp) + "\"")
                                .withDetail("The given value did not match any of the allowed values for this field.");
                    }
                    f.month = m + 1;
                    ip += pat.equals("MON") ? 3 : MONTHS[m].length();
                    continue;
                }
                case "DAY": case "DY": {
                    int d = matchName(in, ip, DAYS, pat.equals("DY"));
                    if (d >= 0) {
                        ip += pat.equals("DY") ? 3 : DAYS[d].length();
                    }
                    continue;
                }
                case "AM": case "PM": case "A.M.": case "P.M.": {
                    String rest = in.substring(ip).toUpperCase(Locale.ROOT);
                    boolean dotted = pat.length() == 4;
                    if (rest.startsWith(dotted ? "A.M." : "AM")) {
                        f.pm = 0;
                    } else if (rest.startsWith(dotted ? "P.M." : "PM")) {
                        f.pm = 1;
                    } else {
                        throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + word(in, ip)
                                + "\" for \"" + pat + "\"")
                                .withDetail("The given value did not match any of the allowed values for this field.");
                    }
                    ip += pat.length();
                    continue;
                }
                default:
                    break;
            }
            int width = switch (pat) {
                case "YYYY" -> 4;
                case "YYY", "DDD", "MS" -> 3;
                case "YY", "MM", "DD", "HH", "HH12", "HH24", "MI", "SS", "TZH", "TZM" -> 2;
                case "Y" -> 1;
                case "US" -> 6;
                default -> 9;
            };
            int start = ip;
            boolean negative = false;
            if (ip < in.length() && (in.charAt(ip) == '-' || in.charAt(ip) == '+')
                    && (pat.startsWith("Y") || pat.equals("J") || pat.equals("TZH"))) {
                negative = in.charAt(ip) == '-';
                ip++;
            }
            int digitsStart = ip;
            while (ip < in.length() && Character.isDigit(in.charAt(ip)) && (!adjacent || ip - digitsStart < width)) {
                ip++;
            }
            if (ip == digitsStart) {
                String shown = in.substring(start, Math.min(in.length(), start + width)).strip();
                throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + shown
                        + "\" for \"" + written + "\"").withDetail("Value must be an integer.");
            }
            String digits = in.substring(digitsStart, ip);
            long v = Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits) * (negative ? -1 : 1);
            int n = (int) v;
            switch (pat) {
                case "YYYY" -> f.year = n;
                case "YYY" -> f.year = digits.length() < 3 ? adjustYear(n, digits.length()) : n;
                case "YY" -> f.year = digits.length() < 3 ? adjustYear(n, digits.length()) : n;
                case "Y" -> f.year = digits.length() == 1 ? 2000 + n : n;
                case "MM" -> f.month = n;
                case "DD" -> f.day = n;
                case "DDD" -> f.doy = n;
                case "HH", "HH12" -> {
                    f.hour = n;
                    f.clock12 = true;
                }
                case "HH24" -> f.hour = n;
                case "MI" -> f.minute = n;
                case "SS" -> f.second = n;
                case "MS" -> f.micros += scaleFraction(digits, 3) * 1000L;
                case "US" -> f.micros += scaleFraction(digits, 6);
                case "J" -> f.julian = n;
                case "TZH" -> {
                    f.zoneNegative = negative;
                    f.zoneHours = Math.abs(n);
                }
                case "TZM" -> f.zoneMinutes = n;
                default -> { }
            }
            if (pat.startsWith("Y")) {
                f.yearSet = true;
            }
        }
        if (strict && ip < in.length()) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "trailing characters remain in input string after datetime format");
        }
        return f;
    }

    /** The kind of field a pattern reads (formatting.c's DCH_DATED, DCH_TIMED, DCH_ZONED keyword flags). */
    private static void markKind(Fields f, String pat) {
        switch (pat) {
            case "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "A.M.", "P.M.", "AM", "PM" -> f.timed = true;
            case "TZH", "TZM" -> f.zoned = true;
            default -> f.dated = true;
        }
    }

    /** adjust_partial_year_to_2020: two-digit years near 2020. */
    private static int adjustYear(int year, int digits) {
        if (digits == 1) {
            return year + 2000;
        }
        if (digits == 2) {
            return year < 70 ? year + 2000 : year + 1900;
        }
        return year < 100 ? year + 2000 : year + 1000;
    }

    /** MS and US read fewer digits as a fraction: "5" for MS is 500 ms, as formatting.c scales them. */
    private static long scaleFraction(String digits, int width) {
        long v = Long.parseLong(digits.length() > width ? digits.substring(0, width) : digits);
        for (int i = digits.length(); i < width; i++) {
            v *= 10;
        }
        return v;
    }

    private static String patternAt(String fmt, int at) {
        String rest = fmt.substring(at).toUpperCase(Locale.ROOT);
        for (String p : PATTERNS) {
            if (rest.startsWith(p)) {
                return p;
            }
        }
        return null;
    }

    private static int matchName(String in, int at, String[] names, boolean abbreviated) {
        String rest = in.substring(at).toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (abbreviated ? rest.startsWith(names[i].substring(0, 3)) : rest.startsWith(names[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String word(String in, int at) {
        int end = at;
        while (end < in.length() && !Character.isWhitespace(in.charAt(end))) {
            end++;
        }
        return in.substring(at, end);
    }
}
