package org.tusk.engine.types;

import java.time.ZoneId;

/**
 * The session settings that type input and output depend on (TimeZone,
 * extra_float_digits, bytea_output, IntervalStyle, DateStyle), plus the transaction's start time for
 * the special input 'now'.
 */
public record TypeContext(ZoneId timeZone, int extraFloatDigits, long nowMicros, boolean byteaOutputEscape,
        String intervalStyle, String dateStyle) {
    public static final TypeContext DEFAULT = new TypeContext(ZoneId.of("Etc/UTC"), 1, 0L);

    /** IntervalStyle postgres, DateStyle ISO, MDY. */
    public TypeContext(ZoneId timeZone, int extraFloatDigits, long nowMicros, boolean byteaOutputEscape) {
        this(timeZone, extraFloatDigits, nowMicros, byteaOutputEscape, "postgres", "ISO, MDY");
    }

    /** bytea_output = hex. */
    public TypeContext(ZoneId timeZone, int extraFloatDigits, long nowMicros) {
        this(timeZone, extraFloatDigits, nowMicros, false);
    }
}
