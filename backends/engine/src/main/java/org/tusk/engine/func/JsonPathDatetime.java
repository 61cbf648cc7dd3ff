package org.tusk.engine.func;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.JsonPathItem;

/**
 * jsonpath's .datetime() item method (executeDateTimeMethod) for the ISO forms it recognises
 * without a template: date, time, time with zone, timestamp and timestamp with zone, the date
 * and time separated by a space or "T", fractional seconds, a zone as {@code +3}, {@code +03}
 * or {@code +03:30}; with a template argument, as to_timestamp reads it in strict mode
 * ({@link ToDateTime#parseDatetime}), the template's fields deciding the type. Datetime items compare with
 * items of their own type; as results they become strings in the ISO form JsonEncodeDateTime
 * writes ({@code 2017-03-10T12:34:56+03:00}).
 */
final class JsonPathDatetime {
    private JsonPathDatetime() {}

    /** A datetime item: a LocalDate, LocalTime, OffsetTime, LocalDateTime or OffsetDateTime. */
    record Value(Object value) {
        String typeName() {
            if (value instanceof LocalDate) {
                return "date";
            }
            if (value instanceof LocalTime) {
                return "time without time zone";
            }
            if (value instanceof OffsetTime) {
                return "time with time zone";
            }
            return value instanceof LocalDateTime ? "timestamp without time zone" : "timestamp with time zone";
        }

        /** JsonEncodeDateTime's text. */
        String text() {
            if (value instanceof LocalDate d) {
                return d.format(DateTimeFormatter.ISO_LOCAL_DATE);
            }
            if (value instanceof LocalTime t) {
                return time(t);
            }
            if (value instanceof OffsetTime t) {
                return time(t.toLocalTime()) + zone(t.getOffset());
            }
            if (value instanceof LocalDateTime t) {
                return t.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE) + "T" + time(t.toLocalTime());
            }
            OffsetDateTime t = (OffsetDateTime) value;
            return t.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE) + "T" + time(t.toLocalTime())
                    + zone(t.getOffset());
        }
    }

    private static String time(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = String.format("%06d", micros);
            s += "." + f.replaceAll("0+$", "");
        }
        return s;
    }

    private static String zone(ZoneOffset offset) {
        int secs = offset.getTotalSeconds();
        int abs = Math.abs(secs);
        String s = String.format("%s%02d:%02d", secs < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 != 0 ? s + String.format(":%02d", abs % 60) : s;
    }

    private static final String DATE = "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})";
    private static final String TIME = "(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6}))?";
    private static final String ZONE = "\\s*([+-])(\\d{1,2})(?::(\\d{1,2}))?";
    private static final Pattern ISO = Pattern.compile(
            "(?:" + DATE + ")?(?:(?:(?<=\\d)[ T]|^)" + TIME + "(?:" + ZONE + ")?)?");

    static JsonPathExecutor.Result execute(JsonPathExecutor cxt, JsonPathItem jsp, Object jb, List<Object> found) {
        if (!(jb instanceof String s)) {
            return cxt.error(SqlState.INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION,
                    "jsonpath item method .datetime() can only be applied to a string");
        }
        if (jsp.string != null) {
            Object value;
            try {
                value = ToDateTime.parseDatetime(s, jsp.string);
            } catch (org.tusk.api.error.PgException e) {
                if (cxt.throwsErrors()) {
                    throw e;
                }
                return JsonPathExecutor.Result.ERROR;
            }
            return cxt.next(jsp, new Value(value), found);
        }
        Object value = parse(s);
        if (value == null) {
            if (cxt.throwsErrors()) {
                throw Ereport.error(SqlState.INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION,
                        "datetime format is not recognized: \"" + s + "\"")
                        .withHint("Use a datetime template argument to specify the input data format.");
            }
            return JsonPathExecutor.Result.ERROR;
        }
        return cxt.next(jsp, new Value(value), found);
    }

    private static Object parse(String s) {
        Matcher m = ISO.matcher(s);
        if (s.isEmpty() || !m.matches() || m.group(1) == null && m.group(4) == null) {
            return null;
        }
        try {
            LocalDate date = m.group(1) == null ? null
                    : LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return date;
            }
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000").substring(0, 6)) * 1000;
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos);
            ZoneOffset zone = null;
            if (m.group(8) != null) {
                int secs = Integer.parseInt(m.group(9)) * 3600 + (m.group(10) == null ? 0 : Integer.parseInt(m.group(10)) * 60);
                zone = ZoneOffset.ofTotalSeconds(m.group(8).equals("-") ? -secs : secs);
            }
            if (date == null) {
                return zone == null ? time : OffsetTime.of(time, zone);
            }
            return zone == null ? LocalDateTime.of(date, time) : OffsetDateTime.of(date, time, zone);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Items of one datetime type in order; null (unknown) across types, which would need the session's zone. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Integer compare(Value a, Value b) {
        Object x = a.value();
        Object y = b.value();
        if (x.getClass() != y.getClass()) {
            return null;
        }
        if (x instanceof OffsetTime t && y instanceof OffsetTime u) {
            // timetz_cmp: by the UTC time, then by the zone
            int c = Long.compare(t.toLocalTime().toNanoOfDay() / 1000 - t.getOffset().getTotalSeconds() * 1_000_000L,
                    u.toLocalTime().toNanoOfDay() / 1000 - u.getOffset().getTotalSeconds() * 1_000_000L);
            return c != 0 ? c : Integer.compare(u.getOffset().getTotalSeconds(), t.getOffset().getTotalSeconds());
        }
        if (x instanceof OffsetDateTime t && y instanceof OffsetDateTime u) {
            return t.toInstant().compareTo(u.toInstant());
        }
        return ((Comparable) x).compareTo(y);
    }
}
