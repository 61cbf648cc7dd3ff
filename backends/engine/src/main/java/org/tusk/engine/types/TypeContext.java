package org.tusk.engine.types;

import java.time.ZoneId;

/**
 * The session settings that type input and output depend on (TimeZone,
 * extra_float_digits, bytea_output), plus the transaction's start time for
 * the special input 'now', and DateStyle ("ISO, MDY" or "Postgres, MDY|DMY|YMD").
 */
public record TypeContext(ZoneId timeZone, int extraFloatDigits, long nowMicros, boolean byteaOutputEscape,
        String dateStyle) {
    public static final TypeContext DEFAULT = new TypeContext(ZoneId.of("Etc/UTC"), 1, 0L);

    /** DateStyle "ISO, MDY". */
    public TypeContext(ZoneId timeZone, int extraFloatDigits, long nowMicros, boolean byteaOutputEscape) {
        this(timeZone, extraFloatDigits, nowMicros, byteaOutputEscape, "ISO, MDY");
    }

    /** Output in DateStyle Postgres ("Mon Jan 17 10:00:00 2000 PST") rather than ISO. */
    public boolean postgresDateStyle() {
        return dateStyle != null && dateStyle.startsWith("Postgres");
    }

    /** The DMY field order of DateStyle (day before month in Postgres-style output). */
    public boolean dayBeforeMonth() {
        return dateStyle != null && dateStyle.endsWith("DMY");
    }

    /** bytea_output = hex. */
    public TypeContext(ZoneId timeZone, int extraFloatDigits, long nowMicros) {
        this(timeZone, extraFloatDigits, nowMicros, false);
    }
}
