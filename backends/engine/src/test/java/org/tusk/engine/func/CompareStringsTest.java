package org.tusk.engine.func;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** text's "C" order is code point order (UTF-8 byte order), not Java's UTF-16 order. */
class CompareStringsTest {

    @Test
    void codePointOrderWithTheFastPaths() {
        assertEquals(0, Comparisons.compareStrings(" ".repeat(84), " ".repeat(84)));
        assertEquals(-1, Comparisons.compareStrings("abc", "abd"));
        assertEquals(1, Comparisons.compareStrings("abcd", "abc"));
        assertEquals(-1, Comparisons.compareStrings("", "a"));
        // U+1F600 (a surrogate pair in UTF-16) sorts after U+FFFD by code point, before it in UTF-16
        assertEquals(1, Comparisons.compareStrings("x\uD83D\uDE00", "x\uFFFD"));
        assertEquals(-1, Comparisons.compareStrings("x\uFFFD", "x\uD83D\uDE00"));
        assertEquals(-1, Comparisons.compareStrings("\uD83D\uDE00", "\uD83D\uDE01"));
    }
}
