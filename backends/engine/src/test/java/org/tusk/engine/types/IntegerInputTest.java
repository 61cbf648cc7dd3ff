package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/**
 * int2in / int4in / int8in (pg_strtoint16/32/64): answers and errors recorded from PostgreSQL 15,
 * including that a digit leaving the type's range is "out of range" even when a bad character
 * follows.
 */
class IntegerInputTest {

    private static String in(PgType type, String text) {
        try {
            return String.valueOf(TextFormat.input(type, -1, text, TypeContext.DEFAULT));
        } catch (PgException e) {
            return e.sqlState() + " " + e.getMessage();
        }
    }

    @Test
    void rangesSignsAndErrorsAsPostgres() {
        assertEquals("2147483647", in(PgType.INT4, "2147483647"));
        assertEquals("-2147483648", in(PgType.INT4, "  -2147483648 "));
        assertEquals("22003 value \"2147483648\" is out of range for type integer", in(PgType.INT4, "2147483648"));
        assertEquals("22003 value \"-2147483649\" is out of range for type integer", in(PgType.INT4, "-2147483649"));
        assertEquals("22003 value \"99999999999999a\" is out of range for type integer",
                in(PgType.INT4, "99999999999999a"));
        assertEquals("22P02 invalid input syntax for type integer: \"12a\"", in(PgType.INT4, "12a"));
        assertEquals("22P02 invalid input syntax for type integer: \"-\"", in(PgType.INT4, "-"));
        assertEquals("22P02 invalid input syntax for type integer: \"\"", in(PgType.INT4, ""));
        assertEquals("5", in(PgType.INT4, "+5"));
        assertEquals("0", in(PgType.INT4, "-0"));
        assertEquals("-32768", in(PgType.INT2, "-32768"));
        assertEquals("22003 value \"32768\" is out of range for type smallint", in(PgType.INT2, "32768"));
        assertEquals("9223372036854775807", in(PgType.INT8, "9223372036854775807"));
        assertEquals("-9223372036854775808", in(PgType.INT8, "-9223372036854775808"));
        assertEquals("22003 value \"9223372036854775808\" is out of range for type bigint",
                in(PgType.INT8, "9223372036854775808"));
        assertEquals("22003 value \"-9223372036854775809\" is out of range for type bigint",
                in(PgType.INT8, "-9223372036854775809"));
        assertEquals("22003 value \"99999999999999999999a\" is out of range for type bigint",
                in(PgType.INT8, "99999999999999999999a"));
    }
}
