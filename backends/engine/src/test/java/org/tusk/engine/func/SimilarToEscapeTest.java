package org.tusk.engine.func;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** similar_to_escape's translation of SIMILAR TO patterns, recorded from PostgreSQL 15 (the strings regression file). */
class SimilarToEscapeTest {

    @Test
    void bracketExpressionsNestAndLeadingBracketsAreLiteral() {
        assertEquals("^(?:.[_[:alpha:]_].)$", Regex.similarToRegex("_[_[:alpha:]_]_", null));
        assertEquals("^(?:.*[%[:alnum:]%].*)$", Regex.similarToRegex("%[%[:alnum:]%]%", null));
        assertEquals("^(?:\\.[.[:alnum:].]\\.)$", Regex.similarToRegex(".[.[:alnum:].].", null));
        assertEquals("^(?:(?:)[([:alnum:](](?:))$", Regex.similarToRegex("()[([:alnum:](]()", null));
        assertEquals("^(?:[]%][^]%][^%].*)$", Regex.similarToRegex("[]%][^]%][^%]%", null));
        assertEquals("^(?:\\^[^[:alnum:]^[^^][[^^]][\\^][[\\^]]\\^]\\^)$",
                Regex.similarToRegex("^[^[:alnum:]^[^^][[^^]][\\^][[\\^]]\\^]^", null));
    }
}
