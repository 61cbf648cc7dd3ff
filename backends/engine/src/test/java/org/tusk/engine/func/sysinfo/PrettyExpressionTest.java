package org.tusk.engine.func.sysinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Pretty pg_get_expr / pg_get_indexdef / pg_get_constraintdef text from stored expressions: casts of a
 * column, an unsigned number or a literal lose their parentheses, as PostgreSQL 15's pretty printer
 * prints them (psql's \d: {@code btree ((qty + 1), (price * 2::numeric))}); non-pretty text is kept.
 */
class PrettyExpressionTest {

    @Test
    void simpleCastOperandsLoseTheirParentheses() {
        assertEquals("price * 2::numeric", ObjectDefinitions.expression("(price * (2)::numeric)", true));
        assertEquals("(price * (2)::numeric)", ObjectDefinitions.expression("(price * (2)::numeric)", false));
        assertEquals("(x > y::numeric) AND (t.a::text = 'a)::b'::text)",
                ObjectDefinitions.expression("((x > (y)::numeric) AND ((t.a)::text = ('a)::b')::text))", true));
        assertEquals("lower(name)::text", ObjectDefinitions.expression("lower(name)::text", true));
        assertEquals("(a + b)::numeric", ObjectDefinitions.expression("(a + b)::numeric", true));
        assertEquals("(-1)::numeric", ObjectDefinitions.expression("(-1)::numeric", true));
        assertEquals("'it''s'::text", ObjectDefinitions.expression("('it''s')::text", true));
    }
}
