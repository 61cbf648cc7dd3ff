package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/** array_in's errors and their DETAILs, as PostgreSQL 15 reports them for {@code 'literal'::text[]}. */
class ArrayInputDetailTest {
    private static String detail(String literal) {
        PgException e = assertThrows(PgException.class,
                () -> TextFormat.input(PgType.TEXT_ARRAY, -1, literal, TypeContext.DEFAULT));
        assertEquals("22P02", e.sqlState(), literal);
        assertEquals("malformed array literal: \"" + literal + "\"", e.getMessage());
        return e.detail();
    }

    @Test
    void braceStructure() {
        assertEquals("Unexpected \"{\" character.", detail("{{1,{2}},{2,3}}"));
        assertEquals("Unexpected \"}\" character.", detail("{{},{}}"));
        assertEquals("Unexpected \"\\\" character.", detail("{{1,2},\\{2,3}}"));
        assertEquals("Unexpected array element.", detail("{{\"1 2\" x},{3}}"));
        assertEquals("Junk after closing right brace.", detail("{}}"));
        assertEquals("Junk after closing right brace.", detail("{ }}"));
        assertEquals("Unexpected end of input.", detail("{1,2"));
        assertEquals("Unexpected end of input.", detail("{a\\"));
        assertEquals("Unexpected \",\" character.", detail("{1,,2}"));
        assertEquals("Unexpected \"}\" character.", detail("{1,}"));
        assertEquals("Unexpected array element.", detail("{{1},2}"));
        assertEquals("Unexpected array element.", detail("{a\"b\"}"));
        assertEquals("Multidimensional arrays must have sub-arrays with matching dimensions.", detail("{{1,2},{3}}"));
    }

    @Test
    void dimensionDecorations() {
        assertEquals("Array value must start with \"{\" or dimension information.", detail("1"));
        assertEquals("\"[\" must introduce explicitly-specified array dimensions.", detail("[a]={1}"));
        assertEquals("Missing array dimension value.", detail("[1:]={1}"));
        assertEquals("Missing \"]\" after array dimensions.", detail("[1 : 1]={1}"));
        assertEquals("Missing \"=\" after array dimensions.", detail("[1:1]{1}"));
        assertEquals("Array contents must start with \"{\".", detail("[1:1]=1"));
        assertEquals("Specified array dimensions do not match array contents.", detail("[1:2]={1}"));
        assertEquals("Specified array dimensions do not match array contents.", detail("[1:1]={}"));
        assertEquals("[0:1]={a,b}", ArrayFormat.output(
                (ArrayValue) TextFormat.input(PgType.TEXT_ARRAY, -1, " [0:1] = {a,b}", TypeContext.DEFAULT),
                TypeContext.DEFAULT));
    }

    @Test
    void charLengthCoercionOfElements() {
        // INSERT INTO arrtest (f) VALUES ('{"too long"}') with f char(5)[]: 22001, and short ones are padded
        PgException e = assertThrows(PgException.class, () -> org.tusk.engine.func.Coercion.applyTypmod(
                PgType.BPCHAR_ARRAY, ArrayValue.of(PgType.BPCHAR, "too long"), 9, false, null));
        assertEquals("value too long for type character(5)", e.getMessage());
        assertEquals("{\"abc  \",abcde}", ArrayFormat.output((ArrayValue) org.tusk.engine.func.Coercion.applyTypmod(
                PgType.BPCHAR_ARRAY, ArrayValue.of(PgType.BPCHAR, "abc", "abcde"), 9, false, null),
                TypeContext.DEFAULT));
    }

    @Test
    void intervalInputTakesAtSignsAsDelimiters() {
        // '@ 1 hour @ 42 minutes @ 20 seconds'::interval is 01:42:20; '@' alone is invalid
        assertEquals(new Interval(0, 0, (3600L + 42 * 60 + 20) * 1_000_000L),
                IntervalFormat.input("@ 1 hour @ 42 minutes @ 20 seconds"));
        assertThrows(PgException.class, () -> IntervalFormat.input("@"));
    }
}
