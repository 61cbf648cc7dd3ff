package org.tusk.engine.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * timestamp, timestamptz and date in PostgreSQL's internal form: microseconds
 * (or days) since 2000-01-01 00:00 UTC, output in ISO DateStyle.
 */
public final class DateTimes {
    private DateTimes() {}

    /** Seconds from 1970-01-01 to 2000-01-01 (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE in seconds). */
    public static final long PG_EPOCH_UNIX_SECONDS = 946_684_800L;
    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    public static long toPgMicros(Instant instant) {
        return (instant.getEpochSecond() - PG_EPOCH_UNIX_SECONDS) * 1_000_000L + instant.getNano() / 1000;
    }

    public static Instant toInstant(long pgMicros) {
        return Instant.ofEpochSecond(PG_EPOCH_UNIX_SECONDS + Math.floorDiv(pgMicros, 1_000_000L),
                Math.floorMod(pgMicros, 1_000_000L) * 1000L);
    }

    public static String formatTimestamptz(long pgMicros, ZoneId zone) {
        ZonedDateTime z = toInstant(pgMicros).atZone(zone);
        StringBuilder sb = new StringBuilder();
        appendDateTime(sb, z.toLocalDateTime(), Math.floorMod(pgMicros, 1_000_000L));
        int offset = z.getOffset().getTotalSeconds();
        sb.append(offset < 0 ? '-' : '+');
        int abs = Math.abs(offset);
        two(sb, abs / 3600);
        if (abs % 3600 != 0) {
            sb.append(':');
            two(sb, (abs % 3600) / 60);
            if (abs % 60 != 0) {
                sb.append(':');
                two(sb, abs % 60);
            }
        }
        return sb.toString();
    }

    public static String formatTimestamp(long pgMicros) {
        LocalDateTime t = LocalDateTime.ofInstant(toInstant(pgMicros), ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder();
        appendDateTime(sb, t, Math.floorMod(pgMicros, 1_000_000L));
        return sb.toString();
    }

    public static String formatDate(int pgDays) {
        LocalDate d = PG_EPOCH.toLocalDate().plusDays(pgDays);
        if (d.getYear() <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static void appendDateTime(StringBuilder sb, LocalDateTime t, long micros) {
        sb.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
        if (micros != 0) {
            String f = String.format("%06d", micros);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?"
            + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);

    /** Parses ISO input; with a zone the result is UTC-based micros, without one it is interpreted in {@code zone}. */
    public static long parseTimestamp(String text, ZoneId zone, boolean withTimeZone, long nowMicros) {
        String typeName = withTimeZone ? "timestamp with time zone" : "timestamp";
        String s = text.trim();
        if (s.equalsIgnoreCase("now")) {
            return withTimeZone ? nowMicros
                    : toPgMicros(toInstant(nowMicros).atZone(zone).toLocalDateTime().toInstant(ZoneOffset.UTC));
        }
        if (s.equalsIgnoreCase("epoch")) {
            return -PG_EPOCH_UNIX_SECONDS * 1_000_000L;
        }
        Matcher m = ISO.matcher(s);
        if (!m.matches()) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + typeName + ": \"" + text + "\"");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            long micros = 0;
            if (m.group(7) != null) {
                String f = (m.group(7) + "000000").substring(0, 6);
                micros = Long.parseLong(f);
                if (m.group(7).length() > 6 && m.group(7).charAt(6) >= '5') {
                    micros++;
                }
            }
            Instant instant;
            if (!withTimeZone) {
                instant = local.toInstant(ZoneOffset.UTC);
            } else if (m.group(8) != null) {
                instant = local.toInstant(parseOffset(m.group(8)));
            } else {
                instant = local.atZone(zone).toInstant();
            }
            return toPgMicros(instant) + micros;
        } catch (DateTimeException | NumberFormatException e) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + text + "\"");
        }
    }

    private static ZoneOffset parseOffset(String z) {
        if (z.equalsIgnoreCase("Z") || z.equalsIgnoreCase("UTC") || z.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        String digits = z.substring(1).replace(":", "");
        int hours, minutes = 0;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
        } else {
            hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
            minutes = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        int sign = z.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    public static int parseDate(String text) {
        String s = text.trim();
        Matcher m = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})").matcher(s);
        if (!m.matches()) {
            throw Ereport.error(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type date: \"" + text + "\"");
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return (int) ChronoUnit.DAYS.between(PG_EPOCH.toLocalDate(), d);
        } catch (DateTimeException e) {
            throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
        }
    }

    /**
     * timestamptz to timestamp in the session zone (and back below). The local time in {@code zone} of an instant: only the zone's offset at that second is needed
     * (no ZonedDateTime; a fixed-offset zone such as UTC answers without a look-up). Every
     * pgbench_history row's {@code CURRENT_TIMESTAMP} goes through this cast to timestamp.
     */
    public static long timestamptzToTimestamp(long micros, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH)
                : rules.getOffset(Instant.ofEpochSecond(PG_EPOCH_UNIX_SECONDS + Math.floorDiv(micros, 1_000_000L)));
        return micros + offset.getTotalSeconds() * 1_000_000L;
    }

    public static long timestampToTimestamptz(long micros, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(toInstant(micros), ZoneOffset.UTC);
        long frac = Math.floorMod(micros, 1_000_000L);
        return toPgMicros(local.withNano(0).atZone(zone).toInstant()) + frac;
    }
}
