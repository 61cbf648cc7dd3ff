package org.tusk.engine.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * interval_in and interval_out (datetime.c's DecodeInterval, DecodeISO8601Interval
 * and EncodeInterval). Input: "[@] quantity unit [quantity unit...] [ago]" with
 * units from microseconds to millennia (fractions spill into the smaller fields
 * as PostgreSQL does: months by 30 days, days by 24 hours), "h:m[:s.f]" times,
 * "y-m" year-month fields, a bare number as seconds (days before a time), and
 * ISO 8601 "P1Y2M3DT4H5M6S". Output in the four IntervalStyles.
 */
public final class IntervalFormat {
    private IntervalFormat() {}

    static final long USECS_PER_SEC = 1_000_000L;
    static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;

    // ---- output ----

    public static String output(Interval v, String style) {
        String st = style == null ? "postgres" : style.toLowerCase(Locale.ROOT);
        long year = v.months() / 12;
        long mon = v.months() % 12;
        long mday = v.days();
        long t = v.micros();
        long hour = t / USECS_PER_HOUR;
        t -= hour * USECS_PER_HOUR;
        long min = t / USECS_PER_MINUTE;
        t -= min * USECS_PER_MINUTE;
        long sec = t / USECS_PER_SEC;
        long fsec = t - sec * USECS_PER_SEC;
        StringBuilder sb = new StringBuilder();
        switch (st) {
            case "iso_8601": {
                if (year == 0 && mon == 0 && mday == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
                    return "PT0S";
                }
                sb.append('P');
                isoPart(sb, year, 'Y');
                isoPart(sb, mon, 'M');
                isoPart(sb, mday, 'D');
                if (hour != 0 || min != 0 || sec != 0 || fsec != 0) {
                    sb.append('T');
                    isoPart(sb, hour, 'H');
                    isoPart(sb, min, 'M');
                    if (sec != 0 || fsec != 0) {
                        if (sec < 0 || fsec < 0) {
                            sb.append('-');
                        }
                        appendSeconds(sb, sec, fsec, false);
                        sb.append('S');
                    }
                }
                return sb.toString();
            }
            case "sql_standard": {
                boolean neg = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
                boolean pos = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
                boolean hasYm = year != 0 || mon != 0;
                boolean hasDt = mday != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
                boolean standard = !(neg && pos) && !(hasYm && hasDt);
                if (standard && neg) {
                    sb.append('-');
                    year = -year;
                    mon = -mon;
                    mday = -mday;
                    hour = -hour;
                    min = -min;
                    sec = -sec;
                    fsec = -fsec;
                }
                if (!neg && !pos) {
                    return "0";
                }
                if (!standard) {
                    sb.append(year < 0 || mon < 0 ? '-' : '+').append(Math.abs(year)).append('-').append(Math.abs(mon));
                    sb.append(' ').append(mday < 0 ? '-' : '+').append(Math.abs(mday));
                    sb.append(' ').append(hour < 0 || min < 0 || sec < 0 || fsec < 0 ? '-' : '+').append(Math.abs(hour))
                            .append(':');
                    two(sb, Math.abs(min));
                    sb.append(':');
                    appendSeconds(sb, sec, fsec, true);
                } else if (hasYm) {
                    sb.append(year).append('-').append(mon);
                } else {
                    if (mday != 0) {
                        sb.append(mday).append(' ');
                    }
                    sb.append(hour).append(':');
                    two(sb, min);
                    sb.append(':');
                    appendSeconds(sb, sec, fsec, true);
                }
                return sb.toString();
            }
            case "postgres_verbose": {
                sb.append('@');
                boolean[] zero = {true};
                boolean[] before = {false};
                verbosePart(sb, year, "year", zero, before);
                verbosePart(sb, mon, "mon", zero, before);
                verbosePart(sb, mday, "day", zero, before);
                verbosePart(sb, hour, "hour", zero, before);
                verbosePart(sb, min, "min", zero, before);
                if (sec != 0 || fsec != 0) {
                    sb.append(' ');
                    if (sec < 0 || (sec == 0 && fsec < 0)) {
                        if (zero[0]) {
                            before[0] = true;
                        } else if (!before[0]) {
                            sb.append('-');
                        }
                    } else if (before[0]) {
                        sb.append('-');
                    }
                    appendSeconds(sb, sec, fsec, false);
                    sb.append(" sec").append(Math.abs(sec) != 1 || fsec != 0 ? "s" : "");
                    zero[0] = false;
                }
                if (zero[0]) {
                    sb.append(" 0");
                }
                if (before[0]) {
                    sb.append(" ago");
                }
                return sb.toString();
            }
            default: {
                boolean[] zero = {true};
                boolean[] before = {false};
                postgresPart(sb, year, "year", zero, before);
                postgresPart(sb, mon, "mon", zero, before);
                postgresPart(sb, mday, "day", zero, before);
                if (zero[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
                    boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
                    sb.append(zero[0] ? "" : " ").append(minus ? "-" : before[0] ? "+" : "");
                    two(sb, Math.abs(hour));
                    sb.append(':');
                    two(sb, Math.abs(min));
                    sb.append(':');
                    appendSeconds(sb, sec, fsec, true);
                }
                return sb.toString();
            }
        }
    }

    private static void isoPart(StringBuilder sb, long v, char unit) {
        if (v != 0) {
            sb.append(v).append(unit);
        }
    }

    private static void postgresPart(StringBuilder sb, long v, String unit, boolean[] zero, boolean[] before) {
        if (v == 0) {
            return;
        }
        sb.append(zero[0] ? "" : " ").append(before[0] && v > 0 ? "+" : "").append(v).append(' ').append(unit)
                .append(v != 1 ? "s" : "");
        before[0] = v < 0;
        zero[0] = false;
    }

    private static void verbosePart(StringBuilder sb, long v, String unit, boolean[] zero, boolean[] before) {
        if (v == 0) {
            return;
        }
        if (zero[0]) {
            before[0] = v < 0;
            v = Math.abs(v);
        } else if (before[0]) {
            v = -v;
        }
        sb.append(' ').append(v).append(' ').append(unit).append(v == 1 ? "" : "s");
        zero[0] = false;
    }

    /** AppendSeconds: absolute seconds (two digits when filling), then the fraction without trailing zeros. */
    static void appendSeconds(StringBuilder sb, long sec, long fsec, boolean fill) {
        long s = Math.abs(sec);
        if (fill && s < 10) {
            sb.append('0');
        }
        sb.append(s);
        if (fsec != 0) {
            String f = String.format("%06d", Math.abs(fsec));
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
    }

    private static void two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    // ---- input ----

    /** Accumulates the fields as exact decimals; folded into an Interval at the end. */
    private static final class Fields {
        BigDecimal months = BigDecimal.ZERO;
        BigDecimal days = BigDecimal.ZERO;
        BigDecimal micros = BigDecimal.ZERO;

        void addMonths(BigDecimal v) {
            BigDecimal whole = v.setScale(0, RoundingMode.DOWN);
            months = months.add(whole);
            addDays(v.subtract(whole).multiply(BigDecimal.valueOf(30)));
        }

        void addDays(BigDecimal v) {
            BigDecimal whole = v.setScale(0, RoundingMode.DOWN);
            days = days.add(whole);
            micros = micros.add(v.subtract(whole).multiply(BigDecimal.valueOf(USECS_PER_DAY)));
        }

        void addYears(BigDecimal v, int scale) {
            // AdjustFractYears: whole years exactly, the fraction rounded to whole months
            BigDecimal years = v.multiply(BigDecimal.valueOf(scale));
            BigDecimal whole = years.setScale(0, RoundingMode.DOWN);
            months = months.add(whole.multiply(BigDecimal.valueOf(12)))
                    .add(years.subtract(whole).multiply(BigDecimal.valueOf(12)).setScale(0, RoundingMode.HALF_EVEN));
        }

        void addMicros(BigDecimal v) {
            micros = micros.add(v);
        }
    }

    public static Interval input(String text) {
        return input(text, -1);
    }

    /**
     * interval_in with the column's typmod: its field range says what a trailing bare number
     * counts ({@code '1'::interval minute} is a minute, as DecodeInterval reads it) and makes
     * "m:s" of {@code '1:30' MINUTE TO SECOND}; the typmod's truncation is applied elsewhere.
     */
    public static Interval input(String text, int typmod) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw invalid(text);
        }
        Fields f = new Fields();
        if (s.charAt(0) == 'p') {
            iso8601(s, text, f);
            return build(f, text);
        }
        if (s.charAt(0) == '@') {
            s = s.substring(1).trim();
        }
        java.util.List<String> tokens = tokenize(s, text);
        boolean ago = false;
        BareNumbers pending = new BareNumbers(text);
        int i = 0;
        while (i < tokens.size()) {
            String tok = tokens.get(i++);
            if (tok.equals("ago")) {
                if (i != tokens.size()) {
                    throw invalid(text);
                }
                ago = true;
                continue;
            }
            if (tok.indexOf(':') >= 0) {
                pending.settle(f, "d");
                f.addMicros(parseTime(tok, text, IntervalTypmod.isMinuteToSecond(typmod)));
                continue;
            }
            if (tok.matches("[+-]?\\d+-\\d+")) {
                if (pending.any()) {
                    throw invalid(text);
                }
                boolean neg = tok.startsWith("-");
                String body = tok.replaceFirst("^[+-]", "");
                int dash = body.indexOf('-');
                BigDecimal ym = new BigDecimal(body.substring(0, dash)).multiply(BigDecimal.valueOf(12))
                        .add(new BigDecimal(body.substring(dash + 1)));
                f.addMonths(neg ? ym.negate() : ym);
                continue;
            }
            java.util.regex.Matcher m = NUMBER_UNIT.matcher(tok);
            if (!m.matches()) {
                throw invalid(text);
            }
            BigDecimal value;
            try {
                value = new BigDecimal(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            String unit = m.group(2);
            if (unit.isEmpty() && i < tokens.size() && unitOf(tokens.get(i)) != null) {
                unit = tokens.get(i++);
            }
            if (unit.isEmpty()) {
                pending.add(value);
                continue;
            }
            String u = unitOf(unit);
            if (u == null) {
                throw invalid(text);
            }
            pending.settle(f, u.equals("h") ? "d" : null);
            apply(f, u, value);
        }
        pending.settle(f, IntervalTypmod.bareNumberUnit(typmod));
        if (ago) {
            f.months = f.months.negate();
            f.days = f.days.negate();
            f.micros = f.micros.negate();
        }
        return build(f, text);
    }

    /**
     * Numbers written without a unit, which DecodeInterval reads right to left: such a
     * number counts in the unit below the field after it (days before an hour or a time
     * field, hours before days), and the last one in the unit the typmod's range ends
     * with. Any other number would repeat the following field's unit, which is an error.
     */
    private static final class BareNumbers {
        private final String text;
        private BigDecimal last;
        private BigDecimal beforeLast;

        BareNumbers(String text) {
            this.text = text;
        }

        boolean any() {
            return last != null;
        }

        void add(BigDecimal v) {
            if (beforeLast != null) {
                throw invalid(text);
            }
            beforeLast = last;
            last = v;
        }

        /** Gives the waiting numbers their units: {@code unit} for the last one (null: none fits). */
        void settle(Fields f, String unit) {
            if (last == null) {
                return;
            }
            if (unit == null || beforeLast != null && !unit.equals("h")) {
                throw invalid(text);
            }
            apply(f, unit, last);
            if (beforeLast != null) {
                apply(f, "d", beforeLast);
            }
            last = null;
            beforeLast = null;
        }
    }

    private static final java.util.regex.Pattern NUMBER_UNIT =
            java.util.regex.Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[+-]?\\d+)?)([a-z]*)");

