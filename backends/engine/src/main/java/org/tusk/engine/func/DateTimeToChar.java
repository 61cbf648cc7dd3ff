package org.tusk.engine.func;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;

import org.tusk.engine.types.DateStyle;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.Interval;

/**
 * to_char(timestamp, text), to_char(timestamptz, text) and to_char(interval, text):
 * formatting.c's DCH_to_char. The template is read left to right; at each place the
 * longest keyword that matches wins (keywords are case-sensitive where the case picks
 * the output's: MONTH, Month, month), FM before a keyword drops its padding, TH/th
 * after a numeric one adds the English ordinal suffix, FX is accepted and ignored,
 * double-quoted text is copied (a backslash escapes a quote) and every other character
 * is copied as is. Names are English, padded to 9 characters (Roman months to 4)
 * unless FM.
 */
final class DateTimeToChar {

    private DateTimeToChar() {
    }

    /**
     * The keywords, longest first where one is a prefix of another. Numeric keywords exist in
     * upper and lower case with one meaning; text keywords carry their output's case.
     */
    private static final String[] KEYWORDS = {
        "A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "Day", "Dy", "D",
        "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "HH24", "HH12", "HH", "IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I",
        "J", "MI", "MM", "MONTH", "MON", "MS", "Month", "Mon", "OF", "P.M.", "PM", "Q", "RM", "SSSSS", "SSSS", "SS",
        "TZH", "TZM", "TZ", "US", "WW", "W", "Y,YYY", "YYYY", "YYY", "YY", "Y",
        "a.d.", "a.m.", "ad", "am", "b.c.", "bc", "cc", "day", "ddd", "dd", "dy", "d", "ff1", "ff2", "ff3", "ff4",
        "ff5", "ff6", "hh24", "hh12", "hh", "iddd", "id", "iw", "iyyy", "iyy", "iy", "i", "j", "mi", "mm", "month",
        "mon", "ms", "of", "p.m.", "pm", "q", "rm", "sssss", "ssss", "ss", "tz", "us", "ww", "w", "y,yyy", "yyyy",
        "yyy", "yy", "y"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] ROMAN_MONTHS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
        "XII"};

    static void register() {
        FunctionRegistry.bind("timestamp_to_char", (a, c) -> {
            long micros = (Long) a[0];
            LocalDateTime t = DateTimes.toInstant(micros).atOffset(ZoneOffset.UTC).toLocalDateTime();
            return format((String) a[1], Fields.of(t, Math.floorMod(micros, 1_000_000L), null, 0));
        });
        FunctionRegistry.bind("timestamptz_to_char", (a, c) -> {
            long micros = (Long) a[0];
            ZoneId zone = TypeIoFunctions.typeContext(c).timeZone();
            ZonedDateTime z = DateTimes.toInstant(micros).atZone(zone);
            return format((String) a[1], Fields.of(z.toLocalDateTime(), Math.floorMod(micros, 1_000_000L),
                    DateStyle.abbreviation(z), z.getOffset().getTotalSeconds()));
        });
        FunctionRegistry.bind("interval_to_char", (a, c) -> format((String) a[1], Fields.of((Interval) a[0])));
    }

    /** pg_tm as to_char sees it; {@code interval} changes how years, hours and days print. */
    private record Fields(long year, int month, int day, long hour, int minute, int second, long micros,
            int dayOfYear, int dayOfWeek, LocalDate date, String zone, int offsetSeconds, boolean interval) {

        static Fields of(LocalDateTime t, long micros, String zone, int offsetSeconds) {
            LocalDate d = t.toLocalDate();
            return new Fields(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), t.getHour(), t.getMinute(),
                    t.getSecond(), micros, d.getDayOfYear(), d.getDayOfWeek().getValue() % 7, d, zone, offsetSeconds,
                    false);
        }

        /** interval2tm: years and months from the months, days as they are, the time split from the micros. */
        static Fields of(Interval i) {
            long time = i.micros();
            long hours = time / 3_600_000_000L;
            time -= hours * 3_600_000_000L;
            int minutes = (int) (time / 60_000_000L);
            time -= minutes * 60_000_000L;
            int seconds = (int) (time / 1_000_000L);
            return new Fields(i.months() / 12, i.months() % 12, i.days(), hours, minutes, seconds,
                    time - seconds * 1_000_000L, i.days(), 0, null, null, 0, true);
        }

        /** The year as BC/AD years count it (there is no year 0). */
        long displayYear() {
            return !interval && year <= 0 ? 1 - year : year;
        }

        boolean bc() {
            return !interval && year <= 0;
        }
    }

    /** The formatted text; null for an empty template, as PostgreSQL's to_char returns. */
    static String format(String template, Fields f) {
        if (template.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            boolean fillMode = false;
            while (template.regionMatches(true, i, "FM", 0, 2) || template.regionMatches(true, i, "FX", 0, 2)) {
                fillMode |= Character.toUpperCase(template.charAt(i + 1)) == 'M';
                i += 2;
            }
            String keyword = keywordAt(template, i);
            if (keyword == null) {
                if (i >= n) {
                    break;              // FM or FX at the end
                }
                char ch = template.charAt(i);
                if (ch == '"') {
                    i = quoted(template, i + 1, out);
                } else if (ch == '\\' && i + 1 < n && template.charAt(i + 1) == '"') {
                    out.append('"');
                    i += 2;
                } else {
                    out.append(ch);
                    i++;
                }
                continue;
            }
            i += keyword.length();
            int suffix = 0;     // 1: TH, 2: th
            if (template.startsWith("TH", i)) {
                suffix = 1;
            } else if (template.startsWith("th", i)) {
                suffix = 2;
            }
            Long number = append(out, keyword, f, fillMode);
            if (suffix != 0) {
                i += 2;
                if (number != null) {           // a text keyword takes no suffix
                    out.append(ordinal(number, suffix == 1));
                }
            }
        }
        return out.toString();
    }

    /** Copies quoted text up to the closing quote; returns the index after it. */
    private static int quoted(String template, int i, StringBuilder out) {
        int n = template.length();
        while (i < n && template.charAt(i) != '"') {
            if (template.charAt(i) == '\\' && i + 1 < n) {
                i++;
            }
            out.append(template.charAt(i++));
        }
        return i + 1;
    }

    private static String keywordAt(String template, int i) {
        String best = null;
        for (String k : KEYWORDS) {
            if (template.startsWith(k, i) && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    /** Appends the keyword's text; returns the number it printed (for TH), or null for text. */
    private static Long append(StringBuilder out, String keyword, Fields f, boolean fm) {
        switch (keyword) {
            case "A.D.", "B.C." -> out.append(f.bc() ? "B.C." : "A.D.");
            case "a.d.", "b.c." -> out.append(f.bc() ? "b.c." : "a.d.");
            case "AD", "BC" -> out.append(f.bc() ? "BC" : "AD");
            case "ad", "bc" -> out.append(f.bc() ? "bc" : "ad");
            case "A.M.", "P.M." -> out.append(f.hour % 24 >= 12 ? "P.M." : "A.M.");
            case "a.m.", "p.m." -> out.append(f.hour % 24 >= 12 ? "p.m." : "a.m.");
            case "AM", "PM" -> out.append(f.hour % 24 >= 12 ? "PM" : "AM");
            case "am", "pm" -> out.append(f.hour % 24 >= 12 ? "pm" : "am");
            case "MONTH", "Month", "month", "MON", "Mon", "mon" -> {
                if (f.month == 0) {
                    return null;        // an interval without months has no month name
                }
                String name = MONTHS[f.month - 1];
                boolean abbreviated = keyword.length() == 3;
                text(out, abbreviated ? name.substring(0, 3) : name, keyword, abbreviated || fm ? 0 : 9);
            }
            case "DAY", "Day", "day", "DY", "Dy", "dy" -> {
                if (f.interval) {
                    return null;
                }
                String name = DAYS[f.dayOfWeek];
                boolean abbreviated = keyword.length() == 2;
                text(out, abbreviated ? name.substring(0, 3) : name, keyword, abbreviated || fm ? 0 : 9);
            }
            case "RM", "rm" -> {
                if (f.month == 0) {
                    return null;
                }
                String r = ROMAN_MONTHS[f.month - 1];
                r = keyword.equals("rm") ? r.toLowerCase(Locale.ROOT) : r;
                out.append(fm ? r : String.format("%-4s", r));
            }
            case "TZ", "tz" -> {
                if (f.zone != null) {
                    out.append(keyword.equals("tz") ? f.zone.toLowerCase(Locale.ROOT) : f.zone);
                }
            }
            case "TZH" -> {
                out.append(f.offsetSeconds < 0 ? '-' : '+');
                pad(out, Math.abs(f.offsetSeconds) / 3600, 2, fm);
            }
            case "TZM" -> pad(out, Math.abs(f.offsetSeconds) % 3600 / 60, 2, fm);
            case "OF", "of" -> {
                out.append(f.offsetSeconds < 0 ? '-' : '+');
                int abs = Math.abs(f.offsetSeconds);
                pad(out, abs / 3600, 2, fm);
                if (abs % 3600 != 0) {
                    out.append(':');
                    pad(out, abs % 3600 / 60, 2, false);
                }
            }
            default -> {
                return numeric(out, keyword.toUpperCase(Locale.ROOT), f, fm);
            }
        }
        return null;
    }

    private static Long numeric(StringBuilder out, String keyword, Fields f, boolean fm) {
        long v;
        int width;
        switch (keyword) {
            case "HH", "HH12" -> {
                v = f.hour % 12 == 0 ? 12 : f.hour % 12;
                width = 2;
            }
            case "HH24" -> {
                v = f.hour;
                width = 2;
            }
            case "MI" -> {
                v = f.minute;
                width = 2;
            }
            case "SS" -> {
                v = f.second;
                width = 2;
            }
            case "MS" -> {
                v = f.micros / 1000;
                width = 3;
            }
            case "US" -> {
                v = f.micros;
                width = 6;
            }
            case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6" -> {
                int digits = keyword.charAt(2) - '0';
                v = f.micros / (long) Math.pow(10, 6 - digits);
                width = digits;
            }
            case "SSSS", "SSSSS" -> {
                v = f.hour * 3600 + f.minute * 60L + f.second;
                width = 0;
            }
            case "Y,YYY" -> {
                long y = f.displayYear();
                out.append(y / 1000).append(',');
                pad(out, y % 1000, 3, false);
                return y;
            }
            case "YYYY" -> {
                v = f.displayYear();
                width = 4;
            }
            case "YYY", "YY", "Y" -> {
                int digits = keyword.length();
                v = f.displayYear() % (long) Math.pow(10, digits);
                width = digits;
            }
            case "IYYY", "IYY", "IY", "I" -> {
                int digits = keyword.length();
                long iso = f.date == null ? f.year : f.date.get(IsoFields.WEEK_BASED_YEAR);
                iso = !f.interval && iso <= 0 ? 1 - iso : iso;
                v = digits == 4 ? iso : iso % (long) Math.pow(10, digits);
                width = digits;
            }
            case "CC" -> {
                v = f.interval ? f.year / 100 : f.year > 0 ? (f.year + 99) / 100 : -((99 - (f.year - 1)) / 100);
                width = 2;
            }
            case "Q" -> {
                if (f.month == 0) {
                    return null;
                }
                v = (f.month - 1) / 3 + 1;
                width = 0;
            }
            case "MM" -> {
                v = f.month;
                width = 2;
            }
            case "DDD" -> {
                v = f.dayOfYear;
                width = 3;
            }
            case "DD" -> {
                v = f.day;
                width = 2;
            }
            case "D" -> {
                v = f.dayOfWeek + 1;
                width = 0;
            }
            case "ID" -> {
                v = f.dayOfWeek == 0 ? 7 : f.dayOfWeek;
                width = 0;
            }
            case "IDDD" -> {
                v = f.date == null ? f.dayOfYear
                        : (f.date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7L
                                + f.date.getDayOfWeek().getValue();
                width = 3;
            }
            case "W" -> {
                v = (f.day - 1) / 7 + 1;
                width = 0;
            }
            case "WW" -> {
                v = (f.dayOfYear - 1) / 7 + 1;
                width = 2;
            }
            case "IW" -> {
                v = f.date == null ? (f.dayOfYear - 1) / 7 + 1 : f.date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                width = 2;
            }
            case "J" -> {
                v = f.date == null ? 0 : f.date.toEpochDay() + 2_440_588L;
                width = 0;
            }
            default -> throw new IllegalArgumentException(keyword);
        }
        pad(out, v, width, fm);
        return v;
    }

    /** The number zero-padded to {@code width} digits (after its sign), unless fill mode. */
    private static void pad(StringBuilder out, long v, int width, boolean fm) {
        String digits = Long.toString(Math.abs(v));
        if (v < 0) {
            out.append('-');
        }
        for (int k = digits.length(); !fm && k < width; k++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** A name in the keyword's case, padded on the right to {@code width}. */
    private static void text(StringBuilder out, String name, String keyword, int width) {
        String s;
        if (Character.isLowerCase(keyword.charAt(0))) {
            s = name.toLowerCase(Locale.ROOT);
        } else if (Character.isUpperCase(keyword.charAt(1))) {
            s = name.toUpperCase(Locale.ROOT);
        } else {
            s = name;
        }
        out.append(s);
        for (int k = s.length(); k < width; k++) {
            out.append(' ');
        }
    }

    /** English ordinal suffix: st, nd, rd, th (11th-13th), upper case for TH. */
    private static String ordinal(long n, boolean upper) {
        long abs = Math.abs(n);
        String s;
        if (abs % 100 >= 11 && abs % 100 <= 13) {
            s = "th";
        } else {
            s = switch ((int) (abs % 10)) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }
}
