package org.tusk.engine.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * The types' text input and output functions (int4in/int4out, numeric_in, boolin...).
 * Values are held as Java objects: Boolean, Short, Integer, Long (int8, oid, xid),
 * BigDecimal, Float, Double, String (text-like and inet), Long micros (timestamps),
 * Integer days (date).
 */
public final class TextFormat {
    private TextFormat() {}

    public static String output(PgType type, Object value, TypeContext ctx) {
        if (value == null) {
            return null;
        }
        switch (type) {
            case BOOL: return ((Boolean) value) ? "t" : "f";
            case NUMERIC: return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            case FLOAT4: return FloatFormat.float4((Float) value, ctx.extraFloatDigits());
            case FLOAT8: return FloatFormat.float8((Double) value, ctx.extraFloatDigits());
            case TIMESTAMPTZ: {
                long v = (Long) value;
                return v == Long.MAX_VALUE ? "infinity" : v == Long.MIN_VALUE ? "-infinity"
                        : DateStyle.formatTimestamptz(v, ctx.timeZone(), ctx.dateStyle());
            }
            case TIMESTAMP: {
                long v = (Long) value;
                return v == Long.MAX_VALUE ? "infinity" : v == Long.MIN_VALUE ? "-infinity"
                        : DateStyle.formatTimestamp(v, ctx.dateStyle());
            }
            case DATE: {
                int v = (Integer) value;
                return v == Integer.MAX_VALUE ? "infinity" : v == Integer.MIN_VALUE ? "-infinity"
                        : DateStyle.formatDate(v, ctx.dateStyle());
            }
            case INTERVAL: return IntervalFormat.output((Interval) value, ctx.intervalStyle());
            case TIME: return TimeFormat.outputTime((Long) value);
            case TIMETZ: return TimeFormat.outputTimeTz((TimeTz) value);
            case VOID: return "";
            case PG_LSN: return PgLsn.output((Long) value);
            case MONEY: return Money.output((Long) value);
            case CHAR: return charOut((String) value);
            case REGTYPE: {
                // regtypeout (format_type): built-in types by display name, user types by their
                // pg_type name from the session's syscache, unknown OIDs as the number
                int typeOid = (int) ((Number) value).longValue();
                PgType t = PgType.byOid(typeOid);
                if (t != null) {
                    return t.displayName();
                }
                UserTypes.UserType u = UserTypes.byOid(typeOid);
                return u == null ? value.toString() : u.name();
            }
            case BYTEA: return ByteaFormat.output((byte[]) value, ctx.byteaOutputEscape());
            case REGCLASS: return RegclassIo.output(value);
            case REGNAMESPACE: return RegclassIo.namespaceOutput(value);
            case REGPROC: return RegprocIo.output(value);
            case POINT: case LSEG: case BOX: case LINE: case PATH: case POLYGON: case CIRCLE:
                return org.tusk.engine.types.geo.GeoText.output(value, ctx.extraFloatDigits());
            case INT2VECTOR: case OIDVECTOR:
                // int2vectorout / oidvectorout: the elements separated by spaces
                if (value instanceof ArrayValue v) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < v.size(); i++) {
                        sb.append(i == 0 ? "" : " ").append(v.element(i));
                    }
                    return sb.toString();
                }
                return value.toString();
            default:
                if (value instanceof ArrayValue a) {
                    return ArrayFormat.output(a, ctx);
                }
                if (value instanceof RecordValue r) {
                    return RecordFormat.output(r, ctx);
                }
                if (value instanceof RangeValue r) {
                    return RangeFormat.output(r, ctx);
                }
                return value.toString();
        }
    }

    /** int2vectorin / oidvectorin: integers separated by spaces, a 1-D array with lower bound 0. */
    private static ArrayValue vectorIn(PgType type, String s) {
        PgType element = type == PgType.INT2VECTOR ? PgType.INT2 : PgType.OID;
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (String part : s.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            values.add(element == PgType.INT2 ? (Object) (short) parseInteger(part, PgType.INT2, Short.MIN_VALUE, Short.MAX_VALUE)
                    : (Object) input(PgType.OID, -1, part, null));
        }
        if (values.isEmpty()) {
            return ArrayValue.empty(element);
        }
        return new ArrayValue(element, new int[] {values.size()}, new int[] {0}, values.toArray());
    }

    /**
     * regtypein: an OID as digits, else a built-in type by typname or display name ("int4",
     * "integer", "int4[]"), else a user type visible in the session's search path.
     */
    private static Long regtypeIn(String s) {
        String name = s.strip();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(name);
        }
        int bracket = name.indexOf('[', name.startsWith("\"") ? Math.max(1, name.indexOf('"', 1)) : 0);
        if (name.endsWith("]") && bracket > 0) {
            // "int4[]", "integer[3][]", "character varying(3)[]": the element type's array type
            String elemName = name.substring(0, bracket).strip();
            long elem;
            try {
                elem = regtypeIn(elemName);
            } catch (org.tusk.api.error.PgException notFound) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
            }
            PgType e = PgType.byOid((int) elem);
            int array = e != null ? (e.arrayType() == null ? 0 : e.arrayType().oid())
                    : UserTypes.byOid((int) elem) == null ? 0 : UserTypes.byOid((int) elem).arrayOid();
            if (array == 0) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
            }
            return (long) array;
        }
        if (name.endsWith(")") && name.indexOf('(') > 0 && !name.startsWith("\"")) {
            name = name.substring(0, name.indexOf('(')).strip();   // the typmod does not change the type
        }
        String lower = name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                ? name.substring(1, name.length() - 1) : name.toLowerCase(Locale.ROOT);
        String builtinName = lower.startsWith("pg_catalog.") ? lower.substring("pg_catalog.".length()) : lower;
        if (builtinName.equals("int")) {
            builtinName = "int4";
        }
        PgType t = PgType.byTypname(builtinName);
        if (t == null) {
            for (PgType c : PgType.values()) {
                if (c.displayName().equals(builtinName)) {
                    t = c;
                    break;
                }
            }
        }
        if (t != null) {
            return (long) t.oid();
        }
        String schema = null;
        int dot = lower.indexOf('.');
        if (dot > 0) {
            schema = lower.substring(0, dot);
            lower = lower.substring(dot + 1);
        }
        UserTypes.UserType u = UserTypes.byName(schema, lower);
        if (u != null) {
            return (long) u.oid();
        }
        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
    }

    /** The type's input function, then the typmod coercion (varchar length, numeric precision). */
    public static Object input(PgType type, int typmod, String s, TypeContext ctx) {
        switch (type) {
            case BOOL: return parseBool(s);
            case INT2VECTOR: case OIDVECTOR: return vectorIn(type, s);
            case INT2: return (short) parseInteger(s, PgType.INT2, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT4: return (int) parseInteger(s, PgType.INT4, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT8: return parseInteger(s, PgType.INT8, Long.MIN_VALUE, Long.MAX_VALUE);
            case XID8: return parseInteger(s, type, 0, Long.MAX_VALUE);    // full xids: epoch 0, never past 2^63
            case OID: case XID: {
                long v = parseInteger(s, type, -4294967296L, 4294967295L);
                return v < 0 ? v + 4294967296L : v;
            }
            case NUMERIC: return NumericSupport.applyTypmod(parseNumericValue(s), typmod);
            case FLOAT4: {
                double d = parseFloat(s, PgType.FLOAT4);
                // strtof rounds the decimal once, straight to float; (float) of the double
                // would round twice and can miss the nearest float by one ulp
                float f = Double.isNaN(d) || Double.isInfinite(d) ? (float) d : Float.parseFloat(s.strip());
                if ((Float.isInfinite(f) && !Double.isInfinite(d)) || (f == 0 && d != 0)) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + s + "\" is out of range for type real");
                }
                return f;
            }
            case FLOAT8: return parseFloat(s, PgType.FLOAT8);
            case TEXT: case UNKNOWN: return s;
            case VARCHAR: return Coercions.varcharTypmod(s, typmod, false);
            case BPCHAR: return Coercions.bpcharTypmod(s, typmod < 0 ? -1 : typmod, false);
            case NAME: return Coercions.truncateName(s);
            case CHAR: return charIn(s);
            case INET: return parseInet(s);
            case TIMESTAMPTZ: case TIMESTAMP: return parseTimestamp(s, type == PgType.TIMESTAMPTZ, ctx);
            case DATE: return parseDate(s, ctx);
            case INTERVAL: return IntervalFormat.input(s, typmod);
            case TIME: return TimeFormat.inputTime(s);
            case TIMETZ: return TimeFormat.inputTimeTz(s, ctx.timeZone(), ctx.nowMicros());
            case UUID: return parseUuid(s);
            case JSON: JsonParser.parseJson(s); return s;      // json_in validates and keeps the text
            case JSONB: return Jsonb.parse(s);
            case JSONPATH: return JsonPath.parse(s);
            case BYTEA: return ByteaFormat.input(s);
            case REGCLASS: return RegclassIo.input(s);
            case REGNAMESPACE: return RegclassIo.namespaceInput(s);
            case REGPROC: return RegprocIo.input(s);
            case REGTYPE: return regtypeIn(s);
            case PG_LSN: return PgLsn.input(s);
            case TID: return Tid.input(s);
            case MONEY: return Money.input(s);
            case POINT: return org.tusk.engine.types.geo.GeoText.pointIn(s);
            case LSEG: return org.tusk.engine.types.geo.GeoText.lsegIn(s);
            case BOX: return org.tusk.engine.types.geo.GeoText.boxIn(s);
            case LINE: return org.tusk.engine.types.geo.GeoText.lineIn(s);
            case PATH: return org.tusk.engine.types.geo.GeoText.pathIn(s);
            case POLYGON: return org.tusk.engine.types.geo.GeoText.polygonIn(s);
            case CIRCLE: return org.tusk.engine.types.geo.GeoText.circleIn(s);
            case RECORD: return RecordFormat.input(RowTypes.ofTypmod(typmod), s, ctx);
            case INT4RANGE: case INT8RANGE: case NUMRANGE: case DATERANGE: case TSRANGE: case TSTZRANGE:
                return RangeFormat.input(type, s, ctx);
            case ANYENUM: return s;     // a label of an enum not known here: placed when it meets one (EnumValue)
            default:
                if (type.isArray()) {
                    return ArrayInput.parse(type, typmod, s, ctx);
                }
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type " + type.displayName());
        }
    }

    /**
     * charin (and text_char): a backslash and three octal digits name the byte,
     * otherwise the first byte; the value is a String of zero or one char 1..255.
     */
    public static String charIn(String s) {
        if (s.length() == 4 && s.charAt(0) == '\\' && isOctal(s.charAt(1)) && isOctal(s.charAt(2)) && isOctal(s.charAt(3))) {
            int v = ((s.charAt(1) - '0') << 6 | (s.charAt(2) - '0') << 3 | (s.charAt(3) - '0')) & 0xFF;
            return v == 0 ? "" : String.valueOf((char) v);
        }
        if (s.isEmpty()) {
            return "";
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return String.valueOf((char) (utf8[0] & 0xFF));
    }

    /** charout (and char_text): a byte with the high bit set prints as a backslash and three octal digits. */
    public static String charOut(String v) {
        if (v.isEmpty()) {
            return "";
        }
        char ch = v.charAt(0);
        if (ch >= 128) {
            return "\\" + (char) ('0' + (ch >> 6 & 3)) + (char) ('0' + (ch >> 3 & 7)) + (char) ('0' + (ch & 7));
        }
        return v;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /** The first day dates and timestamps can hold: Julian day 0, 4714-11-24 BC. */
    private static final java.time.LocalDate JULIAN_DAY_ZERO = java.time.LocalDate.of(-4713, 11, 24);

    /** date_in: DecodeDateTime's fields (any DateStyle order, month names, BC), time of day ignored. */
    static int parseDate(String s, TypeContext ctx) {
        DateTimeParser.Result r = DateTimeParser.decode(s, "date", ctx);
        switch (r.kind()) {
            case INFINITY: return Integer.MAX_VALUE;
            case NEG_INFINITY: return Integer.MIN_VALUE;
            case EPOCH: return -10957;
            case NOW: {
                java.time.LocalDate today = DateTimes.toInstant(ctx.nowMicros()).atZone(ctx.timeZone()).toLocalDate();
                return (int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2000, 1, 1), today);
            }
            default: {
                java.time.LocalDate d = r.local().toLocalDate();
                if (d.isBefore(JULIAN_DAY_ZERO) || d.getYear() > 5874897) {
                    throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + s + "\"");
                }
                return (int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2000, 1, 1), d);
            }
        }
    }

    /** timestamp_in / timestamptz_in: a zone in the text counts only for timestamptz. */
    static long parseTimestamp(String s, boolean withTimeZone, TypeContext ctx) {
        DateTimeParser.Result r = DateTimeParser.decode(s, withTimeZone ? "timestamp with time zone" : "timestamp", ctx);
        switch (r.kind()) {
            case INFINITY: return Long.MAX_VALUE;
            case NEG_INFINITY: return Long.MIN_VALUE;
            case EPOCH: return -DateTimes.PG_EPOCH_UNIX_SECONDS * 1_000_000L;
            case NOW:
                return withTimeZone ? ctx.nowMicros() : DateTimes.timestamptzToTimestamp(ctx.nowMicros(), ctx.timeZone());
            default: {
                if (r.local().toLocalDate().isBefore(JULIAN_DAY_ZERO) || r.local().getYear() > 294276) {
                    throw Ereport.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + s + "\"");
                }
                return withTimeZone ? r.toUtcMicros(ctx.timeZone()) : r.localMicros();
            }
        }
    }

    /** uuid_in: 32 hex digits, optionally in braces, with a hyphen allowed after any group of four. */
    static java.util.UUID parseUuid(String s) {
        String v = s;
        if (v.startsWith("{") && v.endsWith("}") && v.length() > 2) {
            v = v.substring(1, v.length() - 1);
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                hex.append(c);
            } else if (c == '-' && hex.length() > 0 && hex.length() % 4 == 0 && i + 1 < v.length() && v.charAt(i + 1) != '-') {
                continue;
            } else {
                throw Ereport.invalidInput("uuid", s);
            }
        }
        if (hex.length() != 32) {
            throw Ereport.invalidInput("uuid", s);
        }
        return new java.util.UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    static boolean parseBool(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!v.isEmpty()) {
            if ("true".startsWith(v) || "yes".startsWith(v) || v.equals("on") || v.equals("1")) {
                return true;
            }
            if ("false".startsWith(v) || "no".startsWith(v) || (v.length() >= 2 && "off".startsWith(v)) || v.equals("0")) {
                return false;
            }
        }
        throw Ereport.invalidInput("boolean", s);
    }

    static long parseInteger(String s, PgType type, long min, long max) {
        String v = s.strip();
        int i = 0;
        boolean negative = false;
        if (!v.isEmpty() && (v.charAt(0) == '+' || v.charAt(0) == '-')) {
            negative = v.charAt(0) == '-';
            i = 1;
        }
        if (i >= v.length()) {
            throw Ereport.invalidInput(type.displayName(), s);
        }
        // pg_strtoint16/32/64: accumulate as a negative number (its range is the larger one) and
        // stop with "out of range" as soon as a digit leaves the type's range, before any later
        // character is looked at; other types keep checking the syntax first. (A BigInteger
        // per digit was 6% of COPY's CPU in pgbench -i.)
        boolean strtoint = type == PgType.INT2 || type == PgType.INT4 || type == PgType.INT8;
        long bound = strtoint ? min : Long.MIN_VALUE;
        long acc = 0;
        boolean overflow = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw Ereport.invalidInput(type.displayName(), s);
            }
            int digit = c - '0';
            if (acc < (bound + digit) / 10) {          // acc * 10 - digit would pass the bound
                if (strtoint) {
                    throw outOfRange(s, type);
                }
                overflow = true;
            } else {
                acc = acc * 10 - digit;
            }
        }
        if (!negative) {
            overflow |= acc == Long.MIN_VALUE;
            acc = -acc;
        }
        if (overflow || acc < min || acc > max) {
            throw outOfRange(s, type);
        }
        return acc;
    }

    private static org.tusk.api.error.PgException outOfRange(String s, PgType type) {
        return Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + s + "\" is out of range for type " + type.displayName());
    }

    /** numeric_in: a decimal number, or NaN / [+-]Infinity / [+-]inf in any case. */
    public static Object parseNumericValue(String s) {
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "nan": case "+nan": case "-nan":
                if (s.strip().toLowerCase(Locale.ROOT).equals("nan")) {
                    return NumericSpecial.NAN;
                }
                break;
            case "infinity": case "+infinity": case "inf": case "+inf": return NumericSpecial.POSITIVE_INFINITY;
            case "-infinity": case "-inf": return NumericSpecial.NEGATIVE_INFINITY;
            default: break;
        }
        return parseNumeric(s);
    }

    public static BigDecimal parseNumeric(String s) {
        String v = s.strip();
        if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw Ereport.invalidInput("numeric", s);
        }
        return NumericSupport.normalize(new BigDecimal(v.startsWith("+") ? v.substring(1) : v));
    }

    static double parseFloat(String s, PgType type) {
        String v = s.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan": return Double.NaN;
            case "infinity": case "+infinity": case "inf": case "+inf": return Double.POSITIVE_INFINITY;
            case "-infinity": case "-inf": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw Ereport.invalidInput(type.displayName(), s);
        }
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d) || (d == 0 && new BigDecimal(v).signum() != 0)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type " + type.displayName());
        }
        return d;
    }

    static String parseInet(String s) {
        String v = s.strip();
        String addr = v;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            addr = v.substring(0, slash);
        }
        boolean ok = addr.matches("(\\d{1,3})(\\.\\d{1,3}){3}") || (addr.contains(":") && addr.matches("[0-9a-fA-F:.]+"));
        if (!ok) {
            throw Ereport.invalidInput("inet", s);
        }
        if (slash >= 0 && addr.indexOf(':') < 0 && v.substring(slash + 1).equals("32")) {
            return addr;
        }
        return v;
    }
}