    /** Splits on blanks and commas, and a sign glued after a unit ("1day-2hours") starts a new token. */
    private static java.util.List<String> tokenize(String s, String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        // ParseDateTime takes "@" (like other punctuation) as a mere delimiter, wherever it stands
        for (String t : s.split("[\\s,@]+")) {
            if (t.isEmpty()) {
                continue;
            }
            int start = 0;
            for (int k = 1; k < t.length(); k++) {
                char c = t.charAt(k);
                if ((c == '+' || c == '-') && Character.isLetter(t.charAt(k - 1))) {
                    out.add(t.substring(start, k));
                    start = k;
                }
            }
            out.add(t.substring(start));
        }
        if (out.isEmpty()) {
            throw invalid(text);
        }
        return out;
    }

    /** The canonical unit for a unit word, or null. */
    static String unitOf(String w) {
        switch (w) {
            case "microsecond": case "microseconds": case "us": case "usec": case "usecs": case "useconds":
            case "microsecon":
                return "us";
            case "millisecond": case "milliseconds": case "ms": case "msec": case "msecs": case "mseconds":
            case "millisecon":
                return "ms";
            case "second": case "seconds": case "s": case "sec": case "secs":
                return "s";
            case "minute": case "minutes": case "m": case "min": case "mins":
                return "min";
            case "hour": case "hours": case "h": case "hr": case "hrs":
                return "h";
            case "day": case "days": case "d":
                return "d";
            case "week": case "weeks": case "w":
                return "w";
            case "month": case "months": case "mon": case "mons":
                return "mon";
            case "year": case "years": case "y": case "yr": case "yrs":
                return "y";
            case "decade": case "decades": case "dec": case "decs":
                return "dec";
            case "century": case "centuries": case "c": case "cent":
                return "cent";
            case "millennium": case "millennia": case "mil": case "mils":
                return "mil";
            default:
                return null;
        }
    }

