package org.tusk.engine.types;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * time and timetz input/output (time_in/time_out, timetz_in/timetz_out):
 * "h:m[:s[.f]] [am|pm]" after an optional date part, "allballs", and for timetz
 * a zone as an offset (+02, -08:00, +0530) or a zone name (its offset at the
 * current time, as PostgreSQL uses for a name without a date). Seconds keep
 * microsecond precision (rounded), 24:00:00 is the largest time.
 */
public final class TimeFormat {
    private TimeFormat() {}

    private static final Pattern TIME = Pattern.compile(
            "(?:\\d{4}-\\d{1,2}-\\d{1,2}(?:\\s+|t))?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?"
            + "\\s*(am|pm)?\\s*(z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[a-z][a-z0-9_/+-]*)?");

    public static String outputTime(long micros) {
        StringBuilder sb = new StringBuilder();
        appendTime(sb, micros);
        return sb.toString();
    }

    static void appendTime(StringBuilder sb, long micros) {
        long h = micros / IntervalFormat.USECS_PER_HOUR;
        long rest = micros - h * IntervalFormat.USECS_PER_HOUR;
        long m = rest / IntervalFormat.USECS_PER_MINUTE;
        rest -= m * IntervalFormat.USECS_PER_MINUTE;
        long s = rest / IntervalFormat.USECS_PER_SEC;
        long f = rest - s * IntervalFormat.USECS_PER_SEC;
        if (h < 10) {
            sb.append('0');
        }
        sb.append(h).append(':');
        if (m < 10) {
            sb.append('0');
        }
        sb.append(m).append(':');
        IntervalFormat.appendSeconds(sb, s, f, true);
    }

    public static String outputTimeTz(TimeTz v) {
        StringBuilder sb = new StringBuilder();
        appendTime(sb, v.micros());
        appendOffset(sb, -v.zone());
        return sb.toString();
    }

    /** +HH[:MM[:SS]] for an offset in seconds east of UTC. */
    public static void appendOffset(StringBuilder sb, int east) {
        sb.append(east < 0 ? '-' : '+');
        int abs = Math.abs(east);
        int h = abs / 3600;
        if (h < 10) {
            sb.append('0');
        }
        sb.append(h);
        int m = abs % 3600 / 60;
        int s = abs % 60;
        if (m != 0 || s != 0) {
            sb.append(':');
            if (m < 10) {
                sb.append('0');
            }
            sb.append(m);
            if (s != 0) {
                sb.append(':');
                if (s < 10) {
                    sb.append('0');
                }
                sb.append(s);
            }
        }
    }

    public static long inputTime(String text) {
        return parse(text, "time", null, 0).micros();
    }

    public static TimeTz inputTimeTz(String text, ZoneId sessionZone, long nowMicros) {
        return parse(text, "time with time zone", sessionZone, nowMicros);
    }

    private static TimeTz parse(String text, String typeName, ZoneId sessionZone, long nowMicros) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("allballs")) {
            return new TimeTz(0, 0);
        }
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + typeName + ": \"" + text + "\"");
        }
        long h = Long.parseLong(m.group(1));
        long min = Long.parseLong(m.group(2));
        long sec = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        long frac = 0;
        if (m.group(4) != null && !m.group(4).isEmpty()) {
            java.math.BigDecimal f = new java.math.BigDecimal("0." + m.group(4)).movePointRight(6)
                    .setScale(0, java.math.RoundingMode.HALF_EVEN);
            frac = f.longValue();
        }
        if (m.group(5) != null) {
            if (h < 1 || h > 12) {
                throw outOfRange(text);
            }
            if (m.group(5).equals("am") && h == 12) {
                h = 0;
            } else if (m.group(5).equals("pm") && h != 12) {
                h += 12;
            }
        }
        if (min > 59 || sec > 60 || h > 24) {
            throw outOfRange(text);
        }
        long micros = ((h * 60 + min) * 60 + sec) * IntervalFormat.USECS_PER_SEC + frac;
        if (micros > IntervalFormat.USECS_PER_DAY) {
            throw outOfRange(text);
        }
        int west = 0;
        String zone = m.group(6);
        if (sessionZone != null) {
            if (zone == null) {
                west = -sessionZone.getRules().getOffset(DateTimes.toInstant(nowMicros)).getTotalSeconds();
            } else if (zone.equals("z")) {
                west = 0;
            } else if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
                west = -offsetSeconds(zone);
            } else {
                ZoneId z = Zones.lookup(zone);
                if (z == null) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + zone + "\" not recognized");
                }
                west = -z.getRules().getOffset(nowMicros == 0 ? Instant.now() : DateTimes.toInstant(nowMicros)).getTotalSeconds();
            }
        } else if (zone != null && !(zone.charAt(0) == '+' || zone.charAt(0) == '-' || zone.equals("z")
                || Zones.lookup(zone) != null)) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + typeName + ": \"" + text + "\"");
        }
        return new TimeTz(micros, west);
    }

    /** [+-]H, [+-]HH:MM, [+-]HHMM, [+-]HH:MM:SS as seconds east of UTC. */
    public static int offsetSeconds(String z) {
        int sign = z.charAt(0) == '-' ? -1 : 1;
        String body = z.substring(1);
        int h;
        int m = 0;
        int s = 0;
        if (body.contains(":")) {
            String[] p = body.split(":");
            h = Integer.parseInt(p[0]);
            m = Integer.parseInt(p[1]);
            if (p.length > 2) {
                s = Integer.parseInt(p[2]);
            }
        } else if (body.length() <= 2) {
            h = Integer.parseInt(body);
        } else if (body.length() <= 4) {
            h = Integer.parseInt(body.substring(0, body.length() - 2));
            m = Integer.parseInt(body.substring(body.length() - 2));
        } else {
            h = Integer.parseInt(body.substring(0, body.length() - 4));
            m = Integer.parseInt(body.substring(body.length() - 4, body.length() - 2));
            s = Integer.parseInt(body.substring(body.length() - 2));
        }
        return sign * (h * 3600 + m * 60 + s);
    }

    private static RuntimeException outOfRange(String text) {
        return Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
    }
}
