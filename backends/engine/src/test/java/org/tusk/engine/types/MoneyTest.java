package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/** money's input and output; expected answers from PostgreSQL 15 with lc_monetary C.UTF-8. */
class MoneyTest {

    @Test
    void outputGroupsThousandsAndPlacesTheSignBeforeTheSymbol() {
        assertEquals("$1,000.00", Money.output(100_000));
        assertEquals("-$1.00", Money.output(-100));
        assertEquals("$0.05", Money.output(5));
        assertEquals("-$92,233,720,368,547,758.08", Money.output(Long.MIN_VALUE));
        assertEquals("$92,233,720,368,547,758.07", Money.output(Long.MAX_VALUE));
    }

    @Test
    void inputAcceptsSymbolsSeparatorsSignsAndRounds() {
        assertEquals(-1235, Money.input("(12.345)"));
        assertEquals(-12346, Money.input(" $ -1,2,3.455 "));
        assertEquals(-100, Money.input("1-"));
        assertEquals(120, Money.input("1.2 $"));
        assertEquals(100, Money.input("+1"));
        assertEquals(1100, Money.input("11"));
        assertEquals(Long.MIN_VALUE, Money.input("-92233720368547758.08"));
    }

    @Test
    void inputErrors() {
        PgException syntax = assertThrows(PgException.class, () -> Money.input("abc"));
        assertEquals("22P02", syntax.sqlState());
        assertEquals("invalid input syntax for type money: \"abc\"", syntax.getMessage());
        PgException range = assertThrows(PgException.class, () -> Money.input("92233720368547758.08"));
        assertEquals("22003", range.sqlState());
        assertEquals("value \"92233720368547758.08\" is out of range for type money", range.getMessage());
    }

    @Test
    void numericConversions() {
        assertEquals(1300, Money.fromNumeric(new BigDecimal("12.999")));
        assertEquals(new BigDecimal("-1.50"), Money.toNumeric(-150));
        assertEquals(1000, Money.fromInteger(10));
        assertThrows(PgException.class, () -> Money.fromNumeric(new BigDecimal("1e30")));
    }
}