    private static void apply(Fields f, String unit, BigDecimal v) {
        switch (unit) {
            case "us": f.addMicros(v); break;
            case "ms": f.addMicros(v.multiply(BigDecimal.valueOf(1000))); break;
            case "s": f.addMicros(v.multiply(BigDecimal.valueOf(USECS_PER_SEC))); break;
            case "min": f.addMicros(v.multiply(BigDecimal.valueOf(USECS_PER_MINUTE))); break;
            case "h": f.addMicros(v.multiply(BigDecimal.valueOf(USECS_PER_HOUR))); break;
            case "d": f.addDays(v); break;
            case "w": f.addDays(v.multiply(BigDecimal.valueOf(7))); break;
            case "mon": f.addMonths(v); break;
            case "y": f.addYears(v, 1); break;
            case "dec": f.addYears(v, 10); break;
            case "cent": f.addYears(v, 100); break;
            default: f.addYears(v, 1000); break;
        }
    }

    /**
     * [+-]h:m[:s[.f]] (or m:s.f when the second field has a fraction, or m:s when
     * {@code minutesSeconds}, a MINUTE TO SECOND interval) in microseconds.
     */
    private static BigDecimal parseTime(String tok, String text, boolean minutesSeconds) {
        boolean neg = tok.startsWith("-");
        String body = tok.startsWith("-") || tok.startsWith("+") ? tok.substring(1) : tok;
        String[] p = body.split(":", -1);
        if (p.length < 2 || p.length > 3) {
            throw invalid(text);
        }
        try {
            BigDecimal r;
            if (p.length == 2 && (p[1].contains(".") || minutesSeconds)) {
                r = new BigDecimal(p[0]).multiply(BigDecimal.valueOf(USECS_PER_MINUTE))
                        .add(new BigDecimal(p[1]).multiply(BigDecimal.valueOf(USECS_PER_SEC)));
            } else {
                if (p[0].isEmpty() || p[1].isEmpty() || p[0].contains(".") || p[1].contains(".")) {
                    throw invalid(text);
                }
                r = new BigDecimal(p[0]).multiply(BigDecimal.valueOf(USECS_PER_HOUR))
                        .add(new BigDecimal(p[1]).multiply(BigDecimal.valueOf(USECS_PER_MINUTE)));
                if (p.length == 3) {
                    if (p[2].isEmpty()) {
                        throw invalid(text);
                    }
                    r = r.add(new BigDecimal(p[2]).multiply(BigDecimal.valueOf(USECS_PER_SEC)));
                }
            }
            return neg ? r.negate() : r;
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    /** ISO 8601 designators: P[nY][nM][nW][nD][T[nH][nM][nS]], each n possibly signed and fractional. */
    private static void iso8601(String s, String text, Fields f) {
        int i = 1;
        boolean time = false;
        if (i >= s.length()) {
            throw invalid(text);
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 't') {
                if (time) {
                    throw invalid(text);
                }
                time = true;
                i++;
                continue;
            }
            int j = i;
            if (j < s.length() && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                j++;
            }
            if (j == i || j >= s.length()) {
                throw invalid(text);
            }
            BigDecimal v;
            try {
                v = new BigDecimal(s.substring(i, j));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            char d = s.charAt(j);
            if (!time) {
                switch (d) {
                    case 'y': f.addYears(v, 1); break;
                    case 'm': f.addMonths(v); break;
                    case 'w': f.addDays(v.multiply(BigDecimal.valueOf(7))); break;
                    case 'd': f.addDays(v); break;
                    default: throw invalid(text);
                }
            } else {
                switch (d) {
                    case 'h': f.addMicros(v.multiply(BigDecimal.valueOf(USECS_PER_HOUR))); break;
                    case 'm': f.addMicros(v.multiply(BigDecimal.valueOf(USECS_PER_MINUTE))); break;
                    case 's': f.addMicros(v.multiply(BigDecimal.valueOf(USECS_PER_SEC))); break;
                    default: throw invalid(text);
                }
            }
            i = j + 1;
        }
    }

    private static Interval build(Fields f, String text) {
        BigDecimal micros = f.micros.setScale(0, RoundingMode.HALF_EVEN);
        if (f.months.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || f.days.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw Ereport.error("22015", "interval field value out of range: \"" + text + "\"");
        }
        return new Interval(f.months.intValue(), f.days.intValue(), micros.longValue());
    }

    private static RuntimeException invalid(String text) {
        return Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"" + text + "\"");
    }
}
