package org.tusk.engine.guc;

import org.tusk.api.setting.GucUnit;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * One configuration parameter's definition (config_generic): canonical name,
 * kind, context, flags and boot value. Values are kept as the canonical string
 * SHOW prints; {@link #normalize} checks and canonicalises an input value.
 */
public final class GucVariable {
    private final String name;
    private final GucType type;
    private final GucContext context;
    private final String bootValue;
    private final String description;
    private final boolean report;
    private final GucUnit unit;
    private final long min;
    private final long max;
    private final List<String> enumValues;
    private final UnaryOperator<String> customCheck;
    private final boolean listQuote;

    GucVariable(String name, GucType type, GucContext context, String bootValue, String description, boolean report,
            GucUnit unit, long min, long max, List<String> enumValues, UnaryOperator<String> customCheck,
            boolean listQuote) {
        this.name = name;
        this.type = type;
        this.context = context;
        this.bootValue = bootValue;
        this.description = description;
        this.report = report;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.enumValues = enumValues;
        this.customCheck = customCheck;
        this.listQuote = listQuote;
    }

    /** A placeholder for a custom "prefix.name" variable, as define_custom_variable's placeholder. */
    static GucVariable placeholder(String name) {
        return new GucVariable(name, GucType.STRING, GucContext.USER, "", "", false, GucUnit.NONE, 0, 0, List.of(),
                null, false);
    }

    public String name() { return name; }
    public GucType type() { return type; }
    public GucContext context() { return context; }
    public String bootValue() { return bootValue; }
    public String description() { return description; }
    public boolean isReported() { return report; }
    public boolean isListQuote() { return listQuote; }
    public GucUnit unit() { return unit; }
    /** The minimum of an INT/REAL variable (pg_settings.min_val). */
    public long min() { return min; }
    /** The maximum of an INT/REAL variable (pg_settings.max_val). */
    public long max() { return max; }
    /** The values of an ENUM variable (pg_settings.enumvals). */
    public List<String> enumValues() { return enumValues; }

    /** parse_and_validate_value: the canonical SHOW form of {@code value}, or ERROR 22023. */
    public String normalize(String value) {
        return normalize(value, name);
    }

    /** As {@link #normalize(String)}; messages name the variable as the user spelled it, as guc.c does. */
    public String normalize(String value, String shownName) {
        switch (type) {
            case BOOL: {
                Boolean b = parseBool(value);
                if (b == null) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + shownName + "\" requires a Boolean value");
                }
                return b ? "on" : "off";
            }
            case INT: {
                Long v = unit.parse(value);
                if (v == null) {
                    PgException e = Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"" + shownName + "\": \"" + value + "\"");
                    throw unit == GucUnit.NONE ? e : e.withHint(unit.hint());
                }
                if (v < min || v > max) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, value.trim() + " is outside the valid range for parameter \""
                            + shownName + "\" (" + min + " .. " + max + ")");
                }
                return unit.format(v);
            }
            case REAL: {
                double d;
                try {
                    d = Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"" + shownName + "\": \"" + value + "\"");
                }
                // reals defined without a range (max Long.MAX_VALUE) take any value, as before
                if (max != Long.MAX_VALUE && (d < min || d > max)) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, value.trim()
                            + " is outside the valid range for parameter \"" + shownName + "\" (" + min + " .. " + max + ")");
                }
                return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
            case ENUM: {
                String lower = value.trim().toLowerCase(Locale.ROOT);
                for (String e : enumValues) {
                    if (e.equalsIgnoreCase(lower)) {
                        return e;
                    }
                }
                throw new PgException(Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"" + shownName + "\": \"" + value + "\"", null,
                        "Available values: " + String.join(", ", enumValues) + ".", 0, null);
            }
            default:
                return customCheck == null ? value : customCheck.apply(value);
        }
    }

    static Boolean parseBool(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return null;
        }
        if ("true".startsWith(v) || "yes".startsWith(v) || v.equals("on") || v.equals("1")) {
            return true;
        }
        if ("false".startsWith(v) || "no".startsWith(v) || (v.length() >= 2 && "off".startsWith(v)) || v.equals("0")) {
            return false;
        }
        return null;
    }

    /** check_timezone: accepts zone names case-insensitively and shows the tz database's spelling. */
    static String checkTimeZone(String value) {
        String v = value.trim();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(v)) {
                return id;
            }
        }
        if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")) {
            return v.toUpperCase(Locale.ROOT);
        }
        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \"" + value + "\"");
    }

    /** check_datestyle: "ISO, MDY" style, either part optional. */
    static String checkDateStyle(String value) {
        String style = "ISO";
        String order = "MDY";
        boolean haveOrder = false;
        for (String part : value.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            switch (p) {
                case "ISO": style = "ISO"; break;
                case "SQL": style = "SQL"; break;
                case "POSTGRES": style = "Postgres"; break;
                case "GERMAN":
                    style = "German";
                    if (!haveOrder) {
                        order = "DMY"; // German implies DMY unless an order is given
                    }
                    break;
                case "MDY": case "US": case "NONEURO": case "NONEUROPEAN": order = "MDY"; haveOrder = true; break;
                case "DMY": case "EURO": case "EUROPEAN": order = "DMY"; haveOrder = true; break;
                case "YMD": order = "YMD"; haveOrder = true; break;
                case "DEFAULT": style = "ISO"; order = "MDY"; break;
                default:
                    throw new PgException(Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"DateStyle\": \"" + value + "\"",
                            "Unrecognized key word: \"" + part.trim().toLowerCase(Locale.ROOT) + "\".", null, 0, null);
            }
        }
        return style + ", " + order;
    }

    static String checkClientEncoding(String value) {
        String clean = value.trim().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        if (clean.equals("utf8") || clean.equals("unicode")) {
            return "UTF8";
        }
        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"client_encoding\": \"" + value + "\"");
    }

    static String checkServerEncodingLike(String value) {
        return value;
    }
}
