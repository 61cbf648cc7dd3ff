package org.tusk.engine.types;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * The DateStyle setting ("ISO, MDY", "Postgres, DMY", "SQL, MDY", "German, DMY")
 * and the output of date, timestamp and timestamptz in each style, as
 * EncodeDateOnly/EncodeDateTime do.  The field order (MDY/DMY/YMD) also steers
 * the reading of ambiguous numeric dates in {@link DateTimeParser}.
 */
public final class DateStyle {
    private DateStyle() {}

    public enum Style { ISO, POSTGRES, SQL, GERMAN }

    public enum Order { MDY, DMY, YMD }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    /**
     * Zone abbreviations of the tz database that java.time's short display names agree with; for other
     * zones the tz database mostly uses numeric abbreviations ("+04"), which is what we print then.
     */
    private static final Set<String> KNOWN_ABBREVIATIONS = Set.of("UTC", "GMT", "PST", "PDT", "MST", "MDT", "CST",
            "CDT", "EST", "EDT", "AKST", "AKDT", "HST", "AST", "ADT", "NST", "NDT", "WET", "WEST", "CET", "CEST",
            "EET", "EEST", "BST", "IST", "MSK", "JST", "KST", "HKT", "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST",
            "NZDT", "SAST", "PKT", "WIB", "WIT", "WITA", "PHT", "CAT", "EAT", "WAT", "ChST", "SST", "HDT", "MET",
            "MEST", "IDT");

    public static Style style(String dateStyle) {
        String s = dateStyle == null ? "" : dateStyle.toUpperCase(Locale.ROOT);
        if (s.startsWith("POSTGRES")) {
            return Style.POSTGRES;
        }
        if (s.startsWith("SQL")) {
            return Style.SQL;
        }
        if (s.startsWith("GERMAN")) {
            return Style.GERMAN;
        }
        return Style.ISO;
    }

    public static Order order(String dateStyle) {
        String s = dateStyle == null ? "" : dateStyle.toUpperCase(Locale.ROOT);
        if (s.contains("DMY")) {
            return Order.DMY;
        }
        if (s.contains("YMD")) {
            return Order.YMD;
        }
        return Order.MDY;
    }

    /** date_out for a finite date (days since 2000-01-01). */
    public static String formatDate(int pgDays, String dateStyle) {
        return date(java.time.LocalDate.of(2000, 1, 1).plusDays(pgDays), style(dateStyle), order(dateStyle));
    }

    private static String date(java.time.LocalDate d, Style style, Order order) {
        boolean bc = d.getYear() <= 0;
        int year = bc ? 1 - d.getYear() : d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        String s;
        switch (style) {
            case SQL:
                s = order == Order.DMY ? String.format("%02d/%02d/%04d", day, m, year)
                        : String.format("%02d/%02d/%04d", m, day, year);
                break;
            case GERMAN:
                s = String.format("%02d.%02d.%04d", day, m, year);
                break;
            case POSTGRES:
                s = order == Order.DMY ? String.format("%02d-%02d-%04d", day, m, year)
                        : String.format("%02d-%02d-%04d", m, day, year);
                break;
            default:
                s = String.format("%04d-%02d-%02d", year, m, day);
        }
        return bc ? s + " BC" : s;
    }

    /** timestamp_out for a finite value. */
    public static String formatTimestamp(long pgMicros, String dateStyle) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(DateTimes.PG_EPOCH_UNIX_SECONDS + Math.floorDiv(pgMicros, 1_000_000L),
                0, ZoneOffset.UTC);
        return dateTime(t, Math.floorMod(pgMicros, 1_000_000L), style(dateStyle), order(dateStyle), null, 0);
    }

    /** timestamptz_out for a finite value, shown in {@code zone}. */
    public static String formatTimestamptz(long pgMicros, ZoneId zone, String dateStyle) {
        ZonedDateTime z = DateTimes.toInstant(pgMicros).atZone(zone);
        return dateTime(z.toLocalDateTime().withNano(0), Math.floorMod(pgMicros, 1_000_000L), style(dateStyle),
                order(dateStyle), abbreviation(z), z.getOffset().getTotalSeconds());
    }

    /** The zone abbreviation PostgreSQL shows for this instant (also to_char's TZ): the tz database's, else the numeric offset. */
    public static String abbreviation(ZonedDateTime z) {
        int offset = z.getOffset().getTotalSeconds();
        ZoneId id = z.getZone();
        if (!(id instanceof ZoneOffset)) {
            TimeZone tz = TimeZone.getTimeZone(id);
            boolean dst = id.getRules().isDaylightSavings(z.toInstant());
            String name = tz.getDisplayName(dst, TimeZone.SHORT, Locale.US);
            if (KNOWN_ABBREVIATIONS.contains(name) && tz.getOffset(z.toInstant().toEpochMilli()) == offset * 1000) {
                return name;
            }
            if (id.getId().equals("Etc/UTC") || id.getId().equals("UTC")) {
                return "UTC";
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(offset < 0 ? '-' : '+');
        int abs = Math.abs(offset);
        sb.append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            sb.append(String.format(":%02d", abs % 3600 / 60));   // PostgreSQL: "+05:30"
        }
        return sb.toString();
    }

    private static String dateTime(LocalDateTime t, long micros, Style style, Order order, String zone, int offset) {
        boolean bc = t.getYear() <= 0;
        int year = bc ? 1 - t.getYear() : t.getYear();
        int m = t.getMonthValue();
        int day = t.getDayOfMonth();
        StringBuilder sb = new StringBuilder();
        String time = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()) + fraction(micros);
        switch (style) {
            case ISO:
                sb.append(String.format("%04d-%02d-%02d ", year, m, day)).append(time);
                if (zone != null) {
                    appendOffset(sb, offset);
                }
                break;
            case SQL:
                sb.append(order == Order.DMY ? String.format("%02d/%02d/%04d ", day, m, year)
                        : String.format("%02d/%02d/%04d ", m, day, year)).append(time);
                if (zone != null) {
                    sb.append(' ').append(zone);
                }
                break;
            case GERMAN:
                sb.append(String.format("%02d.%02d.%04d ", day, m, year)).append(time);
                if (zone != null) {
                    sb.append(' ').append(zone);
                }
                break;
            default:
                sb.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(' ');
                if (order == Order.DMY) {
                    sb.append(String.format("%02d ", day)).append(MONTHS[m - 1]);
                } else {
                    sb.append(MONTHS[m - 1]).append(String.format(" %02d", day));
                }
                sb.append(' ').append(time).append(' ').append(String.format("%04d", year));
                if (zone != null) {
                    sb.append(' ').append(zone);
                }
        }
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String fraction(long micros) {
        if (micros == 0) {
            return "";
        }
        String f = String.format("%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return "." + f.substring(0, end);
    }

    static void appendOffset(StringBuilder sb, int offset) {
        sb.append(offset < 0 ? '-' : '+');
        int abs = Math.abs(offset);
        sb.append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            sb.append(':').append(String.format("%02d", (abs % 3600) / 60));
            if (abs % 60 != 0) {
                sb.append(':').append(String.format("%02d", abs % 60));
            }
        }
    }
}
