package org.tusk.engine.func;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

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

    @Test
    void anEscapedCharacterEndsABracketExpressionsStart() {
        // EXPLAIN shows f1 ~ '^(?:[\a].*)$' for SIMILAR TO '[|a]%' ESCAPE '|'
        assertEquals("^(?:[\\a].*)$", Regex.similarToRegex("[|a]%", "|"));
    }

    @Test
    void substringSimilarPrefersTheShortestFirstPart() {
        // substring('abcdefg' similar 'a*#"%#"g*' escape '#') is 'abcdefg' in PostgreSQL 15
        assertEquals("abcdefg", RegexFunctions.substring("abcdefg", Regex.similarToRegex("a*#\"%#\"g*", "#")));
        assertEquals("bcdef", RegexFunctions.substring("abcdefg", Regex.similarToRegex("a#\"%#\"g", "#")));
        assertEquals("bcdef", RegexFunctions.substring("abcdefg", Regex.similarToRegex("a|b#\"%#\"g", "#")));
        assertEquals("bcdef", RegexFunctions.substring("abcdefg", Regex.similarToRegex("a#\"%|ab#\"g", "#")));
        assertEquals("bcd", RegexFunctions.substring("abcdefg", Regex.similarToRegex("a#\"(b_d)#\"%", "#")));
    }

    @Test
    void regexErrorsUsePostgresTexts() {
        assertEquals("invalid regular expression: parentheses () not balanced", assertThrows(PgException.class,
                () -> Regex.compile("(barbeque", 0)).getMessage());
        assertEquals("invalid regular expression: invalid repetition count(s)", assertThrows(PgException.class,
                () -> Regex.compile("(bar)(beque){2,1}", 0)).getMessage());
    }

    @Test
    void newlineSensitiveCaretMatchesAfterATrailingNewline() {
        // regexp_matches(E'1\n2\n3\n4\n', '^.?', 'mg') returns 5 rows, the last empty
        java.util.regex.Matcher m = Regex.compile("^.?", Regex.flags("m", null).javaFlags()).matcher("1\n2\n3\n4\n");
        int n = 0;
        while (m.find()) {
            n++;
        }
        assertEquals(5, n);
        // without newline sensitivity '$' is the end of the string only
        assertFalse(Regex.compile("c$", Regex.flags("", null).javaFlags()).matcher("abc\n").find());
    }
}
